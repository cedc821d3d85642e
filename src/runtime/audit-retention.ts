// Audit retention (docs/operations/audit-retention.md): records older than COUNTERSIGN_AUDIT_RETENTION_DAYS
// (administrative changes: COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS) are deleted in bounded batches with a
// pause between them, so no batch holds SQLite's write lock or a PostgreSQL transaction for long. A serving
// process purges on an unref'd timer; `countersign audit purge` runs the same loop by hand. Several purgers
// on one store are harmless: each batch deletes whatever is still there.
import type { AuditClass, Store } from '../store/store.js';

export const DAY_MS = 86_400_000;
/**
 * Most rows per DELETE. A batch aims at AUDIT_PURGE_TARGET_MS: each deleted record also leaves the user index,
 * whose pages a large table no longer keeps together, so a record costs more the larger the table. Measured
 * with bench/audit-purge.ts (docs/operations/audit-retention.md): 5,000 records took 12-19 ms (median) on
 * SQLite with 1,000,000 records, holding its write lock, 37-51 ms with 10,000,000; PostgreSQL 15-17 ms.
 */
export const AUDIT_PURGE_BATCH = 5_000;
/** How long a batch should take; the next batch's size follows from the last one's time. */
export const AUDIT_PURGE_TARGET_MS = 25;
/** The fewest rows a batch deletes however slow the store. */
export const AUDIT_PURGE_MIN_BATCH = 100;
/**
 * After each batch the purge pauses PAUSE_FACTOR times as long as the batch took, at least this long: it
 * holds at most a fifth of the store's write time, however slow the disk, and writers queued behind a
 * batch (another node's busy wait on a SQLite file) get the store before the next one.
 */
export const AUDIT_PURGE_PAUSE_MS = 100;
export const AUDIT_PURGE_PAUSE_FACTOR = 4;
/** How often a serving process purges, and how long after its start it first does. */
export const AUDIT_PURGE_EVERY_MS = 15 * 60_000;
export const AUDIT_PURGE_FIRST_AFTER_MS = 60_000;

/** The settings: days each class is kept; 0 = forever. */
export interface RetentionDays { readonly days: number; readonly adminDays: number }

/** Epoch-ms bounds (records strictly older go) per class; null = that class is kept. */
export interface PurgeBounds { readonly other: number | null; readonly administrative: number | null }

/**
 * The server's bounds at `now`. Retention 0 keeps everything (administrative records too); administrative
 * records are never deleted sooner than the others, whatever COUNTERSIGN_AUDIT_ADMIN_RETENTION_DAYS says.
 */
export function retentionBounds(r: RetentionDays, now: number): PurgeBounds {
  if (r.days === 0) return { other: null, administrative: null };
  const other = now - r.days * DAY_MS;
  return { other, administrative: r.adminDays === 0 ? null : Math.min(other, now - r.adminDays * DAY_MS) };
}

/** The earlier of `clock` and real time: a clock set ahead for QA (COUNTERSIGN_CLOCK) never makes records due early. */
export const notAhead = (clock: { now(): number }) => (): number => Math.min(clock.now(), Date.now());

/** The banner's line (`countersign serve`). */
export function describeRetention(r: RetentionDays): string {
  if (r.days === 0) return 'Audit retention: off, every record is kept (COUNTERSIGN_AUDIT_RETENTION_DAYS=0)';
  const admin = r.adminDays === 0 ? 'kept forever' : `${Math.max(r.days, r.adminDays)} days`;
  return `Audit retention: records older than ${r.days} days are deleted (administrative changes: ${admin})`;
}

/** What a purge did so far (kept up to date batch by batch, so a failed or stopped run still reports it). */
export interface PurgeCounts {
  other: number; administrative: number; batches: number; longestBatchMs: number;
  /** The signal stopped the run before every record due was deleted. */
  stopped: boolean;
}

export const noCounts = (): PurgeCounts => ({ other: 0, administrative: 0, batches: 0, longestBatchMs: 0, stopped: false });

export interface PurgeOptions {
  /** The most rows a batch deletes (default AUDIT_PURGE_BATCH); smaller when batches take long. */
  readonly batch?: number;
  /** The least pause between two batches (default AUDIT_PURGE_PAUSE_MS). */
  readonly pauseMs?: number;
  /** Aborted: stop after the batch under way (SIGTERM, Ctrl-C). */
  readonly signal?: AbortSignal;
  /** After each batch (progress, metrics). */
  readonly onBatch?: (kind: AuditClass, deleted: number) => void;
  /** Waits between batches (tests: no real pause). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds, for how long a batch took (default performance.now). */
  readonly timer?: () => number;
}

