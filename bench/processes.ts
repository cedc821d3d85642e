// Starts and stops the benchmark's server processes and reads their memory use.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * `node` arguments that start `countersign serve` as the README's start command does (the Node flags
 * of package.json's "start" script), so the benchmark measures the server a user starts.
 */
export function serveArgs(root = ROOT): string[] {
  return [...startFlags(), join(root, 'bin/countersign.js'), 'serve'];
}

/** The Node flags of package.json's "start" script. */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  return start.slice(1, start.indexOf('bin/countersign.js'));
}

export interface Proc { readonly child: ChildProcess; readonly url: string }

/**
 * Spawns `node args...` (or `command args...`, e.g. valgrind) and resolves with the URL announced on
 * stdout (matched by `pattern`).
 */
export function startProcess(args: string[], env: NodeJS.ProcessEnv, pattern: RegExp, toUrl: (m: RegExpMatchArray) => string,
  command = process.execPath): Promise<Proc> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => { const m = line.match(pattern); if (m) ok({ child, url: toUrl(m) }); });
    child.once('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code} before it was ready`)));
  });
}

export function stopProcess(p: Proc): Promise<void> {
  return new Promise((ok) => { p.child.once('exit', () => ok()); p.child.kill('SIGTERM'); });
}

/** Peak resident memory of a process in MB (VmHWM), or its current RSS where the peak is unknown. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number((status.match(/VmHWM:\s+(\d+)/) ?? status.match(/VmRSS:\s+(\d+)/))?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Resets the process's peak RSS (VmHWM) to its current RSS, so the next reading is the peak of one phase. */
export function resetPeakRss(pid: number): void {
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* not Linux, or not allowed: peaks then span phases */ }
}
