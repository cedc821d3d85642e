// Scale-out test support (issue 8): `countersign serve` processes sharing one PostgreSQL database (a
// scratch database per suite), started, stopped and killed with SIGKILL; SOAP helpers; row readers.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { openStore, type Store } from '../../src/store/store.js';
import { authUserEnvelope, post, statusOf } from '../e2e/support.js';
import { ROOT } from '../support/engine-harness.js';
import { scratchDatabase, type ScratchDb } from '../support/pg-db.js';

const BIN = join(ROOT, 'bin', 'countersign.js');
const START_TIMEOUT_MS = 20_000;

export const PG_URL = process.env.COUNTERSIGN_TEST_PG;
export const SOAP_CLIENT = { CREDFLD_COMPONENT_TYPE: 'SOAP Auth Client', CREDFLD_PASSWORD_FORMAT: '0' };

export interface Node {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
}

/** Starts `countersign serve` and resolves once it says where it listens. */
export function startNode(name: string, env: NodeJS.ProcessEnv): Promise<Node> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, ...env }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  child.stderr!.on('data', (d: Buffer) => lines.push(d.toString()));
  const output = () => lines.join('\n');
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`node ${name} did not start: ${output()}`)); }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => { clearTimeout(timer); fail(new Error(`node ${name} exited (${code ?? signal}): ${output()}`)); });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const m = /listening on (http\S+)/.exec(line);
      if (m) { clearTimeout(timer); ok({ name, url: m[1]!, child, output }); }
    });
  });
}

/** Starts several nodes at once; when one fails, stops those that started and rethrows. */
export async function startNodes(names: readonly string[], env: NodeJS.ProcessEnv): Promise<Node[]> {
  const settled = await Promise.allSettled(names.map((n) => startNode(n, env)));
  const failed = settled.find((r) => r.status === 'rejected');
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<Node>).value);
  await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? stopNode(r.value) : undefined)));
  throw (failed as PromiseRejectedResult).reason;
}

/** Stops a node: SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone. */
export function stopNode(node: Node | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((ok) => {
    if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return ok();
    node.child.once('exit', () => ok());
    node.child.kill(signal);
  });
}

export interface Cluster {
  readonly db: ScratchDb;
  readonly masterKey: Buffer;
  /** The environment every node of this cluster runs with (identical across nodes). */
  readonly env: NodeJS.ProcessEnv;
  /** A store connection of the test itself (same database, same master key). */
  readonly store: Store;
  readonly sql: pg.Client;
  close(): Promise<void>;
}

/**
 * A scratch database, a master key file, the node environment and the test's own connections. The
 * test writes users only after the first node started: a node loads the demo seed into an empty store.
 */
export async function createCluster(dbName: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Cluster> {
  const db = await scratchDatabase(PG_URL!, dbName);
  const dir = mkdtempSync(join(tmpdir(), 'countersign-scale-'));
  const masterKey = randomBytes(32);
  writeFileSync(join(dir, 'master.key'), masterKey.toString('hex'), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    COUNTERSIGN_DATABASE: db.url, COUNTERSIGN_MASTER_KEY_FILE: join(dir, 'master.key'),
    COUNTERSIGN_HTTP_PORT: '0', COUNTERSIGN_HTTP_HOST: '127.0.0.1', COUNTERSIGN_RADIUS_ENABLED: '0',
    COUNTERSIGN_ARGON2_MEMORY_KIB: '1024', COUNTERSIGN_ARGON2_TIME_COST: '1', COUNTERSIGN_LOG_LEVEL: 'warn',
    // These bursts test the store's lock and replay counting; the rate limits (per process) would cut them short.
    COUNTERSIGN_RATE_LIMIT_USER_BURST: '0', COUNTERSIGN_RATE_LIMIT_SOURCE_BURST: '0',
    // Every request comes from 127.0.0.1, hundreds at once: the per-source connection cap would refuse them.
    COUNTERSIGN_HTTP_MAX_CONNECTIONS_PER_SOURCE: '0',
    ...extraEnv,
  };
  const store = await openStore(db.url, { masterKey, clientCacheMs: 0, poolSize: 4 });
  const sql = await db.client();
  const close = async () => {
    await sql.end();
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, masterKey, env, store, sql, close };
}

/** One authUser over HTTP; resolves with the status enum, or `NETWORK` when the node did not answer. */
export async function authUser(node: Node, fields: Record<string, string>): Promise<{ status: string; text: string }> {
  try {
    const { text } = await post(node.url, authUserEnvelope({ ...SOAP_CLIENT, ...fields }));
    return { status: statusOf(text), text };
  } catch {
    return { status: 'NETWORK', text: '' };
  }
}

export const attrOf = (xml: string, id: string): string | undefined =>
  new RegExp(`<value xsi:type="xsd:string">([^<]*)</value><attributeID>${id}</attributeID>`).exec(xml)?.[1];

export async function lastStep(sql: pg.Client, serial: string): Promise<number> {
  const { rows } = await sql.query('SELECT last_step FROM authenticators WHERE serial_key = $1', [serial.toLowerCase()]);
  return Number(rows[0].last_step);
}

export async function lockState(sql: pg.Client, userId: string): Promise<{ lockCount: number; locked: boolean }> {
  const { rows } = await sql.query('SELECT lock_count, locked FROM users WHERE userid_key = $1', [userId.toLowerCase()]);
  return { lockCount: Number(rows[0].lock_count), locked: rows[0].locked === true };
}

export const tally = (statuses: readonly string[]): Record<string, number> =>
  statuses.reduce<Record<string, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

export const TOKEN_SECRET = Buffer.from('12345678901234567890');

/** Adds a user in `master` with one HOTP authenticator (secret TOKEN_SECRET, counter unused). */
export async function addHotpUser(store: Store, userId: string, serial: string): Promise<void> {
  const userRef = await store.createUser({ domain: 'master', userId });
  await store.createAuthenticator({ serial, kind: 'hotp', secret: TOKEN_SECRET, userRef });
}

/** `count` distinct 6-digit codes, none of them a valid HOTP code of TOKEN_SECRET for counters 0..199. */
export function wrongCodes(count: number, validCodes: ReadonlySet<string>, start = 0): string[] {
  const out: string[] = [];
  for (let n = start; out.length < count; n++) {
    const code = String(n).padStart(6, '0');
    if (!validCodes.has(code)) out.push(code);
  }
  return out;
}
