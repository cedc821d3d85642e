// A real `countersign serve` process for lifecycle tests: start it and wait for its banner, or run
// it to its (failed) end; the environment of a throwaway SQLite store in `dir` on loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN } from './cli.js';

/** A loopback server on a SQLite store in `dir`, cheap argon2, free ports, RADIUS off unless asked. */
export function serveEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env, COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'data', 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'data', 'master.key'),
    COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1',
    COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', COUNTERSIGN_LOG_LEVEL: 'warn', ...extra,
  };
}

export interface Served {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly url: string;
  /** Resolves with the exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
}

/** `sh -c 'umask U; exec node bin serve'` when `umask` is given, so the server runs under it. */
function spawnServe(env: NodeJS.ProcessEnv, cwd: string, umask?: string): ChildProcess {
  if (umask === undefined) return spawn(process.execPath, [BIN, 'serve'], { env, cwd });
  return spawn('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$1" serve`, process.execPath, BIN], { env, cwd });
}

/** Starts serve and resolves once its banner ends (the `Demo data` line). */
export function startServe(env: NodeJS.ProcessEnv, cwd: string, umask?: string): Promise<Served> {
  const child = spawnServe(env, cwd, umask);
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    void exited.then((code) => fail(new Error(`serve exited with ${code}: ${lines.join('\n')}\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (l) => {
      lines.push(l);
      if (l.startsWith('Demo data')) ok({ child, lines, url: /listening on (\S+)/.exec(lines.join('\n'))![1]!, exited });
    });
  });
}

export interface Failed { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs serve expecting it to stop by itself; kills it (and fails) when it is still running after `limitMs`. */
export function serveToEnd(env: NodeJS.ProcessEnv, cwd: string, limitMs = 90_000): Promise<Failed> {
  const child = spawnServe(env, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`serve still running after ${limitMs} ms: ${stdout}${stderr}`)); }, limitMs);
    child.once('close', (code) => { clearTimeout(timer); ok({ code, stdout, stderr }); });
  });
}