/** The next batch's size: scaled to take AUDIT_PURGE_TARGET_MS at the last one's pace, at most doubled, within [MIN, max]. */
export function nextBatch(size: number, tookMs: number, max: number): number {
  const fit = tookMs > 0 ? Math.floor((size * AUDIT_PURGE_TARGET_MS) / tookMs) : max;
  return Math.min(max, Math.max(AUDIT_PURGE_MIN_BATCH, Math.min(2 * size, fit)));
}

/** A pause that an abort ends at once. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    if (signal?.aborted) return ok();
    const done = (): void => { clearTimeout(timer); signal?.removeEventListener('abort', done); ok(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Deletes the records older than the bounds, batch by batch, into `counts`. The other records go first:
 * the administrative ones older than their (earlier) bound are then at the start of the `at` index.
 */
export async function purgeAuditRecords(store: Pick<Store, 'purgeAudit'>, bounds: PurgeBounds, counts: PurgeCounts, o: PurgeOptions = {}): Promise<PurgeCounts> {
  const max = o.batch ?? AUDIT_PURGE_BATCH;
  let size = max;
  const sleep = o.sleep ?? pause;
  const timer = o.timer ?? (() => performance.now());
  const classes: AuditClass[] = ['other', 'administrative'];
  for (const kind of classes) {
    const before = bounds[kind];
    if (before === null) continue;
    for (;;) {
      if (o.signal?.aborted) { counts.stopped = true; return counts; }
      const start = timer();
      const deleted = await store.purgeAudit(kind, before, size);
      const took = timer() - start;
      counts.longestBatchMs = Math.max(counts.longestBatchMs, took);
      counts.batches++;
      counts[kind] += deleted;
      o.onBatch?.(kind, deleted);
      if (deleted < size) break;
      size = nextBatch(size, took, max);
      await sleep(Math.max(o.pauseMs ?? AUDIT_PURGE_PAUSE_MS, AUDIT_PURGE_PAUSE_FACTOR * took), o.signal);
    }
  }
  return counts;
}

/** What the background purge reports to: the process log and the metrics (src/runtime/metrics.ts). */
export interface RetentionDeps {
  /** The time records are compared with (the server passes the earlier of its clock and real time). */
  readonly now: () => number;
  readonly log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  readonly metrics: { auditPurged(kind: AuditClass, n: number): void; auditPurgeRun(result: 'ok' | 'failed'): void };
}

export interface RetentionTiming extends Omit<PurgeOptions, 'signal' | 'onBatch'> {
  readonly everyMs?: number;
  readonly firstAfterMs?: number;
}

export interface AuditRetention {
  /** One purge now (after any under way); its counts, or undefined when retention is off. Never throws: failures are logged. */
  runOnce(): Promise<PurgeCounts | undefined>;
  /** Stops the timer, ends a purge under way after its current batch, and waits for it. */
  stop(): Promise<void>;
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());

/** The serving process's purge: first after `firstAfterMs`, then `everyMs` after each run ends. */
export function startAuditRetention(store: Pick<Store, 'purgeAudit'>, days: RetentionDays, deps: RetentionDeps, t: RetentionTiming = {}): AuditRetention {
  if (days.days === 0) return { runOnce: async () => undefined, stop: async () => undefined };
  const stopping = new AbortController();
  let running: Promise<PurgeCounts | undefined> = Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number): void => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => { void runOnce().then(() => schedule(t.everyMs ?? AUDIT_PURGE_EVERY_MS)); }, ms);
    timer.unref();
  };
  const runOnce = (): Promise<PurgeCounts | undefined> => {
    running = running.then(() => runLogged(store, retentionBounds(days, deps.now()), deps, { ...t, signal: stopping.signal }));
    return running;
  };
  schedule(t.firstAfterMs ?? AUDIT_PURGE_FIRST_AFTER_MS);
  return {
    runOnce,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

/** One run with its log line (counts and bounds only: no user data) and metrics. */
async function runLogged(store: Pick<Store, 'purgeAudit'>, bounds: PurgeBounds, deps: RetentionDeps, o: PurgeOptions): Promise<PurgeCounts> {
  const counts = noCounts();
  const start = performance.now();
  const line = () => ({
    deleted: counts.other, administrative: counts.administrative, before: iso(bounds.other), adminBefore: iso(bounds.administrative),
    batches: counts.batches, longestBatchMs: Math.round(counts.longestBatchMs), ms: Math.round(performance.now() - start),
    ...(counts.stopped ? { stopped: true } : {}),
  });
  try {
    await purgeAuditRecords(store, bounds, counts, { ...o, onBatch: (kind, n) => deps.metrics.auditPurged(kind, n) });
    deps.metrics.auditPurgeRun('ok');
    deps.log.info(line(), 'audit purge');
  } catch (e) {
    deps.metrics.auditPurgeRun('failed');
    deps.log.warn({ ...line(), error: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'audit purge failed; will retry');
  }
  return counts;
}
