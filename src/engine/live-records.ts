// Bounds on the multi-leg records a request may open before any credential is proved (decisions.ts):
// a user's live records of one kind, and the RATE_LIMITED verdict once they reach their bound, with
// Retry-After until the oldest one ends. A check, not a lock: concurrent requests may pass it together.
import { verdict, type Verdict } from './context.js';
import type { PendingRecord, Ports } from './ports.js';

/** Open or fetched, and before its deadline. */
export const isLive = (r: PendingRecord, now: number): boolean => (r.state === 'open' || r.state === 'fetched') && now < r.expiresAt;

/** The user's live records of `kind`, the one ending first first (empty where the store cannot list them). */
export async function liveRecords(ports: Ports, userRef: string, kind: PendingRecord['kind']): Promise<PendingRecord[]> {
  const list = (await ports.pending.listPendingForUser?.(userRef, kind)) ?? [];
  const now = ports.clock.now();
  return list.filter((r) => isLive(r, now)).sort((a, b) => a.expiresAt - b.expiresAt);
}

/** RATE_LIMITED when `bound` records of the user's are live already; undefined when one more may open. */
export async function overBound(ports: Ports, userRef: string, kind: PendingRecord['kind'], bound: number, what: string): Promise<Verdict | undefined> {
  const live = await liveRecords(ports, userRef, kind);
  if (live.length < bound) return undefined;
  const retryAfterS = Math.max(1, Math.ceil((live[0]!.expiresAt - ports.clock.now()) / 1000));
  return verdict('RATE_LIMITED', { retryAfterS, detail: `${live.length} ${what} of this user are already waiting for an answer` });
}
