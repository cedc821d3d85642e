// The RADIUS door's pipeline on the real engine and the demo seed (spec: other-frontends.md §1):
// accept, reject reasons, unknown client, Message-Authenticator rules, Status-Server, Proxy-State,
// new-PIN entry with State, and retransmissions answered from the cache.
import { expect } from 'chai';
import { answerAuthentic } from '../../../src/doors/radius/crypto.js';
import { ATTR, CODE } from '../../../src/doors/radius/dictionary.js';
import { answerOf, wrongOf } from '../../engine/challenge-helpers.js';
import { createActiveLimit } from '../../../src/runtime/active-limit.js';
import { accessRequest, doorHarness, NAS, readAnswer, SECRET, type DoorHarness } from './support.js';

describe('RADIUS door: Access-Request on the engine', () => {
  let t: DoorHarness;
  beforeEach(async () => { t = await doorHarness(); });

  it('accepts PIN + OTP and rejects a wrong OTP with a Reply-Message', async () => {
    const ok = await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}` });
    expect(ok!.code).to.equal(CODE.ACCESS_ACCEPT);
    const bad = await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt(5)}`, identifier: 8 });
    expect(bad!.code).to.equal(CODE.ACCESS_REJECT);
    expect(bad!.message).to.equal('Access rejected: The one-time password (or server PIN) is incorrect.');
    expect(t.door.metrics).to.deep.include({ accepts: 1, rejects: 1 });
    const audit = await t.h.store.listAudit({ door: 'radius' });
    expect(audit.map((a) => [a.status, a.componentType, a.sourceAddress])).to.deep.equal([
      ['SUCCESS', 'RADIUS Client', '127.0.0.1'], ['OTP_INCORRECT', 'RADIUS Client', '127.0.0.1']]);
  });

  it('selects the domain with user@domain, and rejects an unknown user, a disabled one and a replay', async () => {
    expect((await t.ask({ user: 'jane.doe@master', password: `1234${t.h.totpAt()}` }))!.code).to.equal(CODE.ACCESS_ACCEPT);
    expect((await t.ask({ user: 'jane.doe@other', password: `1234${t.h.totpAt()}` }))!.message).to.match(/No user account/);
    expect((await t.ask({ user: 'dave.disabled', password: `1234${t.h.totpAt()}` }))!.message).to.match(/disabled/);
    expect((await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}` }))!.message).to.match(/already used/);
  });

  it('refuses missing and malformed attributes, CHAP and EAP, auditing them as invalid requests', async () => {
    const cases: [Parameters<DoorHarness['ask']>[0], RegExp][] = [
      [{ password: '123456' }, /mandatory attribute is missing \(User-Name is missing\)/],
      [{ user: 'jane.doe' }, /User-Password is missing/],
      [{ user: 'jane doe', password: '123456' }, /User-Name may hold only/],
      [{ user: '@master', password: '123456' }, /User-Name may hold only/],
      [{ user: 'jane.doe', password: '123456', extra: [{ type: ATTR.USER_NAME, value: Buffer.from('x') }] }, /more than one User-Name/],
      [{ user: 'jane.doe', extra: [{ type: ATTR.CHAP_PASSWORD, value: Buffer.alloc(17) }] }, /CHAP is not supported/],
      [{ user: 'jane.doe', password: '1', extra: [{ type: ATTR.EAP_MESSAGE, value: Buffer.from([2, 0, 0, 5, 1]) }] }, /EAP is not supported/],
      [{ user: 'jane.doe', extra: [{ type: ATTR.USER_PASSWORD, value: Buffer.alloc(15) }] }, /16 to 128 octets/],
    ];
    for (const [spec, message] of cases) {
      const a = await t.ask(spec);
      expect(a!.code, String(message)).to.equal(CODE.ACCESS_REJECT);
      expect(a!.message).to.match(message);
    }
    expect(t.door.metrics.malformedRequests).to.equal(cases.length);
    expect((await t.h.store.listAudit({ door: 'radius' })).map((a) => a.status)).to.include.members(['MISSINGFLD', 'INVDATA']);
  });

  it('drops packets from unknown addresses silently and counts them', async () => {
    const a = await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}` }, { address: '10.1.2.3', port: 1 });
    expect(a).to.equal(undefined);
    expect(t.door.metrics.dropped['unknown-client']).to.equal(1);
    expect(await t.h.store.listAudit()).to.have.length(0);
  });

  it('drops a request without Message-Authenticator, or with a wrong one (wrong secret)', async () => {
    expect(await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, messageAuthenticator: false })).to.equal(undefined);
    expect(await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, secret: 'not-the-secret' })).to.equal(undefined);
    const { bytes } = accessRequest({ user: 'jane.doe', password: '1234' });
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 1] ^= 1;
    expect(await t.door.handle(tampered, NAS)).to.equal(undefined);
    expect(t.door.metrics.dropped).to.deep.include({ 'missing-message-authenticator': 1, 'bad-message-authenticator': 2 });
    expect(await t.h.store.listAudit()).to.have.length(0);
  });

  it('accepts a request without Message-Authenticator from a client relaxed for old devices', async () => {
    t = await doorHarness([{ address: '127.0.0.0/8', secret: SECRET, requireMessageAuthenticator: false }]);
    const a = await t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, messageAuthenticator: false });
    expect(a!.code).to.equal(CODE.ACCESS_ACCEPT);
    const { bytes, packet } = accessRequest({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, messageAuthenticator: false, secret: 'other' });
    const answer = await t.door.handle(bytes, { address: '127.0.0.9', port: 9 });
    expect(answer![0]).to.equal(CODE.ACCESS_REJECT);
    expect(answerAuthentic(answer!, packet, Buffer.from('other')), 'a client with another secret cannot trust it').to.equal(false);
    expect(readAnswer(answer, packet).message).to.match(/^Access rejected: /);
  });

  it('answers Status-Server (with Message-Authenticator) and drops other codes', async () => {
    const { bytes, packet } = accessRequest({ code: CODE.STATUS_SERVER });
    const a = readAnswer(await t.door.handle(bytes, NAS), packet);
    expect(a.code).to.equal(CODE.ACCESS_ACCEPT);
    expect(await t.door.handle(accessRequest({ code: CODE.STATUS_SERVER, messageAuthenticator: false }).bytes, NAS)).to.equal(undefined);
    expect(await t.door.handle(accessRequest({ code: CODE.ACCOUNTING_REQUEST }).bytes, NAS)).to.equal(undefined);
    expect(t.door.metrics).to.deep.include({ statusServer: 1 });
    expect(t.door.metrics.dropped).to.deep.include({ 'missing-message-authenticator': 1, 'unknown-code': 1 });
  });

  it('copies Proxy-State attributes into the answer, in order', async () => {
    const proxies = [Buffer.from('one'), Buffer.from('two')].map((value) => ({ type: ATTR.PROXY_STATE, value }));
    const a = await t.ask({ user: 'jane.doe', password: 'nope', extra: proxies });
    expect(a!.packet.attributes.filter((x) => x.type === ATTR.PROXY_STATE).map((x) => x.value.toString())).to.deep.equal(['one', 'two']);
  });

  it('answers a 4,096-octet Access-Request filled with Proxy-State, within 4,096 octets, every Proxy-State copied', async () => {
    const base = accessRequest({ user: 'jane.doe', password: `1234${t.h.totpAt(7)}` }).bytes.length;
    const fillers: { type: number; value: Buffer }[] = [];
    let left = 4096 - base;
    while (left > 0) {
      const n = Math.min(255, left);
      fillers.push({ type: ATTR.PROXY_STATE, value: Buffer.alloc(n - 2, 0x41 + fillers.length % 26) });
      left -= n;
    }
    for (const [password, code] of [[`1234${wrongOf(t.h.totpAt())}`, CODE.ACCESS_REJECT], [`1234${t.h.totpAt()}`, CODE.ACCESS_ACCEPT]] as const) {
      const req = accessRequest({ user: 'jane.doe', password, extra: fillers, identifier: code });
      expect(req.bytes.length).to.equal(4096);
      const bytes = await t.door.handle(req.bytes, NAS);
      const a = readAnswer(bytes, req.packet);
      expect(a.code).to.equal(code);
      expect(bytes!.length).to.be.at.most(4096);
      expect(a.packet.attributes.filter((x) => x.type === ATTR.PROXY_STATE).map((x) => x.value)).to.deep.equal(fillers.map((f) => f.value));
    }
    expect(t.door.metrics.dropped['internal-error']).to.equal(0);
  });
});

