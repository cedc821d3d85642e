// Bad input to the challenge, PIN-change and password-change paths through the SOAP door on the real engine
// (forged, unknown or foreign keys, non-numeric challenges, oversized values, replays): the documented status,
// never a Fault, nothing changed but the lock count where a credential was checked; the real key still answers.
import { expect } from 'chai';
import { createSoapHandler, type SoapHandler } from '../../../src/doors/soap/server.js';
import { demoHarness, fastHasher, type Harness } from '../../support/engine-harness.js';
import { addOcraUser, answerOf } from '../../engine/challenge-helpers.js';
import { attr, authUserXml, catalogue, textOf, type Attr } from './helpers.js';

const CT = attr('CREDFLD_COMPONENT_TYPE', 'SOAP Auth Client');
const user = (u: string) => attr('CREDFLD_USERID', u);
const F0 = attr('CREDFLD_PASSWORD_FORMAT', '0', 'xsd:unsignedInt');
const pw = (p: string) => attr('CREDFLD_PASSWORD', p);
const key = (k: string) => attr('CREDFLD_CHALLENGE_KEY', k);
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

describe('SOAP door on the real engine: bad challenge, PIN and password input', () => {
  let h: Harness;
  let soap: SoapHandler;
  let issued: { challenge: string; key: string };
  const call = async (op: string, attrs: Attr[]) => {
    const reply = await soap.handleSoapBody(Buffer.from(authUserXml(attrs).replaceAll('aut:authUser', `aut:${op}`)), 'text/xml');
    expect(reply.status, 'a business failure, never a Fault').to.equal(200);
    return { status: textOf(reply.body, 'statusCodeEnum'), body: reply.body };
  };
  const lockCount = async (u: string) => (await h.store.findUser('master', u))!.lockCount;

  beforeEach(async () => {
    h = await demoHarness();
    soap = createSoapHandler({ engine: h.engine, catalogue });
    const got = await call('getChallenge', [CT, user('bob.ocra')]);
    expect(got.status).to.equal('STAT_SUCCESS');
    const ids = [...got.body.matchAll(/<value xsi:type="xsd:string">([^<]*)<\/value><attributeID>([A-Z_]+)</g)];
    issued = { challenge: ids.find((m) => m[2] === 'CREDFLD_CHALLENGE')![1], key: ids.find((m) => m[2] === 'CREDFLD_CHALLENGE_KEY')![1] };
  });

  it('forged, unknown, oversized and foreign keys change nothing; the real key still answers once', async () => {
    await addOcraUser(h, 'eve.ocra', { serial: 'OCR0000020', pin: '1234' });
    const right = `1234${answerOf(issued.challenge)}`;
    const bad: [Attr[], string][] = [
      [[CT, user('bob.ocra'), F0, key('AAAAAAAAAAAAAAAAAAAAAA'), pw(right)], 'STAT_NOT_FOUND'],
      [[CT, user('bob.ocra'), F0, key(xmlText("' OR 1=1; DROP TABLE pending; --<x/>")), pw(right)], 'STAT_NOT_FOUND'],
      [[CT, user('bob.ocra'), F0, key(`${issued.key}x`), pw(right)], 'STAT_NOT_FOUND'],
      [[CT, user('bob.ocra'), F0, key('\u00e9\u{1F600}'.repeat(40)), pw(right)], 'STAT_NOT_FOUND'],
      [[CT, user('bob.ocra'), F0, key('K'.repeat(257)), pw(right)], 'STAT_INVDATA'],
      [[CT, user('bob.ocra'), F0, key(issued.key), pw('1'.repeat(1025))], 'STAT_INVDATA'],
      [[CT, user('eve.ocra'), F0, key(issued.key), pw(right)], 'STAT_NOT_FOUND'],
    ];
    for (const [attrs, status] of bad) expect((await call('authUser', attrs)).status).to.equal(status);
    expect(await lockCount('bob.ocra')).to.equal(0);
    expect(await lockCount('eve.ocra')).to.equal(0);
    expect((await h.store.find(issued.key))!.state).to.equal('open');
    expect((await call('authUser', [CT, user('bob.ocra'), F0, key(issued.key), pw(right)])).status).to.equal('STAT_SUCCESS');
    const replay = await call('authUser', [CT, user('bob.ocra'), F0, key(issued.key), pw(right)]);
    expect(replay.status).to.equal('STAT_NOT_FOUND');
    expect(await lockCount('bob.ocra')).to.equal(0);
  });

  it('non-numeric, wrongly sized and oversized client challenges are INVDATA and not counted', async () => {
    for (const c of ['8765432a', '１２３４５６７８', '1234567', '123456789', ' 87654321', '-8765432', '8'.repeat(257)]) {
      expect((await call('authUser', [CT, user('bob.ocra'), F0, attr('CREDFLD_CHALLENGE', c), pw('1234123456')])).status, c).to.equal('STAT_INVDATA');
    }
    expect(await lockCount('bob.ocra')).to.equal(0);
    const ok = await call('authUser', [CT, user('bob.ocra'), F0, attr('CREDFLD_CHALLENGE', '87654321'), pw(`1234${answerOf('87654321')}`)]);
    expect(ok.status).to.equal('STAT_SUCCESS');
    const replayed = await call('authUser', [CT, user('bob.ocra'), F0, attr('CREDFLD_CHALLENGE', '87654321'), pw(`1234${answerOf('87654321')}`)]);
    expect(replayed.status).to.equal('STAT_OTP_REPLAY');
  });

  it('a refused PIN change keeps the old PIN and does not consume the OTP', async () => {
    const otp = h.totpAt();
    for (const tail of ['56788765', '123456789123456789', 'abcdabcd']) {
      expect((await call('authUser', [CT, user('jane.doe'), F0, pw(`1234${otp}${tail}`)])).status, tail).to.equal('STAT_PIN_MISMATCH');
    }
    expect(await lockCount('jane.doe')).to.equal(0);
    expect((await call('authUser', [CT, user('jane.doe'), F0, pw(`1234${otp}`)])).status).to.equal('STAT_SUCCESS');
    const jane = (await h.store.findBySerial('VDS0000001'))!;
    expect(await fastHasher().verify(jane.pinHash!, '1234')).to.equal(true);
  });

  it('a refused password update keeps the old password; a wrong current one counts toward lockout', async () => {
    const change = (cur: string, nw: string, conf: string) => call('updatePassword', [CT, user('alice.static'),
      attr('CREDFLD_STATIC_PASSWORD', cur), attr('CREDFLD_NEW_STATIC_PASSWORD', nw), attr('CREDFLD_CONFIRM_STATIC_PASSWORD', conf)]);
    expect((await change('Alice-Passw0rd', 'N3w-Passw0rd', 'N3w-Passw0rD')).status).to.equal('STAT_INVDATA');
    expect((await change('Alice-Passw0rd', 'N'.repeat(1025), 'N'.repeat(1025))).status).to.equal('STAT_INVDATA');
    expect(await lockCount('alice.static')).to.equal(0);
    expect((await change('wrong', 'N3w-Passw0rd', 'N3w-Passw0rd')).status).to.equal('STAT_LOCAL_PASSWORD_MISMATCH');
    expect(await lockCount('alice.static')).to.equal(1);
    const alice = (await h.store.findUser('master', 'alice.static'))!;
    expect(await fastHasher().verify(alice.staticPasswordHash!, 'Alice-Passw0rd')).to.equal(true);
    expect((await change('Alice-Passw0rd', 'N3w-Passw0rd', 'N3w-Passw0rd')).status).to.equal('STAT_SUCCESS');
    expect((await call('authUser', [CT, user('alice.static'), F0, pw('N3w-Passw0rd')])).status).to.equal('STAT_SUCCESS');
    expect((await call('authUser', [CT, user('alice.static'), F0, pw('Alice-Passw0rd')])).status).to.equal('STAT_LOCAL_PASSWORD_MISMATCH');
  });
});
