# Perl SOAP::Lite (libsoap-lite-perl) client of both served WSDLs, run by dynamic-stacks.test.ts: the
# scenario of scenario.ts in one process (argv[0] = the plan as JSON; the challenge goes out on a line of
# stdout, the answer comes back on stdin; the outcome is the last line). SOAP::Lite->service builds the
# stubs from the WSDL; SOAP::Data values carry their xsi:type. SOAP::Lite dies on an xsi:type it does not
# know (the server's BASIC-TYPES:StatusCodeEnum), so the deserializer reads such simple values as text.
use strict;
use warnings;
use JSON::PP;
use SOAP::Lite;

package Identikey::Deserializer {
  use parent -norequire, 'SOAP::Deserializer';
  # Leaf values of the service's own simple types (enumerations) as their text.
  sub typecast { my ($self, $value, $name, $attrs, $children, $type) = @_; return ref $children ? undef : $value }
}

my $plan = decode_json($ARGV[0]);
my $auth = SOAP::Lite->service($plan->{authWsdl});
my $admin = SOAP::Lite->service($plan->{adminWsdl});
$_->deserializer(Identikey::Deserializer->new) for $auth, $admin;
$| = 1;

# [attributeID, value, XSD type] triples -> the elements of an attribute set, values typed.
sub attrs {
  return map { my ($id, $value, $type) = @$_;
    SOAP::Data->name(attributes => \SOAP::Data->value(SOAP::Data->name(value => $value)->type($type // 'string'),
      SOAP::Data->name(attributeID => $id)));
  } @_;
}
sub set { my $name = shift; return SOAP::Data->name($name => \SOAP::Data->value(attrs(@_))) }
sub list { my $x = shift; return ref $x eq 'ARRAY' ? @$x : defined $x && ref $x ? ($x) : () }

sub reply {
  my $results = shift;
  my $found = ref $results->{resultAttribute} ? $results->{resultAttribute}{attributes} : undef;
  return { status => $results->{resultCodes}{statusCodeEnum}, attributes => { map { ($_->{attributeID} => $_->{value}) } list($found) } };
}

sub credentials {
  my $user = shift;
  return set(credentialAttributeSet => ['CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'], ['CREDFLD_USERID', $user],
    ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], @_);
}
sub auth_user { return reply($auth->authUser(credentials(@_))->{results}) }

my %out;
$out{wrongOtp} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{wrongPassword}]);
$out{authUser} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{password}]);
$out{replay} = auth_user($plan->{user}, ['CREDFLD_PASSWORD', $plan->{password}]);
$out{challenge} = reply($auth->getChallenge(credentials($plan->{challengeUser})));
print(($out{challenge}{attributes}{CREDFLD_CHALLENGE} // ''), "\n");
chomp(my $response = <STDIN> // '');
$out{answer} = auth_user($plan->{challengeUser}, ['CREDFLD_CHALLENGE_KEY', $out{challenge}{attributes}{CREDFLD_CHALLENGE_KEY}],
  ['CREDFLD_PASSWORD', $response]);

$out{logon} = reply($admin->logon(set(attributeSet => ['CREDFLD_USERID', $plan->{admin}], ['CREDFLD_DOMAIN', $plan->{domain}],
  ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ['CREDFLD_PASSWORD', $plan->{adminPassword}])));
my $session = SOAP::Data->name(sessionID => $out{logon}{attributes}{CREDFLD_SESSION_ID})->type('string');
my @user = (['USERFLD_USERID', $plan->{newUser}], ['USERFLD_DOMAIN', $plan->{domain}]);
my @serial = (['DIGIPASSFLD_SERNO', $plan->{serial}]);
sub execute { my ($op, $cmd, @items) = @_; return reply($admin->$op($session, SOAP::Data->name(cmd => $cmd), set(attributeSet => @items))) }
$out{userCreate} = execute('userExecute', 'USERCMD_CREATE', @user, ['USERFLD_LOCAL_AUTH', 'Default'], ['USERFLD_BACKEND_AUTH', 'Default'],
  ['USERFLD_DISABLED', 'false', 'boolean'], ['USERFLD_LOCKED', 'false', 'boolean']);
$out{userView} = execute('userExecute', 'USERCMD_VIEW', @user);
$out{assign} = execute('digipassExecute', 'DIGIPASSCMD_ASSIGN', @serial, ['DIGIPASSFLD_ASSIGNED_USERID', $plan->{newUser}],
  ['DIGIPASSFLD_DOMAIN', $plan->{domain}]);
$out{digipassView} = execute('digipassExecute', 'DIGIPASSCMD_VIEW', @serial);
$out{unassign} = execute('digipassExecute', 'DIGIPASSCMD_UNASSIGN', @serial);
$out{userDelete} = execute('userExecute', 'USERCMD_DELETE', @user);
$out{logoff} = reply($admin->logoff($session));
print encode_json(\%out), "\n";
