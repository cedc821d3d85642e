// Periodic deletion of expired multi-leg records (flows.md §5, §6): kept after expiry so a late answer
// reads "expired", not "not found", then deleted PENDING_PURGE_AFTER_MS later by an unref'd timer per
// server process (several nodes purging one store is harmless).
import type { Clock, PendingStore } from '../engine/ports.js';

/** How often a server process purges. */
export const PENDING_PURGE_EVERY_MS = 60_000;
/**
 * How long an expired record is kept: longer than any challenge lifetime or push timeout a policy
 * sensibly sets (default 60 s and 30 s), so every late answer within that time still reads
 * STAT_EXP_CHALLENGE, and a used client-chosen challenge stays refused at least that long after expiry.
 */
export const PENDING_PURGE_AFTER_MS = 3_600_000;

export interface PurgeLog { warn(obj: object, msg: string): void }

export interface PendingPurge {
  /** One purge now; resolves to the number of records deleted (0 when the store failed: logged). */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a purge in progress. */
  stop(): Promise<void>;
}

export function startPendingPurge(pending: Pick<PendingStore, 'purgeExpired'>, clock: Clock, log: PurgeLog, everyMs = PENDING_PURGE_EVERY_MS): PendingPurge {
  let running: Promise<number> = Promise.resolve(0);
  const runOnce = (): Promise<number> => {
    running = running.then(() => pending.purgeExpired(clock.now() - PENDING_PURGE_AFTER_MS)).catch((e: unknown) => {
      log.warn({ error: { name: (e as Error)?.name, message: (e as Error)?.message } }, 'purging expired challenge records failed; will retry');
      return 0;
    });
    return running;
  };
  const timer = setInterval(() => { void runOnce(); }, everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
