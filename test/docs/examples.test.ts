// The manual's runnable examples run as shown (docs/README.md "Writing docs"): each ```sh test block of
// README.md and docs/**/*.md, in page order, against a demo server started for that page; the output
// holds every line of the ```text block that follows, in order (`...` = any text).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { manualFiles, readPage, ROOT, startDemoServer, type DemoServer, type Fence } from './support.js';

interface Example { readonly script: Fence; readonly expected?: Fence }

/** Runnable blocks of a page, each with the ```text block right after it, if any. */
export function examplesOf(fences: readonly Fence[]): Example[] {
  return fences.flatMap((f, i) => (f.info === 'sh test' ? [{ script: f, expected: fences[i + 1]?.info === 'text' ? fences[i + 1] : undefined }] : []));
}

/** The reader's addresses (`npm start` defaults) replaced by the test server's. */
export const onServer = (text: string, s: Pick<DemoServer, 'httpPort' | 'radiusPort'>): string =>
  text.replaceAll('localhost:8888', `localhost:${s.httpPort}`).replaceAll('127.0.0.1:1812', `127.0.0.1:${s.radiusPort}`);

/** Every non-blank expected line matches within one output line, in order; `...` matches any text. */
export function missingLine(output: string, expected: string): string | undefined {
  const lines = output.split('\n');
  let at = 0;
  for (const want of expected.split('\n').filter((l) => l.trim() !== '')) {
    const re = new RegExp(want.trim().split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
    const found = lines.findIndex((l, i) => i >= at && re.test(l));
    if (found < 0) return want;
    at = found + 1;
  }
  return undefined;
}

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * PATH for the docs/ pages: an `npx` that runs `npx countersign ...` as `node bin/countersign.js ...`
 * (what npx resolves it to, without npm's start-up, several seconds each on a busy machine) and passes
 * anything else to the real npx. The README's tour runs with the real npx, exactly as a reader's shell.
 */
function quickNpxPath(dir: string): string {
  const real = spawnSync('sh', ['-c', 'command -v npx'], { encoding: 'utf8' }).stdout.trim() || 'npx';
  writeFileSync(join(dir, 'npx'), `#!/bin/sh\nif [ "$1" = countersign ]; then shift; exec '${process.execPath}' '${join(ROOT, 'bin/countersign.js')}' "$@"; fi\nexec '${real}' "$@"\n`);
  chmodSync(join(dir, 'npx'), 0o755);
  return `${dir}:${process.env.PATH ?? ''}`;
}

const hasRadclient = spawnSync('sh', ['-c', 'command -v radclient'], { stdio: 'ignore' }).status === 0;

/**
 * Settings a page's examples need from their server, from a comment in the page such as
 * `<!-- example server: COUNTERSIGN_REST_SELF_ENROLMENT=1 -->` (the prose says so to the reader too).
 */
function serverSettingsOf(file: string): Record<string, string> {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const pairs = [...text.matchAll(/<!-- example server: ([^>]*?) -->/g)].flatMap((m) => m[1]!.trim().split(/\s+/));
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

describe('docs: runnable examples', function () {
  this.timeout(180_000);
  it('the matcher needs every expected line, in order, with ... as a wildcard', () => {
    expect(missingLine('a RET_SUCCESS b\nSTAT_SUCCESS (0)\n', '...RET_SUCCESS...\nSTAT_SUCCESS (0)')).to.equal(undefined);
    expect(missingLine('STAT_SUCCESS (0)\nRET_SUCCESS\n', 'RET_SUCCESS\nSTAT_SUCCESS')).to.equal('STAT_SUCCESS');
    expect(missingLine('STAT_OTP_INCORRECT', '...STAT_SUCCESS...')).to.equal('...STAT_SUCCESS...');
  });
  it('the README has a tour of runnable examples and every example request file is used by one', () => {
    const scripts = manualFiles().flatMap((f) => examplesOf(readPage(f).fences).map((e) => e.script.body)).join('\n');
    expect(examplesOf(readPage('README.md').fences).length).to.be.at.least(5);
    for (const file of readdirSync(`${ROOT}fixtures/examples`)) expect(scripts, `fixtures/examples/${file}`).to.include(`fixtures/examples/${file}`);
  });
  for (const file of manualFiles()) {
    const examples = examplesOf(readPage(file).fences);
    if (examples.length === 0) continue;
    describe(file, () => {
      let server: DemoServer;
      let env: NodeJS.ProcessEnv;
      let shims = '';
      before(async () => {
        shims = mkdtempSync(join(tmpdir(), 'countersign-docs-npx-'));
        server = await startDemoServer(serverSettingsOf(file));
        env = file === 'README.md' ? server.env : { ...server.env, PATH: quickNpxPath(shims) };
      });
      after(async () => { await server?.stop(); if (shims) rmSync(shims, { recursive: true, force: true }); });
      for (const { script, expected } of examples) {
        it(`line ${script.line}: ${script.body.split('\n')[0]!.slice(0, 70)}`, async function () {
          if (/\bradclient\b/.test(script.body) && !hasRadclient) {
            if (process.env.CI) throw new Error('radclient is not installed (Debian: freeradius-utils); .ci/run installs it');
            return this.skip();
          }
          const { code, output } = await runScript(onServer(script.body, server), env);
          expect(code, `exit status of:\n${script.body}\n--- output:\n${output}`).to.equal(0);
          if (expected) expect(missingLine(output, onServer(expected.body, server)), `not in the output:\n${output}`).to.equal(undefined);
        });
      }
    });
  }
});
