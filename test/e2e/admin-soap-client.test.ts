// End to end (soap-wire.md §4 admin shapes, demo-seed.md): the `soap` npm client loads the served
// Administration WSDL from the real server and logs the demo administrator on, views and queries
// users, and logs off, reading every answer through the client; each command the WSDL lists is known.
// PHP's SoapClient does the same where php-cli has its soap extension.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as soap from 'soap';
import { findTool, needTool, startE2E, post, statusOf, type E2E } from './support.js';

const OPTIONS = { attributesKey: '$attributes' };
/** A value with its xsi:type (`xsd:string`): node-soap declares the prefix only when xsi_type names its namespace. */
const typed = (value: string, type: string, attributeID: string) => ({
  value: { $value: value, $attributes: { xsi_type: { type: type.replace(/^xsd:/, ''), prefix: 'xsd', xmlns: 'http://www.w3.org/2001/XMLSchema' } } }, attributeID,
});

interface Attr { attributeID: string; value?: { $value: unknown } }
interface Results {
  resultCodes: { statusCodeEnum: { $value: string }; returnCodeEnum: { $value: string } };
  resultAttribute: { attributes?: Attr | Attr[]; attributeList?: { attributes: Attr | Attr[] } | { attributes: Attr | Attr[] }[] };
  errorStack: { errors?: unknown };
}

const status = (r: Results) => r.resultCodes.statusCodeEnum.$value;
const byId = (attrs: Attr | Attr[] | undefined): Record<string, unknown> =>
  Object.fromEntries([attrs ?? []].flat().map((a) => [a.attributeID, a.value?.$value]));
const rows = (r: Results): Record<string, unknown>[] => [r.resultAttribute.attributeList ?? []].flat().map((l) => byId(l.attributes));

const logonArgs = (password: string) => ({ attributeSet: { attributes: [
  typed('admin', 'xsd:string', 'CREDFLD_USERID'), typed('master', 'xsd:string', 'CREDFLD_DOMAIN'),
  typed('0', 'xsd:unsignedInt', 'CREDFLD_PASSWORD_FORMAT'), typed(password, 'xsd:string', 'CREDFLD_PASSWORD'),
] } });

/** The enumeration values of one simpleType of the served XSD. */
function enumOf(xsd: string, type: string): string[] {
  const start = xsd.indexOf(`<xsd:simpleType name="${type}">`);
  const body = xsd.slice(start, xsd.indexOf('</xsd:simpleType>', start));
  return [...body.matchAll(/<xsd:enumeration value="([^"]+)"\/>/g)].map((m) => m[1]);
}

const executeXml = (op: string, sessionId: string, cmd: string) =>
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:adm="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration">'
  + `<soapenv:Body><adm:${op}><sessionID>${sessionId}</sessionID><cmd>${cmd}</cmd><attributeSet/></adm:${op}></soapenv:Body></soapenv:Envelope>`;

const phpSoap = findTool(['php'], ['-r', 'exit(class_exists("SoapClient") ? 0 : 1);']);

/** PHP SoapClient: logon, USERCMD_VIEW of jane.doe, a userQuery and logoff; answers as JSON. */
const PHP_CLIENT = `<?php
$c = new SoapClient($argv[1], ['exceptions' => true, 'cache_wsdl' => WSDL_CACHE_NONE]);
$v = fn($s, $t = XSD_STRING, $n = 'string') => new SoapVar($s, $t, $n, 'http://www.w3.org/2001/XMLSchema');
$out = ['functions' => array_map(fn($f) => preg_replace('/^\\S+ (\\w+)\\(.*$/', '$1', $f), $c->__getFunctions())];
$logon = $c->logon(['attributeSet' => ['attributes' => [
  ['value' => $v('admin'), 'attributeID' => 'CREDFLD_USERID'],
  ['value' => $v('0', XSD_UNSIGNEDINT, 'unsignedInt'), 'attributeID' => 'CREDFLD_PASSWORD_FORMAT'],
  ['value' => $v($argv[2]), 'attributeID' => 'CREDFLD_PASSWORD']]]]);
$out['logon'] = $logon->results->resultCodes->statusCodeEnum;
foreach ($logon->results->resultAttribute->attributes as $a) if ($a->attributeID === 'CREDFLD_SESSION_ID') $sid = $a->value;
$view = $c->userExecute(['sessionID' => $sid, 'cmd' => 'USERCMD_VIEW', 'attributeSet' => ['attributes' => [
  ['value' => $v('jane.doe'), 'attributeID' => 'USERFLD_USERID']]]]);
foreach ($view->results->resultAttribute->attributes as $a) $out['user'][$a->attributeID] = $a->value;
$q = $c->userQuery(['sessionID' => $sid, 'attributeSet' => ['attributes' => [['value' => $v('j*'), 'attributeID' => 'USERFLD_USERID']]],
  'fieldSet' => ['attributeID' => ['USERFLD_USERID']]]);
foreach ($q->results->resultAttribute->attributeList as $row) $out['rows'][] = $row->attributes->value;
$out['logoff'] = $c->logoff(['sessionID' => $sid])->results->resultCodes->statusCodeEnum;
echo json_encode($out);
`;

