# The line-driven client of the SOAP::Lite end-to-end test (test/e2e/clients/support.ts describes the
# lines): SOAP::Lite->service (libsoap-lite-perl) builds stubs of both services from the served WSDLs
# (argv: Authentication WSDL URL, Administration WSDL URL); each request line is one call, values typed
# with SOAP::Data. SOAP::Lite dies on an xsi:type it does not know (the server's
# BASIC-TYPES:StatusCodeEnum), so its deserializer reads such simple values as their text.
use strict;
use warnings;
use SOAP::Lite;

package Identikey::Deserializer {
  use parent -norequire, 'SOAP::Deserializer';
  sub typecast { my ($self, $value, $name, $attrs, $children, $type) = @_; return ref $children ? undef : $value }
}

my $auth = SOAP::Lite->service($ARGV[0]);
my $admin = SOAP::Lite->service($ARGV[1]);
$_->deserializer(Identikey::Deserializer->new) for $auth, $admin;
$| = 1;

my %TYPES = ('' => 'string', u => 'unsignedInt', b => 'boolean');

# `ID=value`, `ID:u=value` (xsd:unsignedInt), `ID:b=value` (xsd:boolean) -> an attribute set named $name.
sub set {
  my ($name, @fields) = @_;
  my @attributes = map {
    my ($key, $text) = split /=/, $_, 2;
    my ($id, $kind) = split /:/, $key, 2;
    SOAP::Data->name(attributes => \SOAP::Data->value(SOAP::Data->name(value => $text)->type($TYPES{ $kind // '' }),
      SOAP::Data->name(attributeID => $id)));
  } @fields;
  return SOAP::Data->name($name => \SOAP::Data->value(@attributes));
}

sub line {
  my $results = shift;
  my $found = ref $results->{resultAttribute} ? $results->{resultAttribute}{attributes} : undef;
  my @attributes = ref $found eq 'ARRAY' ? @$found : ref $found ? ($found) : ();
  return join "\t", $results->{resultCodes}{statusCodeEnum}, $results->{resultCodes}{statusCode},
    map { "$_->{attributeID}=" . ($_->{value} // '') } @attributes;
}

sub call {
  my ($op, @rest) = @_;
  return line($auth->authUser(set(credentialAttributeSet => @rest))->{results}) if $op eq 'authUser';
  return line($auth->getChallenge(set(credentialAttributeSet => @rest))) if $op eq 'getChallenge';
  return line($admin->logon(set(attributeSet => @rest))) if $op eq 'logon';
  return line($admin->logoff(SOAP::Data->name(sessionID => $rest[0]))) if $op eq 'logoff';
  if ($op eq 'userExecute' || $op eq 'digipassExecute') {
    my ($session, $cmd, @fields) = @rest;
    return line($admin->$op(SOAP::Data->name(sessionID => $session), SOAP::Data->name(cmd => $cmd), set(attributeSet => @fields)));
  }
  die "unknown operation $op\n";
}

while (my $request = <STDIN>) {
  chomp $request;
  my $answer = eval { call(split /\t/, $request, -1) };
  ($answer = "ERROR\t-1\tmessage=" . ($@ =~ s/\s+/ /gr)) if !defined $answer;
  print "$answer\n";
}
