// docs/operations/production.md "From demo to production": the shell block after the
// `<!-- production-sequence -->` marker is run as written (bash -e) on a temporary data folder with
// free ports, `countersign` on PATH; it must end with STAT_SUCCESS from authUser and an Access-Accept.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const MARKER = '<!-- production-sequence -->';

/** The fenced block right after the marker: the doc's exact sequence. */
export function productionSequence(markdown: string): string {
  const at = markdown.indexOf(MARKER);
  if (at < 0) throw new Error(`docs/operations/production.md has no ${MARKER} marker`);
  const m = /^```sh\n([\s\S]*?)^```$/m.exec(markdown.slice(at + MARKER.length));
  if (!m) throw new Error('no ```sh block after the production-sequence marker');
  return m[1]!;
}

const freeTcpPort = () => new Promise<number>((ok, fail) => {
  const s = createServer().once('error', fail).listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); });
});
const freeUdpPort = () => new Promise<number>((ok, fail) => {
  const s = createSocket('udp4').once('error', fail);
  s.bind(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

function run(script: string, env: NodeJS.ProcessEnv, limitMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: root, env, detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, limitMs);
    child.on('close', (code) => { clearTimeout(timer); ok({ code, out }); });
  });
}

const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

describe('docs: from demo to production (docs/operations/production.md)', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'countersign-production-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('extracts the sequence from the document, starting from COUNTERSIGN_DEMO=0', () => {
    const script = productionSequence(readFileSync(join(root, 'docs/operations/production.md'), 'utf8'));
    expect(script).to.match(/^export COUNTERSIGN_DEMO=0$/m);
    for (const step of ['countersign policy create', 'countersign client create "SOAP Auth Client"', '--secret-stdin', '--admin --password-stdin', 'countersign serve', 'radclient']) {
      expect(script).to.include(step);
    }
  });

  it('runs the sequence as written and ends with an authUser success and a RADIUS Access-Accept', async function () {
    if (!hasTool('radclient') || !hasTool('curl')) {
      if (process.env.CI) throw new Error('radclient and curl are needed (freeradius-utils, curl)');
      this.skip();
    }
    const script = productionSequence(readFileSync(join(root, 'docs/operations/production.md'), 'utf8'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'countersign'), `#!/bin/sh\nexec node ${JSON.stringify(join(root, 'bin/countersign.js'))} "$@"\n`);
    chmodSync(join(bin, 'countersign'), 0o755);
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:${process.env.PATH}`, HOME: dir, DATA: join(dir, 'data'),
      COUNTERSIGN_HTTP_PORT: String(await freeTcpPort()), COUNTERSIGN_RADIUS_PORT: String(await freeUdpPort()),
      COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024',
    };
    const { code, out } = await run(script, env, 150_000);
    const log = (() => { try { return readFileSync(join(dir, 'data', 'serve.log'), 'utf8'); } catch { return '(no serve.log)'; } })();
    expect(code, `${out}\n--- serve.log ---\n${log}`).to.equal(0);
    expect(out).to.match(/^STAT_SUCCESS$/m);
    expect(out).to.match(/Received Access-Accept/);
    expect(out).to.match(/cli {2}Administration {2}os\\\S+ {2}- {2}STAT_SUCCESS \(0\) {2}- {2}client create RADIUS Client/);
    expect(out).to.not.include('a-long-random-radius-secret');
    expect(out).to.not.include('Change-this-admin-password-1');
  });
});
