// End to end (soap-wire.md §2-§4): the served Authentication WSDL imported by the two other SOAP
// toolkits integrators use, Python zeep and PHP SoapClient, which then authenticate demo users through
// it and read success, replay and unknown-user answers with their own deserializers.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hotp } from '../../src/otp/hotp.js';
import { totp } from '../../src/otp/totp.js';
import { findTool, needTool, startE2E, type E2E } from './support.js';

const SECRET = Buffer.from('12345678901234567890');
const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const OPERATIONS = ['authUser', 'cancelAuthUser', 'getChallenge', 'getPreparedSecureChallenge', 'getSecureChallenge', 'updatePassword'];

/** Python zeep: each [userId, password] of argv[2] (JSON) through authUser; the answers as JSON. */
const ZEEP_CLIENT = `import sys, json, zeep
from zeep import xsd
c = zeep.Client(sys.argv[1])
S = c.get_type('{http://www.w3.org/2001/XMLSchema}string')
U = c.get_type('{http://www.w3.org/2001/XMLSchema}unsignedInt')
def attr(v, i, t=S): return {'value': xsd.AnyObject(t, v), 'attributeID': i}
def ask(user, password):
    r = c.service.authUser(credentialAttributeSet={'attributes': [attr('SOAP Auth Client', 'CREDFLD_COMPONENT_TYPE'),
        attr(user, 'CREDFLD_USERID'), attr(0, 'CREDFLD_PASSWORD_FORMAT', U), attr(password, 'CREDFLD_PASSWORD')]})['results']
    codes = r['resultCodes']
    return {'status': codes['statusCodeEnum'], 'statusCode': codes['statusCode'], 'returnCode': codes['returnCodeEnum'],
        'attributes': {a['attributeID']: a['value'] for a in (r['resultAttribute']['attributes'] or [])}}
ops = sorted(c.service._binding._operations.keys())
print(json.dumps({'operations': ops, 'answers': [ask(u, p) for u, p in json.loads(sys.argv[2])]}))
`;

/** PHP SoapClient: the same, with xsi:typed values as PHP's SoapVar writes them. */
const PHP_CLIENT = `<?php
$c = new SoapClient($argv[1], ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
$v = fn($s, $t = XSD_STRING, $n = 'string') => new SoapVar($s, $t, $n, 'http://www.w3.org/2001/XMLSchema');
$ask = function ($user, $password) use ($c, $v) {
  $r = $c->authUser(['credentialAttributeSet' => ['attributes' => [
    ['value' => $v('SOAP Auth Client'), 'attributeID' => 'CREDFLD_COMPONENT_TYPE'], ['value' => $v($user), 'attributeID' => 'CREDFLD_USERID'],
    ['value' => $v('0', XSD_UNSIGNEDINT, 'unsignedInt'), 'attributeID' => 'CREDFLD_PASSWORD_FORMAT'],
    ['value' => $v($password), 'attributeID' => 'CREDFLD_PASSWORD']]]])->authUserResults->results;
  $attrs = [];
  foreach ((array) ($r->resultAttribute->attributes ?? []) as $a) $attrs[$a->attributeID] = $a->value;
  return ['status' => $r->resultCodes->statusCodeEnum, 'statusCode' => $r->resultCodes->statusCode,
    'returnCode' => $r->resultCodes->returnCodeEnum, 'attributes' => $attrs];
};
$ops = array_map(fn($f) => preg_replace('/^\\S+ (\\w+)\\(.*$/', '$1', $f), $c->__getFunctions());
sort($ops);
echo json_encode(['operations' => $ops, 'answers' => array_map(fn($q) => $ask($q[0], $q[1]), json_decode($argv[2]))]);
`;

interface Answer { status: string; statusCode: number; returnCode: string; attributes: Record<string, unknown> }
interface Run { operations: string[]; answers: Answer[] }

const zeepPython = findTool(['python3', '/usr/bin/python3'], ['-c', 'import zeep']);
const phpSoap = findTool(['php'], ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);']);

describe('end to end: Python zeep and PHP SoapClient on the Authentication WSDL', function () {
  this.timeout(60_000);
  let e: E2E;
  before(async () => { e = await startE2E({ now: () => T }); });
  after(() => e.stop());

  async function run(command: string, name: string, script: string, requests: [string, string][]): Promise<Run> {
    const file = join(e.dir, name);
    writeFileSync(file, script);
    const { stdout } = await promisify(execFile)(command, [file, `${e.url}?wsdl`, JSON.stringify(requests)]);
    return JSON.parse(stdout) as Run;
  }

  function expectAnswers(out: Run, serial: string): void {
    expect(out.operations).to.deep.equal(OPERATIONS);
    const [success, replay, unknown] = out.answers;
    expect(success).to.deep.include({ status: 'STAT_SUCCESS', statusCode: 0, returnCode: 'RET_SUCCESS' });
    expect(success!.attributes).to.include({ CREDFLD_SERIAL_NO: serial });
    expect(replay).to.deep.include({ status: 'STAT_OTP_REPLAY', statusCode: 1008, returnCode: 'RET_FAILURE' });
    expect(unknown).to.deep.include({ statusCode: 1010, returnCode: 'RET_FAILURE' });
  }

  it('Python zeep imports it and authenticates through it (HOTP)', async function () {
    const python = needTool(this, zeepPython, 'Python zeep', 'python3-zeep');
    const otp = hotp(SECRET, 0, 6, 'SHA1');
    expectAnswers(await run(python, 'auth-client.py', ZEEP_CLIENT, [['john.smith', otp], ['john.smith', otp], ['nobody', '123456']]), 'VDS0000002');
  });

  it('PHP SoapClient imports it and authenticates through it (server PIN + TOTP)', async function () {
    const php = needTool(this, phpSoap, 'PHP SoapClient', 'php-cli php-soap');
    const password = `1234${totp(SECRET, T, 30, 6, 'SHA1')}`;
    expectAnswers(await run(php, 'auth-client.php', PHP_CLIENT, [['jane.doe', password], ['jane.doe', password], ['nobody', '123456']]), 'VDS0000001');
  });
});