describe('RADIUS door: State and retransmissions', () => {
  let t: DoorHarness;
  beforeEach(async () => { t = await doorHarness(); });

  it('2-step challenge: keyword + PIN gives Access-Challenge with the challenge key as State; the response completes it once', async () => {
    const first = await t.ask({ user: 'bob.ocra', password: 'otp1234' });
    expect(first!.code).to.equal(CODE.ACCESS_CHALLENGE);
    const challenge = /(\d{8})/.exec(first!.message)![1];
    expect(first!.state).to.be.a('string').and.not.match(/^r\./);
    const wrong = await t.ask({ user: 'bob.ocra', password: wrongOf(answerOf(challenge)), state: first!.state, identifier: 2 });
    expect(wrong!.code).to.equal(CODE.ACCESS_REJECT);
    const again = await t.ask({ user: 'bob.ocra', password: 'otp1234', identifier: 3 });
    const right = await t.ask({ user: 'bob.ocra', password: answerOf(/(\d{8})/.exec(again!.message)![1]), state: again!.state, identifier: 4 });
    expect(right!.code).to.equal(CODE.ACCESS_ACCEPT);
    const reused = await t.ask({ user: 'bob.ocra', password: answerOf(/(\d{8})/.exec(again!.message)![1]), state: again!.state, identifier: 5 });
    expect(reused!.code).to.equal(CODE.ACCESS_REJECT);
  });

  it('new-PIN entry: Access-Challenge with one State, then OTP + new PIN twice with that State', async () => {
    const first = await t.ask({ user: 'erin.newpin', password: t.h.totpAt() });
    expect(first!.code).to.equal(CODE.ACCESS_CHALLENGE);
    expect(first!.state).to.match(/^r\.[A-Za-z0-9_-]{24}$/);
    expect(first!.message).to.match(/new server PIN is required/);
    t.h.clock.advance(30_000);
    const second = await t.ask({ user: 'erin.newpin', password: `${t.h.totpAt()}56785678`, state: first!.state, identifier: 9 });
    expect(second!.code).to.equal(CODE.ACCESS_ACCEPT);
    t.h.clock.advance(30_000);
    expect((await t.ask({ user: 'erin.newpin', password: `5678${t.h.totpAt()}`, identifier: 10 }))!.code).to.equal(CODE.ACCESS_ACCEPT);
  });

  it('refuses a used, unknown, expired or other user\'s State', async () => {
    const first = await t.ask({ user: 'erin.newpin', password: t.h.totpAt() });
    const state = first!.state!;
    expect((await t.ask({ user: 'jane.doe', password: '1234', state }))!.message).to.match(/another user/);
    expect((await t.ask({ user: 'erin.newpin', password: '1', state: 'r.unknown' }))!.message).to.match(/State is unknown/);
    t.h.clock.advance(121_000);
    expect((await t.ask({ user: 'erin.newpin', password: '1', state }))!.message).to.match(/expired/);
    t.h.clock.advance(-121_000);
    await t.ask({ user: 'erin.newpin', password: '1', state });
    expect((await t.ask({ user: 'erin.newpin', password: '1', state, identifier: 11 }))!.message).to.match(/already used/);
  });

  it('the same wrong packet sent 3 times counts once toward lockout and is audited once', async () => {
    await t.h.setPolicy({ retryDedupS: 0 });
    const { bytes, packet } = accessRequest({ user: 'john.smith', password: '000000' });
    const answers: (Buffer | undefined)[] = await Promise.all([t.door.handle(bytes, NAS), t.door.handle(bytes, NAS)]);
    answers.push(await t.door.handle(bytes, NAS));
    for (const a of answers) expect(readAnswer(a, packet).code).to.equal(CODE.ACCESS_REJECT);
    expect(answers[2]!.equals(answers[0]!)).to.equal(true);
    expect((await t.h.store.findUser('master', 'john.smith'))!.lockCount).to.equal(1);
    expect(await t.h.store.listAudit({ door: 'radius' })).to.have.length(1);
    expect(t.door.metrics.retransmissions).to.equal(2);
    const other = await t.ask({ user: 'john.smith', password: '000000', identifier: 99 });
    expect(other!.code).to.equal(CODE.ACCESS_REJECT);
    expect((await t.h.store.findUser('master', 'john.smith'))!.lockCount).to.equal(2);
  });

  it('a retransmitted right OTP is accepted each time (not a replay), from another port it is a new request', async () => {
    const { bytes, packet } = accessRequest({ user: 'john.smith', password: t.h.hotpAt(0) });
    for (let i = 0; i < 3; i++) expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_ACCEPT);
    const again = readAnswer(await t.door.handle(bytes, { address: NAS.address, port: NAS.port + 1 }), packet);
    expect(again.code).to.equal(CODE.ACCESS_REJECT);
    expect(again.message).to.match(/already used/);
  });

  it('keeps answers for the cache time, and forgets them within a quarter more', async () => {
    let now = 0;
    t = await doorHarness(undefined, { replyCacheMs: 1000, monotonic: () => now });
    const { bytes, packet } = accessRequest({ user: 'john.smith', password: t.h.hotpAt(0) });
    expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_ACCEPT);
    now = 999;
    expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_ACCEPT);
    expect(t.door.metrics.retransmissions).to.equal(1);
    now = 1250;
    expect(readAnswer(await t.door.handle(bytes, NAS), packet).code).to.equal(CODE.ACCESS_REJECT);
  });
});

describe('RADIUS door: active-request limit', () => {
  it('works on as many Access-Requests at once as the shared limit allows, the others in arrival order', async () => {
    const active = createActiveLimit(1);
    const t = await doorHarness(undefined, { active });
    const other = active.enter() as () => void;
    const answers = [1, 2].map((identifier) => t.ask({ user: 'jane.doe', password: `1234${t.h.totpAt()}`, identifier }));
    await new Promise((r) => setTimeout(r, 20));
    expect(active.waiting).to.equal(2);
    expect(await t.h.store.listAudit({ door: 'radius' })).to.deep.equal([]);
    other();
    const codes = (await Promise.all(answers)).map((a) => a!.code);
    expect(codes).to.deep.equal([CODE.ACCESS_ACCEPT, CODE.ACCESS_REJECT]);
    expect([active.active, active.waiting]).to.deep.equal([0, 0]);
  });
});
