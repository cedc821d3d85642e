# The line-driven client of the SOAP::WSDL end-to-end test (test/e2e/clients/support.ts describes the
# lines), on the classes `wsdl2perl -b lib -p Auth|Admin` generated from the served WSDLs (run with
# `perl -Ilib`; they call the address the WSDLs gave). Each request line is one call. SOAP::WSDL neither writes nor
# reads xsi:type (its manual says so), so two small subclasses bridge that: values that write their
# xsi:type, and typemaps that read the xsd:anyType attribute values as strings.
use strict;
use warnings;
use AuthInterfaces::Authentication::AuthenticationPort;
use AdminInterfaces::Administration::AdministrationPort;

# Values written with their xsi:type, as a real IDENTIKEY server requires (CREDFLD_PASSWORD_FORMAT: xsd:unsignedInt).
for my $type (qw(string unsignedInt boolean)) {
  no strict 'refs';
  @{"Identikey::Typed::${type}::ISA"} = ("SOAP::WSDL::XSD::Typelib::Builtin::$type");
  *{"Identikey::Typed::${type}::serialize_attr"} = sub { qq{ xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="xsd:$type"} };
}

# The generated typemaps, with xsd:anyType (the attribute values) read as a string.
sub any_as_string { my $class = shift; return defined $class && $class eq 'SOAP::WSDL::XSD::Typelib::Builtin::anyType' ? 'SOAP::WSDL::XSD::Typelib::Builtin::string' : $class }
package Identikey::AuthTypemap { use parent -norequire, 'AuthTypemaps::Authentication'; sub get_class { main::any_as_string(shift->SUPER::get_class(@_)) } }
package Identikey::AdminTypemap { use parent -norequire, 'AdminTypemaps::Administration'; sub get_class { main::any_as_string(shift->SUPER::get_class(@_)) } }

package main;
my $auth = AuthInterfaces::Authentication::AuthenticationPort->new({ class_resolver => 'Identikey::AuthTypemap' });
my $admin = AdminInterfaces::Administration::AdministrationPort->new({ class_resolver => 'Identikey::AdminTypemap' });
$| = 1;

my %TYPES = ('' => 'string', u => 'unsignedInt', b => 'boolean');

# `ID=value`, `ID:u=value` (xsd:unsignedInt), `ID:b=value` (xsd:boolean) -> an attribute set.
sub attrs {
  return { attributes => [map {
    my ($key, $text) = split /=/, $_, 2;
    my ($id, $kind) = split /:/, $key, 2;
    +{ attributeID => $id, value => ('Identikey::Typed::' . $TYPES{ $kind // '' })->new({ value => $text }) };
  } @_] };
}

sub line {
  my $results = shift;
  my $set = $results->get_resultAttribute;
  my @found = $set ? @{ $set->get_attributes || [] } : ();
  my $text = sub { my $v = shift; return defined $v ? "$v" : '' };
  return join "\t", $text->($results->get_resultCodes->get_statusCodeEnum), $text->($results->get_resultCodes->get_statusCode),
    map { $text->($_->get_attributeID) . '=' . $text->($_->get_value) } @found;
}

# The answer's body (a call returns body and header in list context); a SOAP::WSDL fault object is false.
sub body { my $answer = shift; die "$answer\n" if !$answer; return $answer }

sub call {
  my ($op, @rest) = @_;
  return line(body(scalar $auth->authUser({ credentialAttributeSet => attrs(@rest) }))->get_authUserResults->get_results) if $op eq 'authUser';
  return line(body(scalar $auth->getChallenge({ credentialAttributeSet => attrs(@rest) }))->get_results) if $op eq 'getChallenge';
  return line(body(scalar $admin->logon({ attributeSet => attrs(@rest) }))->get_results) if $op eq 'logon';
  return line(body(scalar $admin->logoff({ sessionID => $rest[0] }))->get_results) if $op eq 'logoff';
  if ($op eq 'userExecute' || $op eq 'digipassExecute') {
    my ($session, $cmd, @fields) = @rest;
    return line(body(scalar $admin->$op({ sessionID => $session, cmd => $cmd, attributeSet => attrs(@fields) }))->get_results);
  }
  die "unknown operation $op\n";
}

while (my $request = <STDIN>) {
  chomp $request;
  my $answer = eval { call(split /\t/, $request, -1) };
  ($answer = "ERROR\t-1\tmessage=" . ($@ =~ s/\s+/ /gr)) if !defined $answer;
  print "$answer\n";
}
