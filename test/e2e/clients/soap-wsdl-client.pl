# Perl SOAP::WSDL (libsoap-wsdl-perl) client of both served WSDLs, run by dynamic-stacks.test.ts with the
# classes `wsdl2perl -p Auth` and `wsdl2perl -p Admin` generated from them on @INC: the scenario of
# scenario.ts in one process (argv[0] = the plan as JSON; the challenge goes out on a line of stdout, the
# answer comes back on stdin; the outcome is the last line). SOAP::WSDL neither writes nor reads xsi:type
# (its manual says so), so two small subclasses bridge that: typed values, and a typemap that reads the
# xsd:anyType attribute values as strings.
use strict;
use warnings;
use JSON::PP;
use AuthInterfaces::Authentication::AuthenticationPort;
use AdminInterfaces::Administration::AdministrationPort;

# A value written with the xsi:type a real IDENTIKEY server requires (CREDFLD_PASSWORD_FORMAT: xsd:unsignedInt).
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
my $plan = decode_json($ARGV[0]);
my $auth = AuthInterfaces::Authentication::AuthenticationPort->new({ class_resolver => 'Identikey::AuthTypemap' });
my $admin = AdminInterfaces::Administration::AdministrationPort->new({ class_resolver => 'Identikey::AdminTypemap' });
$| = 1;

# [attributeID, value, XSD type] triples -> an attribute set whose values carry their xsi:type.
sub attrs { return { attributes => [map { { attributeID => $_->[0], value => ('Identikey::Typed::' . ($_->[2] // 'string'))->new({ value => $_->[1] }) } } @_] } }

sub reply {
  my $results = shift;
  die "$results\n" if !$results;    # a SOAP::WSDL fault object is false
  my $set = $results->get_resultAttribute;
  my @found = $set ? @{ $set->get_attributes || [] } : ();
  my $text = sub { my $v = shift; return defined $v ? "$v" : undef };
  return { status => $text->($results->get_resultCodes->get_statusCodeEnum),
    attributes => { map { ($text->($_->get_attributeID) => $text->($_->get_value)) } @found } };
}

sub credentials {
  my $user = shift;
  return { credentialAttributeSet => attrs(['CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'], ['CREDFLD_USERID', $user],
    ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], @_) };
}
sub auth_user { my $r = $auth->authUser(credentials(@_)); die "$r\n" if !$r; return reply($r->get_authUserResults->get_results) }
sub results { my $r = shift; die "$r\n" if !$r; return reply($r->get_results) }

my %out;
$out{wrongOtp} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{wrongPassword}]);
$out{authUser} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{password}]);
$out{replay} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{password}]);
$out{challenge} = results($auth->getChallenge(credentials($plan->{challengeUser})));
print(($out{challenge}{attributes}{CREDFLD_CHALLENGE} // ''), "\n");
chomp(my $response = <STDIN> // '');
$out{answer} = auth_user($plan->{challengeUser}, ['CREDFLD_CHALLENGE_KEY', $out{challenge}{attributes}{CREDFLD_CHALLENGE_KEY}],
  ['CREDFLD_PASSWORD', $response]);

$out{logon} = results($admin->logon({ attributeSet => attrs(['CREDFLD_USERID', $plan->{admin}], ['CREDFLD_DOMAIN', $plan->{domain}],
  ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ['CREDFLD_PASSWORD', $plan->{adminPassword}]) }));
my $session = $out{logon}{attributes}{CREDFLD_SESSION_ID};
my @user = (['USERFLD_USERID', $plan->{newUser}], ['USERFLD_DOMAIN', $plan->{domain}]);
my @serial = (['DIGIPASSFLD_SERNO', $plan->{serial}]);
sub execute { my ($op, $cmd, @items) = @_; return results($admin->$op({ sessionID => $session, cmd => $cmd, attributeSet => attrs(@items) })) }
$out{userCreate} = execute('userExecute', 'USERCMD_CREATE', @user, ['USERFLD_LOCAL_AUTH', 'Default'], ['USERFLD_BACKEND_AUTH', 'Default'],
  ['USERFLD_DISABLED', 'false', 'boolean'], ['USERFLD_LOCKED', 'false', 'boolean']);
$out{userView} = execute('userExecute', 'USERCMD_VIEW', @user);
$out{assign} = execute('digipassExecute', 'DIGIPASSCMD_ASSIGN', @serial, ['DIGIPASSFLD_ASSIGNED_USERID', $plan->{newUser}],
  ['DIGIPASSFLD_DOMAIN', $plan->{domain}]);
$out{digipassView} = execute('digipassExecute', 'DIGIPASSCMD_VIEW', @serial);
$out{unassign} = execute('digipassExecute', 'DIGIPASSCMD_UNASSIGN', @serial);
$out{userDelete} = execute('userExecute', 'USERCMD_DELETE', @user);
$out{logoff} = results($admin->logoff({ sessionID => $session }));
print encode_json(\%out), "\n";
