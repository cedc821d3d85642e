// The docs tests' reading of the manual (README.md and docs/**/*.md: fenced blocks, inline code,
// links) and the demo server they run examples against: `countersign serve` as `npm start` runs it,
// on free loopback ports with a temporary data folder and the demo data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Fence { readonly info: string; readonly body: string; readonly line: number }
export interface Page { readonly file: string; readonly text: string; readonly fences: Fence[]; readonly inline: string[]; readonly prose: string }

/** README.md and every Markdown file under docs/, as repository-relative paths. */
export function manualFiles(): string[] {
  const walk = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []);
  return ['README.md', ...walk('docs').sort()];
}

/** Splits a page into fenced blocks (info string, body, line) and the prose between them, with its inline code. */
export function readPage(file: string): Page {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const fences: Fence[] = [];
  const prose: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) { prose.push(lines[i]!); continue; }
    const close = lines.findIndex((l, j) => j > i && l.startsWith(open[1]!) && l.trim() === open[1]);
    const end = close < 0 ? lines.length : close;
    fences.push({ info: open[2]!.trim(), body: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  const joined = prose.join('\n');
  const inline = [...joined.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)].map((m) => m[2]!.trim());
  return { file, text, fences, inline, prose: joined };
}

export const relativeToRoot = (path: string): string => relative(ROOT, path);

export interface DemoServer { readonly httpPort: number; readonly radiusPort: number; readonly env: NodeJS.ProcessEnv; stop(): Promise<void> }

/**
 * `countersign serve` on free loopback ports, a fresh temporary store and the demo data. argon2id runs at
 * its lowest cost (no answer an example shows depends on it; at the default cost each server's demo
 * seed took about 230 ms of CPU more); the examples' commands run with the same settings.
 */
export async function startDemoServer(extra: Record<string, string> = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-docs-'));
  const store = { COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'countersign.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1' };
  const child = spawn(process.execPath, [join(ROOT, 'bin/countersign.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...store, COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0',
      COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_LOG_LEVEL: 'warn', COUNTERSIGN_WORKERS: '1', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const { httpPort, radiusPort } = await listening(child);
    const env = { ...process.env, ...store, COUNTERSIGN_HTTP_PORT: String(httpPort), COUNTERSIGN_RADIUS_PORT: String(radiusPort) };
    return { httpPort, radiusPort, env, stop: () => stop(child, dir) };
  } catch (e) {
    await stop(child, dir);
    throw e;
  }
}

/** The ports from the start-up lines (`Countersign listening on http://127.0.0.1:N/`, `RADIUS listening on udp://...:N`). */
function listening(child: ChildProcess): Promise<{ httpPort: number; radiusPort: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${out}`)), 60_000);
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      const http = /listening on https?:\/\/[^\s]*:(\d+)\//.exec(out);
      const radius = /RADIUS listening on udp:\/\/[^\s]*:(\d+)/.exec(out);
      if (http && radius) { clearTimeout(timer); resolve({ httpPort: Number(http[1]), radiusPort: Number(radius[1]) }); }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening:\n${out}`)); });
  });
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}
