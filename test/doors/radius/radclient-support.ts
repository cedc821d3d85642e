// End-to-end support for the RADIUS door: the real app (SQLite, demo seed, settable clock) with the
// RADIUS door on a free loopback port, FreeRADIUS's `radclient` as the NAS, and a raw UDP sender.
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { createApp, startRadius, type App } from '../../../src/main.js';
import type { RadiusRunning } from '../../../src/doors/radius/index.js';

export const hasRadclient = (): boolean => spawnSync('radclient', ['-h'], { stdio: 'ignore' }).error === undefined;

export interface RadiusE2E {
  app: App;
  radius: RadiusRunning;
  clock: { now(): number; advance(ms: number): void };
  stop(): Promise<void>;
}

export async function startRadiusE2E(start: number, env: Record<string, string> = {}): Promise<RadiusE2E> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-radius-'));
  const config = loadConfig({
    COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_LOG_LEVEL: 'silent', COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1',
    COUNTERSIGN_RADIUS_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0', ...env,
  });
  let now = start;
  const clock = { now: () => now, advance: (ms: number) => { now += ms; } };
  const app = await createApp(config, { clock });
  const radius = await startRadius(app);
  const stop = async () => { await radius.close(); await app.close(); rmSync(dir, { recursive: true, force: true }); };
  return { app, radius, clock, stop };
}

export interface RadclientResult {
  exit: number;
  output: string;
  /** The answer's code name, e.g. Access-Accept; undefined when nothing (valid) came back. */
  received?: string;
  replyMessage?: string;
  /** State as hex, ready to send back as `State=0x...`. */
  stateHex?: string;
}

/** Runs `radclient -x` with one request (attribute list as radclient reads it) and parses what it printed. */
export function radclient(port: number, input: string, secret = 'testing123', type: 'auth' | 'status' = 'auth', timeoutS = 2): Promise<RadclientResult> {
  return new Promise((ok, fail) => {
    const child = spawn('radclient', ['-x', '-r', '1', '-t', String(timeoutS), `127.0.0.1:${port}`, type, secret]);
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', fail);
    child.on('close', (exit) => ok({
      exit: exit ?? -1, output,
      received: /Received (Access-[A-Za-z]+)/.exec(output)?.[1],
      replyMessage: /Reply-Message = "(.*)"/.exec(output)?.[1],
      stateHex: /State = 0x([0-9a-f]+)/.exec(output)?.[1],
    }));
    child.stdin.end(`${input}\n`);
  });
}

/** Sends raw datagrams from one socket and collects what comes back within `waitMs`. */
export async function sendRaw(port: number, packets: Buffer[], waitMs = 300): Promise<Buffer[]> {
  const socket = createSocket('udp4');
  const answers: Buffer[] = [];
  socket.on('message', (m) => answers.push(m));
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', ok));
  for (const p of packets) await new Promise<void>((ok) => socket.send(p, port, '127.0.0.1', () => ok()));
  await new Promise((ok) => setTimeout(ok, waitMs));
  socket.close();
  return answers;
}
