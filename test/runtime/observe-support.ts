// Support for the monitoring tests: the real server (createApp + startServer, optionally RADIUS) on a
// temporary SQLite file with a fixed clock and a captured pino log, a /metrics reader and a UDP sender.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/load.js';
import type { RadiusRunning } from '../../src/doors/radius/index.js';
import { createApp, startRadius, startServer, type Running } from '../../src/main.js';
import { totp } from '../../src/otp/totp.js';
import { authUserEnvelope, post, statusOf } from '../e2e/support.js';

export const T = Date.UTC(2026, 5, 1, 9, 0, 15);
export const DEMO_SECRET = Buffer.from('12345678901234567890');
/** jane.doe's current TOTP at T (VDS0000001, server PIN 1234). */
export const JANE_OTP = totp(DEMO_SECRET, T, 30, 6, 'SHA1');

export interface Observed {
  running: Running;
  url: string;
  radius?: RadiusRunning;
  /** Every log line so far (JSON text, no timestamps so digits in them cannot look like an OTP). */
  lines: string[];
  stop(): Promise<void>;
}

export async function startObserved(env: Record<string, string> = {}, opts: { radius?: boolean; level?: string } = {}): Promise<Observed> {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-observe-'));
  const config = loadConfig({
    COUNTERSIGN_DATABASE: `sqlite:${join(dir, 'cs.db')}`, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_PORT: '0', COUNTERSIGN_RADIUS_HOST: '127.0.0.1',
    COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', ...env,
  });
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const log = pino({ level: opts.level ?? 'info', timestamp: false, base: undefined }, sink);
  const running = await startServer(await createApp(config, { clock: { now: () => T }, log }));
  const radius = opts.radius ? await startRadius(running.app) : undefined;
  const stop = async () => { await radius?.close(); await running.close(); rmSync(dir, { recursive: true, force: true }); };
  return { running, url: running.url, radius, lines, stop };
}

/** The records of the log lines whose message is `msg`. */
export const logged = (o: Observed, msg: string): Record<string, unknown>[] =>
  o.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === msg);

export async function authUser(url: string, userId: string, password: string): Promise<string> {
  const r = await post(url, authUserEnvelope({ CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_USERID: userId, CREDFLD_PASSWORD_FORMAT: '0', CREDFLD_PASSWORD: password }));
  return statusOf(r.text);
}

export interface Sample { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly value: number }

/** GET /metrics, parsed into samples (the Prometheus text format: `name{a="b",...} value`). */
export async function scrape(metricsUrl: string): Promise<Sample[]> {
  const res = await fetch(metricsUrl);
  if (res.status !== 200) throw new Error(`GET ${metricsUrl} answered ${res.status}`);
  return parseSamples(await res.text());
}

export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function total(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);
}

export interface UdpClient {
  /** Sends one datagram and waits up to `waitMs` for an answer (undefined when none). */
  send(bytes: Buffer, port: number, waitMs?: number): Promise<Buffer | undefined>;
  close(): void;
}

/** A NAS's UDP socket on `fromAddress` (any 127.x address is loopback), one source port for every send. */
export async function udpClient(fromAddress = '127.0.0.1'): Promise<UdpClient> {
  const socket = createSocket('udp4');
  await new Promise<void>((ok) => socket.bind(0, fromAddress, ok));
  let waiting: ((msg: Buffer | undefined) => void) | undefined;
  socket.on('message', (msg) => { waiting?.(msg); });
  return {
    send: (bytes, port, waitMs = 2000) => new Promise((resolve) => {
      const timer = setTimeout(() => { waiting = undefined; resolve(undefined); }, waitMs);
      waiting = (msg) => { clearTimeout(timer); waiting = undefined; resolve(msg); };
      socket.send(bytes, port, '127.0.0.1');
    }),
    close: () => socket.close(),
  };
}
