// Secure Channel scan-and-login end to end (flows.md §6; soap-wire.md §4, §5): getSecureChallenge
// answers a key and a hex request message; authUser with the key and the device's signature over the
// decoded message completes it, once; with CREDFLD_AUTH_TYPE=SCAN the client's call waits for the scan.
import { expect } from 'chai';
import { signTransaction } from '../../src/otp/signature.js';
import { authUserEnvelope, post, startE2E, statusOf, type E2E } from './support.js';
import { answer, CAROL } from './push-support.js';

const SECRET = Buffer.from('12345678901234567890');

function secureEnvelope(userId: string): string {
  return authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: userId, CREDFLD_TRANSACTION_TITLE: 'Sign in to the portal' })
    .replace(/authUser>/g, 'getSecureChallenge>');
}

const attr = (xml: string, id: string): string | undefined =>
  new RegExp(`<value xsi:type="xsd:string">([^<]*)</value><attributeID>${id}</attributeID>`).exec(xml)?.[1];

async function secureChallenge(url: string, userId = 'carol.push') {
  const { text } = await post(url, secureEnvelope(userId));
  const hex = attr(text, 'CREDFLD_REQUEST_MESSAGE');
  return { text, status: statusOf(text), key: attr(text, 'CREDFLD_CHALLENGE_KEY'), message: hex && Buffer.from(hex, 'hex').toString('utf8') };
}

describe('end to end: Secure Channel (getSecureChallenge)', function () {
  this.timeout(20_000);
  let e2e: E2E;
  before(async () => { e2e = await startE2E(); });
  after(async () => { await e2e.stop(); });

  it('answers getSecureChallengeRespond with the key, a hex request message, serial, user and domain', async () => {
    const sc = await secureChallenge(e2e.url);
    expect(sc.text).to.contain('<AUTH-TYPES:getSecureChallengeRespond>');
    expect(sc.status).to.equal('STAT_SUCCESS');
    expect(attr(sc.text, 'CREDFLD_SERIAL_NO')).to.equal('VDS0000004');
    expect(attr(sc.text, 'CREDFLD_USERID')).to.equal('carol.push');
    expect(attr(sc.text, 'CREDFLD_DOMAIN')).to.equal('master');
    expect(sc.message).to.contain(`[${sc.key}]`).and.to.contain('Sign in to the portal');
  });

  it('completes with the signature over the request message, once; a forged signature changes nothing', async () => {
    const sc = await secureChallenge(e2e.url);
    expect(await answer(e2e.url, sc.key!, signTransaction(Buffer.from('wrong'), sc.message!))).to.equal('STAT_INVCREDENTIALS');
    expect(await answer(e2e.url, sc.key!, signTransaction(SECRET, sc.message!))).to.equal('STAT_SUCCESS');
    expect(await answer(e2e.url, sc.key!, signTransaction(SECRET, sc.message!))).to.equal('STAT_NOT_FOUND');
  });

  it('holds a SCAN call until the device answers', async () => {
    const sc = await secureChallenge(e2e.url);
    const waiting = post(e2e.url, authUserEnvelope({ ...CAROL, CREDFLD_CHALLENGE_KEY: sc.key!, CREDFLD_AUTH_TYPE: 'SCAN' }));
    await new Promise((r) => setTimeout(r, 100));
    expect(await answer(e2e.url, sc.key!, signTransaction(SECRET, sc.message!))).to.equal('STAT_SUCCESS');
    expect(statusOf((await waiting).text)).to.equal('STAT_SUCCESS');
  });

  it('refuses users without a device that scans, and a missing user', async () => {
    expect((await secureChallenge(e2e.url, 'jane.doe')).status).to.equal('STAT_NO_DIGIPASS');
    const { text } = await post(e2e.url, secureEnvelope('x').replace(/<attributes><value xsi:type="xsd:string">x<\/value><attributeID>CREDFLD_USERID<\/attributeID><\/attributes>/, ''));
    expect(statusOf(text)).to.equal('STAT_MISSINGFLD');
  });
});
