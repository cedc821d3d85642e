// Challenge state lives in the store (flows.md §5): two `countersign serve` processes share one SQLite
// file; a challenge issued by one is answered through the other, once, for 1-step and 2-step alike.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { ocra, ocraSuite } from '../../src/otp/ocra.js';
import { ROOT } from '../support/engine-harness.js';
import { authUserEnvelope, post, statusOf } from './support.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const answerOf = (challenge: string) => ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), Buffer.from('12345678901234567890'), { question: challenge });
const attrOf = (xml: string, id: string) => new RegExp(`<value xsi:type="xsd:string">([^<]*)</value><attributeID>${id}</attributeID>`).exec(xml)?.[1];
const base = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_USERID: 'bob.ocra' };

interface Node { child: ChildProcess; url: string; lines: string[] }

/** Starts `countersign serve` and resolves once it has said everything it says at start-up. */
function serve(env: NodeJS.ProcessEnv, cwd: string): Promise<Node> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd });
  const lines: string[] = [];
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (l) => {
      lines.push(l);
      if (l.startsWith('Demo data')) ok({ child, lines, url: /listening on (\S+)/.exec(lines.join('\n'))![1] });
    });
  });
}

const stop = (n: Node | undefined) => new Promise<void>((ok) => {
  if (!n || n.child.exitCode !== null) return ok();
  n.child.once('exit', () => ok());
  n.child.kill('SIGTERM');
});

const getChallengeEnvelope = (userId: string) => authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: userId })
  .replaceAll('aut:authUser', 'aut:getChallenge');

describe('two server processes on one SQLite file', function () {
  this.timeout(60_000);
  let dir: string;
  let a: Node | undefined;
  let b: Node | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-2p-'));
    const env = {
      ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
      COUNTERSIGN_RADIUS_ENABLED: '0', COUNTERSIGN_LOG_LEVEL: 'silent',
    };
    a = await serve(env, dir);
    b = await serve(env, dir);
  });
  after(async () => {
    await Promise.all([stop(a), stop(b)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs two processes: the second finds the first one\'s store and demo data', () => {
    expect(a!.url).to.not.equal(b!.url);
    expect(a!.lines.join('\n')).to.include('Demo data: loaded now');
    expect(b!.lines.join('\n')).to.include('Demo data: present');
  });

  it('1-step: getChallenge on A, the answer on B succeeds; the same answer on A is refused', async () => {
    const issued = await post(a!.url, getChallengeEnvelope('bob.ocra'));
    expect(statusOf(issued.text)).to.equal('STAT_SUCCESS');
    const challenge = attrOf(issued.text, 'CREDFLD_CHALLENGE')!;
    const key = attrOf(issued.text, 'CREDFLD_CHALLENGE_KEY')!;
    expect(challenge).to.match(/^\d{8}$/);
    const wrong = await post(b!.url, authUserEnvelope({ ...base, CREDFLD_CHALLENGE_KEY: 'AAAAAAAAAAAAAAAAAAAAAA', CREDFLD_PASSWORD: `1234${answerOf(challenge)}` }));
    expect(statusOf(wrong.text)).to.equal('STAT_NOT_FOUND');
    const answer = authUserEnvelope({ ...base, CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${answerOf(challenge)}` });
    const ok = await post(b!.url, answer);
    expect(statusOf(ok.text)).to.equal('STAT_SUCCESS');
    expect(attrOf(ok.text, 'CREDFLD_SERIAL_NO')).to.equal('VDS0000003');
    expect(statusOf((await post(a!.url, answer)).text)).to.equal('STAT_NOT_FOUND');
    expect(statusOf((await post(b!.url, answer)).text)).to.equal('STAT_NOT_FOUND');
  });

  it('2-step: the keyword on A issues a challenge, the second leg on B succeeds, once', async () => {
    const first = await post(a!.url, authUserEnvelope({ ...base, CREDFLD_PASSWORD: 'otp' }));
    expect(statusOf(first.text)).to.equal('STAT_CHALLENGE');
    expect(first.text).to.include('<returnCodeEnum xsi:type="BASIC-TYPES:ReturnCodeEnum">RET_FAILURE</returnCodeEnum>');
    const challenge = attrOf(first.text, 'CREDFLD_CHALLENGE')!;
    const key = attrOf(first.text, 'CREDFLD_CHALLENGE_KEY')!;
    expect(attrOf(first.text, 'CREDFLD_CHALLENGE_MESSAGE')).to.include(challenge);
    const answer = authUserEnvelope({ ...base, CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${answerOf(challenge)}` });
    expect(statusOf((await post(b!.url, answer)).text)).to.equal('STAT_SUCCESS');
    expect(statusOf((await post(a!.url, answer)).text)).to.equal('STAT_NOT_FOUND');
  });

  it('a wrong answer on B burns the key issued on A', async () => {
    const issued = await post(a!.url, getChallengeEnvelope('bob.ocra'));
    const challenge = attrOf(issued.text, 'CREDFLD_CHALLENGE')!;
    const key = attrOf(issued.text, 'CREDFLD_CHALLENGE_KEY')!;
    const right = answerOf(challenge);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(statusOf((await post(b!.url, authUserEnvelope({ ...base, CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${wrong}` }))).text)).to.equal('STAT_OTP_INCORRECT');
    expect(statusOf((await post(a!.url, authUserEnvelope({ ...base, CREDFLD_CHALLENGE_KEY: key, CREDFLD_PASSWORD: `1234${right}` }))).text)).to.equal('STAT_NOT_FOUND');
  });
});
