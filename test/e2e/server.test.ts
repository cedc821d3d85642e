// End to end over HTTP: the real server, SQLite file store, demo seed; the `soap` npm client imports
// ?wsdl and authenticates demo users; concurrency and bad input change nothing they must not.
import { expect } from 'chai';
import * as soap from 'soap';
import { hotp } from '../../src/otp/hotp.js';
import { totp } from '../../src/otp/totp.js';
import { startE2E, post, authUserEnvelope, statusOf, type E2E } from './support.js';

const SECRET = Buffer.from('12345678901234567890');
const T = Date.UTC(2026, 5, 1, 9, 0, 0);
const typed = (value: string, type: string, attributeID: string) => ({ value: { $value: value, $attributes: { 'xsi:type': type } }, attributeID });
const request = (userId: string, password: string) => ({ credentialAttributeSet: { attributes: [
  typed('SOAP Auth Client', 'xsd:string', 'CREDFLD_COMPONENT_TYPE'), typed(userId, 'xsd:string', 'CREDFLD_USERID'),
  typed('0', 'xsd:unsignedInt', 'CREDFLD_PASSWORD_FORMAT'), typed(password, 'xsd:string', 'CREDFLD_PASSWORD'),
] } });
const base = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0' };

describe('end to end: the server over HTTP', function () {
  this.timeout(30_000);
  let e: E2E;
  before(async () => { e = await startE2E({ now: () => T }); });
  after(() => e.stop());

  it('authenticates demo users through the soap client and our WSDL', async () => {
    const client = await soap.createClientAsync(`${e.url}?wsdl`, { attributesKey: '$attributes' });
    const [jane] = await client.authUserAsync(request('jane.doe', `1234${totp(SECRET, T, 30, 6, 'SHA1')}`));
    expect(jane.authUserResults.results.resultCodes.statusCodeEnum.$value).to.equal('STAT_SUCCESS');
    const [alice] = await client.authUserAsync(request('alice.static', 'Alice-Passw0rd'));
    expect(alice.authUserResults.results.resultCodes.returnCodeEnum.$value).to.equal('RET_SUCCESS');
    const [nobody] = await client.authUserAsync(request('nobody', '123456'));
    expect(nobody.authUserResults.results.resultCodes.statusCode.$value).to.equal(1010);
  });

  it('gives exactly one success to 50 simultaneous requests with the same valid OTP (past the burst: rate limited)', async () => {
    const body = authUserEnvelope({ ...base, CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: hotp(SECRET, 0, 6, 'SHA1') });
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(e.url, body)));
    const statuses = answers.map((a) => statusOf(a.text));
    expect(statuses.filter((s) => s === 'STAT_SUCCESS')).to.have.length(1);
    const replays = statuses.filter((s) => s === 'STAT_OTP_REPLAY').length;
    expect(replays, 'the rest of the per-user burst of 10 is verified and refused as a replay').to.be.at.least(9);
    expect(statuses.filter((s) => s === 'STAT_RATE_LIMITED')).to.have.length(49 - replays);
  });

  it('answers malformed, DTD-bearing, oversized and non-UTF-8 bodies with a Fault and changes nothing', async () => {
    const good = authUserEnvelope({ ...base, CREDFLD_USERID: 'mallory.multi', CREDFLD_PASSWORD: `1234${hotp(SECRET, 0, 6, 'SHA1')}` });
    const bad = [
      good.slice(0, -20),
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${good}`,
      good.replace('</credentialAttributeSet>', `${'<!-- pad -->'.repeat(7000)}</credentialAttributeSet>`),
      Buffer.concat([Buffer.from(good.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(good.slice(200))]),
    ];
    for (const body of bad) {
      const r = await post(e.url, body);
      expect(r.status).to.equal(500);
      expect(r.text).to.include('<faultcode>SOAP-ENV:Client</faultcode>');
      expect(r.text).not.to.match(/at .*\.js:\d+/);
    }
    const after = await post(e.url, good);
    expect(statusOf(after.text)).to.equal('STAT_SUCCESS');
  });

  it('serves the WSDL and routes on the Body element whatever the path and SOAPAction', async () => {
    const wsdl = await fetch(`${e.url}?wsdl`);
    expect(wsdl.headers.get('content-type')).to.match(/xml/);
    expect(await wsdl.text()).to.include('authUser');
    const body = authUserEnvelope({ ...base, CREDFLD_USERID: 'nobody', CREDFLD_PASSWORD: '123456' });
    const res = await fetch(`${e.url}some/other/path`, { method: 'POST', headers: { 'content-type': 'application/xml', SOAPAction: '"junk"' }, body });
    expect(statusOf(await res.text())).to.equal('STAT_NO_USER');
  });
});
