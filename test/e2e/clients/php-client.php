<?php
// The line-driven client of the PHP SoapClient end-to-end test (test/e2e/clients/support.ts describes the
// lines): php-soap loads both services from the served WSDLs (argv: Authentication WSDL URL,
// Administration WSDL URL); each request line is one call, values typed with SoapVar.
$options = ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE];
$auth = new SoapClient($argv[1], $options);
$admin = new SoapClient($argv[2], $options);

/** `ID=value`, `ID:u=value` (xsd:unsignedInt), `ID:b=value` (xsd:boolean) -> an attribute set. */
function attrs(array $fields): array {
  $types = ['' => [XSD_STRING, 'string'], 'u' => [XSD_UNSIGNEDINT, 'unsignedInt'], 'b' => [XSD_BOOLEAN, 'boolean']];
  return ['attributes' => array_map(function (string $field) use ($types) {
    [$name, $text] = explode('=', $field, 2);
    [$id, $kind] = array_pad(explode(':', $name, 2), 2, '');
    $value = $kind === 'u' ? (int) $text : ($kind === 'b' ? $text === 'true' : $text);
    return ['attributeID' => $id, 'value' => new SoapVar($value, $types[$kind][0], $types[$kind][1], 'http://www.w3.org/2001/XMLSchema')];
  }, $fields)];
}

function text($value): string {
  return is_bool($value) ? ($value ? 'true' : 'false') : (string) $value;
}

function line($results): string {
  $out = [$results->resultCodes->statusCodeEnum, $results->resultCodes->statusCode];
  foreach ((array) ($results->resultAttribute->attributes ?? []) as $a) $out[] = $a->attributeID . '=' . text($a->value ?? '');
  return implode("\t", $out);
}

function call(array $f, SoapClient $auth, SoapClient $admin): string {
  $rest = array_slice($f, 1);
  switch ($f[0]) {
    case 'authUser': return line($auth->authUser(['credentialAttributeSet' => attrs($rest)])->authUserResults->results);
    case 'getChallenge': return line($auth->getChallenge(['credentialAttributeSet' => attrs($rest)])->results);
    case 'logon': return line($admin->logon(['attributeSet' => attrs($rest)])->results);
    case 'logoff': return line($admin->logoff(['sessionID' => $rest[0]])->results);
    case 'userExecute':
    case 'digipassExecute':
      return line($admin->{$f[0]}(['sessionID' => $rest[0], 'cmd' => $rest[1], 'attributeSet' => attrs(array_slice($rest, 2))])->results);
  }
  throw new InvalidArgumentException("unknown operation {$f[0]}");
}

while (($request = fgets(STDIN)) !== false) {
  try {
    $answer = call(explode("\t", rtrim($request, "\n")), $auth, $admin);
  } catch (Throwable $e) {
    $answer = "ERROR\t-1\tmessage=" . get_class($e) . ': ' . preg_replace('/\s+/', ' ', $e->getMessage());
  }
  echo $answer, "\n";
}
