// The real binary: `countersign record` in front of a fake upstream, `countersign replay` on the
// sample recordings (differences, --suggest-codes, --junit, exit codes).
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ROOT } from '../support/engine-harness.js';
import { authUser, fakeUpstream, responseXml, tempDir } from './support.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const RECORDINGS = join(ROOT, 'fixtures', 'recordings');
const exec = promisify(execFile);

async function countersign(args: string[], env: NodeJS.ProcessEnv = {}) {
  return exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, cwd: ROOT })
    .then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);
}

describe('record and replay: the command line', function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => { tmp = tempDir('record-cli'); });
  afterEach(() => tmp.remove());

  it('replay exits 1 on a difference, suggests the override and writes JUnit', async () => {
    const junit = join(tmp.dir, 'report.xml');
    const r = await countersign(['replay', join(RECORDINGS, 'other-codes'), '--suggest-codes', '--junit', junit]);
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stdout).to.include('DIFFERENT  0002-authUser-jane.doe').and.include('- expected: 1013').and.include('+ got:      1008');
    expect(r.stdout.split('\n')).to.include('{"OTP_REPLAY":{"code":1013}}');
    expect(readFileSync(junit, 'utf8')).to.include('tests="2" failures="1" errors="0"');
  });

  it('replay exits 0 once the suggested override is configured, and on the masked demo recording', async () => {
    const fixed = await countersign(['replay', join(RECORDINGS, 'other-codes')], { COUNTERSIGN_STATUS_OVERRIDES: '{"OTP_REPLAY":{"code":1013}}' });
    expect(fixed.code, fixed.stdout + fixed.stderr).to.equal(0);
    expect(fixed.stdout).to.match(/same\s+2\n/);
    const masked = await countersign(['replay', join(RECORDINGS, 'demo-masked')]);
    expect(masked.code, masked.stdout).to.equal(0);
    expect(masked.stdout).to.include('note: 3 case(s) carry masked secrets').and.match(/same\s+4\n/);
  });

  it('replay names a missing folder and exits 1', async () => {
    const r = await countersign(['replay', join(tmp.dir, 'nothing-here')]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/nothing-here: no such folder/);
  });

  it('record refuses bad options, and warns loudly with --keep-secrets', async () => {
    const bad = await countersign(['record', '--upstream', 'ftp://x', '--out', tmp.dir, '--listen', '0']);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('--upstream must be an http:// or https:// URL');
    const slow = await countersign(['record', '--upstream', 'http://127.0.0.1:9/', '--out', tmp.dir, '--timeout', 'soon', '--keep-secrets']);
    expect(slow.code).to.equal(1);
    expect(slow.stderr).to.include('--timeout: expected a whole number').and.not.include('WARNING');
    const child = spawn(process.execPath, [BIN, 'record', '--upstream', 'http://127.0.0.1:9/', '--out', tmp.dir, '--listen', '0', '--host', '127.0.0.1', '--keep-secrets'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    await new Promise<void>((ok) => createInterface({ input: child.stdout }).on('line', (l) => { if (/listening on/.test(l)) ok(); }));
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('exit', ok));
    expect(stderr).to.include('WARNING: --keep-secrets').and.include('IN CLEAR TEXT');
  });

  it('record forwards, writes a masked case and stops cleanly on SIGTERM', async () => {
    const answer = responseXml('authUser', { enum: 'STAT_SUCCESS', code: 0 });
    const upstream = await fakeUpstream((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/xml' }); res.end(answer); });
    const out = join(tmp.dir, 'out');
    const child = spawn(process.execPath, [BIN, 'record', '--upstream', upstream.url, '--out', out, '--listen', '0', '--host', '127.0.0.1'], { cwd: ROOT });
    const lines: string[] = [];
    const waitFor = (re: RegExp) => new Promise<string>((ok, fail) => {
      const hit = lines.find((l) => re.test(l));
      if (hit) return ok(hit);
      const onLine = (l: string) => { if (re.test(l)) ok(l); };
      rl.on('line', onLine);
      child.once('exit', (code) => fail(new Error(`record exited with ${code}: ${lines.join('\n')}`)));
    });
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (l) => lines.push(l));
    try {
      const url = /listening on (\S+)/.exec(await waitFor(/listening on/))![1];
      const res = await fetch(url, { method: 'POST', body: authUser('jane.doe', '1234755224'), headers: { 'Content-Type': 'text/xml' } });
      expect(await res.text()).to.equal(answer);
      await waitFor(/^\+ 0001-authUser-jane\.doe: STAT_SUCCESS \(0\)/);
      child.kill('SIGTERM');
      await waitFor(/Stopped; 1 case\(s\) recorded/);
      expect(readdirSync(out)).to.deep.equal(['0001-authUser-jane.doe']);
      expect(readFileSync(join(out, '0001-authUser-jane.doe', 'request.xml'), 'utf8')).to.include('>********<').and.not.include('1234755224');
    } finally {
      child.kill('SIGKILL');
      await upstream.close();
    }
  });
});
