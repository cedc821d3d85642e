<?php
// PHP SoapClient (php-cli, php-soap) client of both served WSDLs, run by dynamic-stacks.test.ts: the
// scenario of scenario.ts in one process (argv[1] = the plan as JSON; the challenge goes out on a line of
// stdout, the answer comes back on stdin; the outcome is the last line). Values are typed with SoapVar.
$plan = json_decode($argv[1], true);
$options = ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE];
$auth = new SoapClient($plan['authWsdl'], $options);
$admin = new SoapClient($plan['adminWsdl'], $options);

/** [attributeID, value, XSD type] triples -> an attribute set whose values carry their xsi:type. */
function attrs(array ...$items): array {
  $typed = ['string' => XSD_STRING, 'unsignedInt' => XSD_UNSIGNEDINT, 'boolean' => XSD_BOOLEAN];
  return ['attributes' => array_map(fn($i) => ['attributeID' => $i[0],
    'value' => new SoapVar($i[1], $typed[$i[2] ?? 'string'], $i[2] ?? 'string', 'http://www.w3.org/2001/XMLSchema')], $items)];
}

function reply($results): array {
  $found = [];
  foreach ((array) ($results->resultAttribute->attributes ?? []) as $a) $found[$a->attributeID] = $a->value ?? null;
  return ['status' => $results->resultCodes->statusCodeEnum, 'attributes' => (object) $found];
}

function credentials(string $user, array ...$more): array {
  return attrs(['CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client'], ['CREDFLD_USERID', $user], ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ...$more);
}

$authUser = fn(string $user, array ...$more) => reply($auth->authUser(['credentialAttributeSet' => credentials($user, ...$more)])->authUserResults->results);
$operations = fn(SoapClient $c) => array_values(array_unique(array_map(fn($f) => preg_replace('/^\S+ (\w+)\(.*$/s', '$1', $f), $c->__getFunctions())));

$out = ['operations' => ['auth' => $operations($auth), 'admin' => $operations($admin)]];
$out['wrongOtp'] = $authUser($plan['user'], ['CREDFLD_PASSWORD', $plan['wrongPassword']]);
$out['authUser'] = $authUser($plan['user'], ['CREDFLD_PASSWORD', $plan['password']]);
$out['replay'] = $authUser($plan['user'], ['CREDFLD_PASSWORD', $plan['password']]);
$out['challenge'] = reply($auth->getChallenge(['credentialAttributeSet' => credentials($plan['challengeUser'])])->results);
echo ($out['challenge']['attributes']->CREDFLD_CHALLENGE ?? ''), "\n";
$out['answer'] = $authUser($plan['challengeUser'], ['CREDFLD_CHALLENGE_KEY', $out['challenge']['attributes']->CREDFLD_CHALLENGE_KEY ?? ''],
  ['CREDFLD_PASSWORD', trim(fgets(STDIN))]);

$out['logon'] = reply($admin->logon(['attributeSet' => attrs(['CREDFLD_USERID', $plan['admin']], ['CREDFLD_DOMAIN', $plan['domain']],
  ['CREDFLD_PASSWORD_FORMAT', 0, 'unsignedInt'], ['CREDFLD_PASSWORD', $plan['adminPassword']])])->results);
$session = $out['logon']['attributes']->CREDFLD_SESSION_ID ?? '';
$user = [['USERFLD_USERID', $plan['newUser']], ['USERFLD_DOMAIN', $plan['domain']]];
$serial = ['DIGIPASSFLD_SERNO', $plan['serial']];
$execute = fn(string $op, string $cmd, array ...$items) => reply($admin->$op(['sessionID' => $session, 'cmd' => $cmd, 'attributeSet' => attrs(...$items)])->results);
$out['userCreate'] = $execute('userExecute', 'USERCMD_CREATE', ...$user, ...[['USERFLD_LOCAL_AUTH', 'Default'], ['USERFLD_BACKEND_AUTH', 'Default'],
  ['USERFLD_DISABLED', false, 'boolean'], ['USERFLD_LOCKED', false, 'boolean']]);
$out['userView'] = $execute('userExecute', 'USERCMD_VIEW', ...$user);
$out['assign'] = $execute('digipassExecute', 'DIGIPASSCMD_ASSIGN', $serial, ['DIGIPASSFLD_ASSIGNED_USERID', $plan['newUser']], ['DIGIPASSFLD_DOMAIN', $plan['domain']]);
$out['digipassView'] = $execute('digipassExecute', 'DIGIPASSCMD_VIEW', $serial);
$out['unassign'] = $execute('digipassExecute', 'DIGIPASSCMD_UNASSIGN', $serial);
$out['userDelete'] = $execute('userExecute', 'USERCMD_DELETE', ...$user);
$out['logoff'] = reply($admin->logoff(['sessionID' => $session])->results);
echo json_encode($out), "\n";
