// Where replay sends its requests (issue 9): a running server (--target), or Countersign started by the
// composition root on temporary SQLite stores, frozen clock, deterministic randomness; a case with its
// own seed.json gets a fresh server, the others share one seeded with --seed (default: demo seed).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writePrivateFile } from '../runtime/private-files.js';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { createApp, startServer, type Running } from '../main.js';
import { Argon2Hasher } from '../store/hasher.js';
import { loadSeed } from '../admin/import-seed.js';
import { CaseError, type ReplayCase } from './cases.js';

/** The instant a case runs at when neither its seed ($clock), --clock nor its meta.json (time) names one. */
export const DEFAULT_CLOCK = '2026-01-01T00:00:00Z';

export interface Target {
  readonly description: string;
  /** The URL to send this case to, starting a server for it when needed. */
  urlFor(c: ReplayCase): Promise<string>;
  /** Called once the case has been answered. */
  done(c: ReplayCase): Promise<void>;
  close(): Promise<void>;
}

export interface Reply { readonly status: number; readonly body: Buffer }

export function externalTarget(url: string): Target {
  return { description: url, urlFor: async () => url, done: async () => undefined, close: async () => undefined };
}

interface Live { readonly running: Running; readonly file: string; setNow(ms: number): void }

const fastHasher = () => new Argon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

/**
 * The master key of case stores (the golden runner's too): seeds may hold values sealed or digested with
 * it, such as the keyed digest of a virtual authenticator's OTP, and must replay to the same answers.
 */
export const CASE_MASTER_KEY = Buffer.alloc(32, 3);

async function startLive(dir: string, name: string, seed: unknown, source: string): Promise<Live> {
  if (!existsSync(join(dir, 'master.key'))) writePrivateFile(join(dir, 'master.key'), `${CASE_MASTER_KEY.toString('hex')}\n`);
  let now = Date.parse(DEFAULT_CLOCK);
  let counter = 0;
  const file = join(dir, `${name}.db`);
  const config = loadConfig(process.env, {
    database: `sqlite:${file}`, masterKeyFile: join(dir, 'master.key'), demo: false, clock: null,
    httpPort: 0, httpHost: '127.0.0.1', tlsKeyFile: null, tlsCertFile: null, logLevel: 'silent', radiusEnabled: false, console: false,
    argon2MemoryKiB: 1024, argon2TimeCost: 1, argon2Parallelism: 1, outboxFile: join(dir, 'outbox.jsonl'),
    smtpHost: null, smsUrl: null,
  });
  const random = { bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => ++counter % 256)) };
  const app = await createApp(config, { clock: { now: () => now }, random });
  try {
    await loadSeed(app.store, seed, fastHasher(), { source });
    return { running: await startServer(app), file, setNow: (ms) => { now = ms; } };
  } catch (e) {
    await app.close();
    throw e;
  }
}

/** The case's instant: its seed's $clock, else --clock, else its recorded time, else DEFAULT_CLOCK. */
export function caseClock(c: ReplayCase, runClock: string | undefined): number {
  const spec = c.seed?.clock ?? runClock ?? c.meta?.time ?? DEFAULT_CLOCK;
  const ms = Date.parse(spec);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(spec) || Number.isNaN(ms)) throw new CaseError(c.title, `clock "${spec}" is not an ISO-8601 instant`);
  return ms;
}

export function inProcessTarget(opts: { seed?: unknown; seedSource?: string; clock?: string }): Target {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-replay-'));
  let shared: Promise<Live> | undefined;
  const own = new Map<string, Live>();
  let n = 0;
  const sharedLive = () => (shared ??= startLive(dir, 'shared', opts.seed ?? { extends: 'demo' }, opts.seedSource ?? 'demo seed'));
  return {
    description: 'Countersign started for this replay (temporary SQLite store)',
    async urlFor(c) {
      const at = caseClock(c, opts.clock);
      const live = c.seed ? await startLive(dir, `case-${++n}`, c.seed.doc, `${c.title}/seed.json`) : await sharedLive();
      if (c.seed) own.set(c.dir, live);
      live.setNow(at);
      return live.running.url;
    },
    async done(c) {
      const live = own.get(c.dir);
      own.delete(c.dir);
      await live?.running.close();
      if (live) rmSync(live.file, { force: true });
    },
    async close() {
      for (const live of own.values()) await live.running.close();
      if (shared) await shared.then((l) => l.running.close(), () => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs the case's request.xml as recorded: same path, Content-Type and SOAPAction. */
export function send(url: string, c: ReplayCase, opts: { ca?: Buffer; timeoutMs: number }): Promise<Reply> {
  const base = new URL(url);
  const path = c.meta?.path ? base.pathname.replace(/\/$/, '') + c.meta.path : base.pathname + base.search;
  const headers: Record<string, string | number> = {
    'Content-Type': c.seed?.contentType ?? c.meta?.contentType ?? 'text/xml; charset=utf-8', 'Content-Length': c.request.length,
  };
  if (c.meta?.soapAction !== undefined) headers.SOAPAction = c.meta.soapAction;
  const post = base.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = post(base, { method: 'POST', path, headers, agent: false, ca: opts.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`no answer from ${base.origin} within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(c.request);
  });
}