describe('end to end: the soap client and the Administration WSDL', function () {
  this.timeout(30_000);
  let e: E2E;
  let client: soap.Client;
  before(async () => {
    e = await startE2E();
    client = await soap.createClientAsync(`${e.url}Administration?wsdl`, OPTIONS);
  });
  after(() => e.stop());

  it('refuses a wrong administrator password', async () => {
    const [r] = await client.logonAsync(logonArgs('wrong-password'));
    expect(r.results.resultCodes.returnCodeEnum.$value).to.equal('RET_FAILURE');
    expect(byId(r.results.resultAttribute.attributes)).to.not.have.property('CREDFLD_SESSION_ID');
  });

  it('logs on, views a demo user, queries users and logs off', async () => {
    const [logon] = await client.logonAsync(logonArgs('Admin-Passw0rd'));
    expect(status(logon.results)).to.equal('STAT_SUCCESS');
    const sessionID = byId(logon.results.resultAttribute.attributes).CREDFLD_SESSION_ID as string;
    expect(sessionID).to.be.a('string').and.not.be.empty;

    const [view] = await client.userExecuteAsync({ sessionID, cmd: 'USERCMD_VIEW', attributeSet: { attributes: [
      typed('jane.doe', 'xsd:string', 'USERFLD_USERID'), typed('master', 'xsd:string', 'USERFLD_DOMAIN'),
    ] } });
    expect(status(view.results)).to.equal('STAT_SUCCESS');
    expect(byId(view.results.resultAttribute.attributes)).to.include({
      USERFLD_USERID: 'jane.doe', USERFLD_DOMAIN: 'master', USERFLD_DISABLED: 'false', USERFLD_HAS_DP: 'Assigned', USERFLD_ASSIGNED_DIGIPASS: 'VDS0000001',
    });

    const [query] = await client.userQueryAsync({
      sessionID, attributeSet: { attributes: [typed('j*', 'xsd:string', 'USERFLD_USERID')] },
      fieldSet: { attributeID: ['USERFLD_USERID', 'USERFLD_ASSIGNED_DIGIPASS'] }, queryOptions: { rowcount: 10 },
    });
    expect(status(query.results)).to.equal('STAT_SUCCESS');
    expect(rows(query.results)).to.deep.equal([
      { USERFLD_USERID: 'jane.doe', USERFLD_ASSIGNED_DIGIPASS: 'VDS0000001' },
      { USERFLD_USERID: 'john.smith', USERFLD_ASSIGNED_DIGIPASS: 'VDS0000002' },
    ]);

    const [none] = await client.userQueryAsync({ sessionID, attributeSet: { attributes: [typed('nobody*', 'xsd:string', 'USERFLD_USERID')] } });
    expect(status(none.results)).to.equal('STAT_NOT_FOUND');

    const [alive] = await client.sessionaliveAsync({ sessionID });
    expect(status(alive.results)).to.equal('STAT_SUCCESS');
    const [logoff] = await client.logoffAsync({ sessionID });
    expect(status(logoff.results)).to.equal('STAT_SUCCESS');
    const [after] = await client.sessionaliveAsync({ sessionID });
    expect(status(after.results)).to.equal('STAT_ADMIN_SESSION_STOPPED');
  });

  it('knows every command the WSDL lists (an empty attribute set is a missing field, not an unknown command)', async () => {
    const [logon] = await client.logonAsync(logonArgs('Admin-Passw0rd'));
    const sessionId = byId(logon.results.resultAttribute.attributes).CREDFLD_SESSION_ID as string;
    const xsd = await (await fetch(`${e.url}wsdl/AdministrationTypes.xsd`)).text();
    const families: [string, string][] = [['userExecute', 'UserCmdEnum'], ['digipassExecute', 'DigipassCmdEnum'], ['digipassapplExecute', 'DigipassApplCmdEnum']];
    for (const [op, type] of families) {
      const commands = enumOf(xsd, type);
      expect(commands, type).to.not.be.empty;
      for (const cmd of commands) expect(statusOf((await post(e.url, executeXml(op, sessionId, cmd))).text), cmd).to.equal('STAT_MISSINGFLD');
      expect(statusOf((await post(e.url, executeXml(op, sessionId, `${commands[0]}_NOT_A_COMMAND`))).text)).to.equal('STAT_INVDATA');
    }
    await client.logoffAsync({ sessionID: sessionId });
  });

  it('PHP SoapClient imports it and administers through it', async function () {
    const php = needTool(this, phpSoap, 'PHP SoapClient', 'php-cli php-soap');
    const script = join(e.dir, 'admin-client.php');
    writeFileSync(script, PHP_CLIENT);
    const { stdout } = await promisify(execFile)(php, [script, `${e.url}?wsdl=Administration`, 'Admin-Passw0rd']);
    const out = JSON.parse(stdout) as { functions: string[]; logon: string; user: Record<string, unknown>; rows: string[]; logoff: string };
    expect(out.functions).to.have.members(['logon', 'logoff', 'sessionalive', 'userExecute', 'digipassExecute', 'digipassapplExecute', 'userQuery', 'digipassQuery',
      'componentExecute', 'policyExecute']);
    expect(out.logon).to.equal('STAT_SUCCESS');
    expect(out.user).to.include({ USERFLD_USERID: 'jane.doe', USERFLD_DISABLED: false, USERFLD_LOCK_COUNT: 0, USERFLD_ASSIGNED_DIGIPASS: 'VDS0000001' });
    expect(out.rows).to.deep.equal(['jane.doe', 'john.smith']);
    expect(out.logoff).to.equal('STAT_SUCCESS');
  });
});
