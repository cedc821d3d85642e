// The real `countersign otp` binary for challenge/response and host codes (flows.md §5, §8): the OCRA
// response to --challenge and the host code of --host-code are the values the server verifies and
// returns; wrong uses stop with a message and exit code 1.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';
import { ocra, ocraSuite } from '../../src/otp/ocra.js';
import { hostCode } from '../../src/otp/hostcode.js';
import { authUserEnvelope, post, statusOf } from '../e2e/support.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const SECRET = Buffer.from('12345678901234567890');
const run = promisify(execFile);
const attrOf = (xml: string, id: string) => new RegExp(`<value xsi:type="xsd:string">([^<]*)</value><attributeID>${id}</attributeID>`).exec(xml)?.[1];

describe('command line: otp --challenge and --host-code', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const otp = (...args: string[]) => run(process.execPath, [BIN, 'otp', ...args], { env }).then((r) => r.stdout.trim());
  const refused = (...args: string[]) => run(process.execPath, [BIN, 'otp', ...args], { env })
    .then(() => { throw new Error(`otp ${args.join(' ')} should have failed`); }, (e: { stderr: string; code: number }) => e);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'countersign-cli-cr-'));
    env = { ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
      COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
      COUNTERSIGN_RADIUS_ENABLED: '0', COUNTERSIGN_LOG_LEVEL: 'silent' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a running server accepts the OCRA response the command prints and returns the host code it prints', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd: dir });
    try {
      const url = await new Promise<string>((ok, fail) => {
        const lines: string[] = [];
        child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${lines.join('\n')}`)));
        createInterface({ input: child.stdout }).on('line', (l) => {
          lines.push(l);
          if (l.startsWith('Demo data')) ok(/listening on (\S+)/.exec(lines.join('\n'))![1]);
        });
      });
      const got = await post(url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: 'bob.ocra' }).replaceAll('aut:authUser', 'aut:getChallenge'));
      const challenge = attrOf(got.text, 'CREDFLD_CHALLENGE')!;
      const response = await otp('VDS0000003', '--challenge', challenge);
      expect(response).to.equal(ocra(ocraSuite('OCRA-1:HOTP-SHA1-6:QN08'), SECRET, { question: challenge }));
      const answer = await post(url, authUserEnvelope({
        CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: 'bob.ocra', CREDFLD_PASSWORD_FORMAT: '0',
        CREDFLD_CHALLENGE_KEY: attrOf(got.text, 'CREDFLD_CHALLENGE_KEY')!, CREDFLD_PASSWORD: `1234${response}`, CREDFLD_REQUEST_HOST_CODE: '2',
      }));
      expect(statusOf(answer.text)).to.equal('STAT_SUCCESS');
      expect(await otp('VDS0000003', '--host-code', response)).to.equal(attrOf(answer.text, 'CREDFLD_HOST_CODE'));
    } finally {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
    }
  });

  it('prints the RFC 6287 response to a given challenge, in JSON too', async () => {
    expect(await otp('VDS0000003', '--challenge', '00000000')).to.equal('237653');
    expect(await otp('VDS0000003', '--challenge', '11111111')).to.equal('243178');
    expect(JSON.parse(await otp('VDS0000003', '--challenge', '22222222', '--json'))).to.deep.equal({ serial: 'VDS0000003', kind: 'ocra', challenge: '22222222', otp: '653583' });
  });

  it('prints the host code of an accepted OTP: the demo HOTP example 755224 → 410791', async () => {
    expect(await otp('VDS0000002', '--host-code', '755224')).to.equal('410791');
    expect(await otp('VDS0000002', '--host-code', '755225')).to.equal(hostCode(SECRET, '755225', 6)).and.not.equal('410791');
    expect(JSON.parse(await otp('VDS0000001', '--host-code', '745690', '--json'))).to.deep.equal({ serial: 'VDS0000001', kind: 'totp', hostCode: '965764' });
  });

  it('stops with a message for a missing, misfit or misplaced challenge and a bad host-code request', async () => {
    const cases: [string[], RegExp][] = [
      [['VDS0000003'], /give the challenge to answer with --challenge/],
      [['VDS0000003', '--challenge', '8260482a'], /up to 8 digits/],
      [['VDS0000003', '--challenge', '123456789'], /up to 8 digits/],
      [['VDS0000001', '--challenge', '12345678'], /does not answer challenges/],
      [['VDS0000004', '--host-code', '123456'], /push authenticator: it has no host code/],
      [['VDS0000002', '--host-code', '12a456'], /4 to 64 digits/],
      [['VDS0000003', '--challenge', '12345678', '--host-code', '123456'], /either --challenge or --host-code/],
    ];
    for (const [args, message] of cases) {
      const e = await refused(...args);
      expect(e.code, args.join(' ')).to.equal(1);
      expect(e.stderr, args.join(' ')).to.match(message);
    }
  });
});
