// Two `countersign serve` processes on one PostgreSQL database (issue 8; flows.md §3–§6): a 2-step
// challenge issued by node A is answered through node B; a push held on A is approved through B; 100
// simultaneous copies of one valid OTP over both nodes give one success; concurrent wrong OTPs on both
// nodes lock the user at the threshold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { hotp } from '../../src/otp/hotp.js';
import { ocra, ocraSuite } from '../../src/otp/ocra.js';
import { signTransaction } from '../../src/otp/signature.js';
import { answer, fetchTransaction, pushLogin, waitForPending } from '../e2e/push-support.js';
import { ROOT } from '../support/engine-harness.js';
import {
  PG_URL, TOKEN_SECRET, addHotpUser, attrOf, authUser, createCluster, lastStep, lockState, startNodes, stopNode, tally,
  wrongCodes, type Cluster, type Node,
} from './nodes.js';

const answerOf = (challenge: string) => ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), TOKEN_SECRET, { question: challenge });
const VALID = new Set(Array.from({ length: 200 }, (_, c) => hotp(TOKEN_SECRET, c, 6, 'SHA1')));
/** The demo policy's lock threshold (fixtures/demo-seed.json, policy Base). */
const THRESHOLD = 3;

describe('scale: two server processes on one PostgreSQL database', function () {
  if (!PG_URL) {
    it('run when COUNTERSIGN_TEST_PG is set (test/support/pg-cluster.sh start prints a URL)');
    return;
  }
  this.timeout(60_000);
  let cluster: Cluster;
  let a: Node;
  let b: Node;
  const both = (i: number) => (i % 2 === 0 ? a : b);

  before(async () => {
    cluster = await createCluster('countersign_scale_two_nodes', { COUNTERSIGN_DEVICE_SIMULATOR: '1' });
    [a, b] = await startNodes(['A', 'B'], cluster.env) as [Node, Node];
  });
  after(async () => {
    await Promise.all([stopNode(a), stopNode(b)]);
    await cluster?.close();
  });

  it('started both nodes at once on an empty database, with the demo seed loaded whole, once', async () => {
    const demo = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'demo-seed.json'), 'utf8')) as { users: unknown[]; authenticators: unknown[] };
    const { rows } = await cluster.sql.query('SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM authenticators)::int AS authenticators');
    expect(rows[0]).to.deep.equal({ users: demo.users.length, authenticators: demo.authenticators.length });
  });

  it('answers on node B a 2-step challenge issued by node A, once', async () => {
    const asked = await authUser(a, { CREDFLD_USERID: 'bob.ocra', CREDFLD_PASSWORD: 'otp' });
    expect(asked.status, a.output()).to.equal('STAT_CHALLENGE');
    const challenge = attrOf(asked.text, 'CREDFLD_CHALLENGE')!;
    const key = attrOf(asked.text, 'CREDFLD_CHALLENGE_KEY')!;
    expect(challenge).to.match(/^\d{8}$/);
    const answer = { CREDFLD_USERID: 'bob.ocra', CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${answerOf(challenge)}` };
    expect((await authUser(b, answer)).status, b.output()).to.equal('STAT_SUCCESS');
    expect((await authUser(a, answer)).status).to.equal('STAT_NOT_FOUND');
    expect((await authUser(b, answer)).status).to.equal('STAT_NOT_FOUND');
  });

  it('refuses on node A a wrong response to a challenge issued by node B', async () => {
    const asked = await authUser(b, { CREDFLD_USERID: 'bob.ocra', CREDFLD_PASSWORD: 'otp' });
    const challenge = attrOf(asked.text, 'CREDFLD_CHALLENGE')!;
    const wrong = String((Number(answerOf(challenge)) + 1) % 1_000_000).padStart(6, '0');
    const key = attrOf(asked.text, 'CREDFLD_CHALLENGE_KEY')!;
    expect((await authUser(a, { CREDFLD_USERID: 'bob.ocra', CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${wrong}` })).status)
      .to.equal('STAT_OTP_INCORRECT');
  });

  it('gives exactly one success to 100 simultaneous requests with one valid OTP, spread over both nodes', async () => {
    const otp = hotp(TOKEN_SECRET, 0, 6, 'SHA1');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => authUser(both(i), { CREDFLD_USERID: 'john.smith', CREDFLD_PASSWORD: otp })));
    expect(tally(answers.map((x) => x.status))).to.deep.equal({ STAT_SUCCESS: 1, STAT_OTP_REPLAY: 99 });
    expect(await lastStep(cluster.sql, 'VDS0000002')).to.equal(0);
  });

  it('locks a user when exactly the threshold of concurrent wrong OTPs arrive on both nodes, and not before', async () => {
    await addHotpUser(cluster.store, 'lock.below', 'SCL0000001');
    await addHotpUser(cluster.store, 'lock.at', 'SCL0000002');
    const burst = (userId: string, codes: string[]) =>
      Promise.all(codes.map((code, i) => authUser(both(i), { CREDFLD_USERID: userId, CREDFLD_PASSWORD: code })));
    const below = await burst('lock.below', wrongCodes(THRESHOLD - 1, VALID));
    const at = await burst('lock.at', wrongCodes(THRESHOLD, VALID));
    expect(tally([...below, ...at].map((x) => x.status))).to.deep.equal({ STAT_OTP_INCORRECT: 2 * THRESHOLD - 1 });
    expect(await lockState(cluster.sql, 'lock.below')).to.deep.equal({ lockCount: THRESHOLD - 1, locked: false });
    expect(await lockState(cluster.sql, 'lock.at')).to.deep.equal({ lockCount: THRESHOLD, locked: true });
    const valid = { CREDFLD_PASSWORD: hotp(TOKEN_SECRET, 0, 6, 'SHA1') };
    expect((await authUser(b, { CREDFLD_USERID: 'lock.at', ...valid })).status).to.equal('STAT_LOCKED');
    expect((await authUser(a, { CREDFLD_USERID: 'lock.below', ...valid })).status).to.equal('STAT_SUCCESS');
  });

  it('counts every wrong OTP of a 30-request burst on both nodes, locks, then refuses even a valid OTP', async () => {
    await addHotpUser(cluster.store, 'lock.burst', 'SCL0000003');
    const codes = wrongCodes(30, VALID, 500_000);
    const answers = await Promise.all(codes.map((code, i) => authUser(both(i), { CREDFLD_USERID: 'lock.burst', CREDFLD_PASSWORD: code })));
    const t = tally(answers.map((x) => x.status));
    expect(Object.keys(t).filter((s) => s !== 'STAT_OTP_INCORRECT' && s !== 'STAT_LOCKED')).to.deep.equal([]);
    const counted = t.STAT_OTP_INCORRECT ?? 0;
    expect(counted).to.be.at.least(THRESHOLD);
    expect(await lockState(cluster.sql, 'lock.burst')).to.deep.equal({ lockCount: counted, locked: true });
    expect((await authUser(a, { CREDFLD_USERID: 'lock.burst', CREDFLD_PASSWORD: hotp(TOKEN_SECRET, 0, 6, 'SHA1') })).status).to.equal('STAT_LOCKED');
    expect(await lastStep(cluster.sql, 'SCL0000003')).to.equal(-1);
  });

  it('releases a push login held on node A when the device approves through node B', async () => {
    const held = pushLogin(a.url);
    const [tx] = await waitForPending(b.url);
    const fetched = await fetchTransaction(b.url, tx!.challengeKey);
    expect(fetched.status).to.equal('STAT_SUCCESS');
    const wrong = signTransaction(Buffer.from('another secret'), fetched.challenge!);
    expect(await answer(b.url, tx!.challengeKey, wrong)).to.equal('STAT_INVCREDENTIALS');
    expect(await answer(b.url, tx!.challengeKey, signTransaction(TOKEN_SECRET, fetched.challenge!))).to.equal('STAT_SUCCESS');
    expect((await held).status, a.output()).to.equal('STAT_SUCCESS');
  });
});
