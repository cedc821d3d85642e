// One request log line per request (docs/operations/monitoring.md): door, operation, user, serial, status,
// duration and source, through every door; never a password, PIN, OTP, session id or API key, at debug either.
import { expect } from 'chai';
import { accessRequest } from '../doors/radius/support.js';
import { post } from '../e2e/support.js';
import { JANE_OTP, authUser, logged, startObserved, udpClient, type Observed } from './observe-support.js';

const LOGON = (password: string) => '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
  + 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:adm="http://www.vasco.com/IdentikeyServer/IdentikeyTypes/Administration"><soapenv:Body><adm:logon><attributeSet>'
  + '<attributes><value xsi:type="xsd:string">admin</value><attributeID>CREDFLD_USERID</attributeID></attributes>'
  + `<attributes><value xsi:type="xsd:string">${password}</value><attributeID>CREDFLD_PASSWORD</attributeID></attributes>`
  + '</attributeSet></adm:logon></soapenv:Body></soapenv:Envelope>';

const requests = (o: Observed) => logged(o, 'request');

describe('request log: one line per request, never a secret', function () {
  this.timeout(30_000);
  let o: Observed;
  before(async () => { o = await startObserved({}, { radius: true, level: 'debug' }); });
  after(async () => { await o.stop(); });

  it('logs a SOAP authUser with door, operation, user, serial, status, duration and source', async () => {
    const n = requests(o).length;
    expect(await authUser(o.url, 'jane.doe', `1234${JANE_OTP}`)).to.equal('STAT_SUCCESS');
    const lines = requests(o).slice(n);
    expect(lines).to.have.length(1);
    const line = lines[0]!;
    expect(line).to.include({ level: 30, door: 'soap', operation: 'authUser', user: 'jane.doe', domain: 'master', serial: 'VDS0000001', status: 'STAT_SUCCESS', source: '127.0.0.1' });
    expect(line.durationMs).to.be.a('number').and.to.be.greaterThan(0);
  });

  it('logs a RADIUS Access-Request with the engine status, and a REST validate by its route', async () => {
    const nas = await udpClient();
    try {
      expect(await nas.send(accessRequest({ user: 'jane.doe', password: '1234135790' }).bytes, o.radius!.port)).to.be.instanceOf(Buffer);
    } finally { nas.close(); }
    const radius = requests(o).filter((l) => l.door === 'radius');
    expect(radius).to.have.length(1);
    expect(radius[0]).to.include({ operation: 'Access-Request', user: 'jane.doe', source: '127.0.0.1' });
    expect(String(radius[0]!.status)).to.match(/^STAT_/);
    await fetch(`${o.url}validate?api_key=demo-api-key&userid=jane.doe&token=556677&format=1`);
    const rest = requests(o).filter((l) => l.door === 'rest');
    expect(rest).to.have.length(1);
    expect(rest[0]).to.include({ operation: 'GET /validate', user: 'jane.doe', status: 'STAT_OTP_INCORRECT' });
  });

  it('logs an admin logon under the administrator, and a Fault with its reason at debug', async () => {
    const reply = await post(o.url, LOGON('Admin-Passw0rd'));
    const session = /<value[^>]*>([^<]{16,})<\/value>\s*<attributeID>CREDFLD_SESSION_ID/.exec(reply.text)?.[1];
    expect(session, 'a session id in the logon reply').to.be.a('string');
    await post(o.url, '<soapenv:Envelope>');
    const soap = requests(o).filter((l) => l.door === 'soap');
    expect(soap.find((l) => l.operation === 'logon')).to.include({ user: 'admin', status: 'STAT_SUCCESS' });
    expect(soap.at(-1)).to.include({ operation: 'unknown', status: 'SOAP_FAULT_CLIENT' });
    expect(soap.at(-1)!.detail).to.be.a('string');
    const all = o.lines.join('');
    expect(all).to.not.contain(session!);
  });

  it('never holds a password, PIN + OTP, OTP or API key, whatever the door', async () => {
    await authUser(o.url, 'alice.static', 'Alice-Passw0rd');
    await authUser(o.url, 'jane.doe', '1234918273');
    const all = o.lines.join('');
    for (const secret of [`1234${JANE_OTP}`, JANE_OTP, 'Alice-Passw0rd', 'Admin-Passw0rd', '918273', '1234135790', '135790', '556677', 'demo-api-key', 'testing123']) {
      expect(all, secret).to.not.contain(secret);
    }
  });
});

describe('request log at info', function () {
  this.timeout(30_000);
  it('leaves out the debug detail and the probes; logs start and stop lines', async () => {
    const o = await startObserved();
    try {
      expect(logged(o, 'server started')).to.have.length(1);
      expect(logged(o, 'server started')[0]).to.include({ url: o.url, metrics: `${o.url}metrics` });
      await authUser(o.url, 'jane.doe', '1234000000');
      await fetch(`${o.url}health`);
      await fetch(`${o.url}metrics`);
      const lines = requests(o);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ operation: 'authUser', status: 'STAT_OTP_INCORRECT' });
      expect(lines[0]).to.not.have.any.keys('detail', 'httpStatus', 'reported');
    } finally { await o.stop(); }
    expect(logged(o, 'server stopped')).to.have.length(1);
  });
});

describe('request log: the device simulator', function () {
  this.timeout(30_000);
  it('logs its routes as door device, with the serial and the engine status', async () => {
    const o = await startObserved({ COUNTERSIGN_DEVICE_SIMULATOR: '1' });
    try {
      expect((await fetch(`${o.url}device/VDS0000004/pending`)).status).to.equal(200);
      expect((await fetch(`${o.url}device/VDS0000004/approve`, { method: 'POST' })).status).to.equal(409);
      const lines = requests(o).filter((l) => l.door === 'device');
      expect(lines.map((l) => l.operation)).to.deep.equal(['pending', 'approve']);
      expect(lines[0]).to.include({ serial: 'VDS0000004', status: 'HTTP_200' });
      expect(lines[1]).to.include({ serial: 'VDS0000004' });
      expect(String(lines[1]!.status)).to.match(/^STAT_/);
    } finally { await o.stop(); }
  });
});
