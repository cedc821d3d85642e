// Push transactions in the pending store (spec: flows.md §6): which authenticators are push devices,
// opening one transaction per call (never shared with another call; at most PUSH_LIVE_PER_USER live per
// user), and reading a record's state as the outcome of the held call.
import type { Authenticator } from '../domain/model.js';
import { kindOf } from '../authenticators/index.js';
import { verdict, type ResolvedContext, type Verdict } from './context.js';
import { PUSH_KEY_BYTES, PUSH_LIVE_PER_USER, pushMessage } from './decisions.js';
import { usable } from './flows/candidates.js';
import type { PendingRecord } from './ports.js';
import { overBound } from './live-records.js';

export interface PushPayload {
  /** The text the device signs. */
  readonly message: string;
  readonly userId: string;
  readonly domain: string;
}

export const isPushDevice = (a: Authenticator): boolean => usable(a) && kindOf(a.kind).capabilities.push;

export { isLive } from './live-records.js';

export function pushPayloadOf(r: PendingRecord): PushPayload | undefined {
  const { message, userId, domain } = r.payload;
  if ((r.kind !== 'push' && r.kind !== 'secure-challenge') || typeof message !== 'string' || typeof userId !== 'string' || typeof domain !== 'string') return undefined;
  return { message, userId, domain };
}

/** One device: the transaction is its own; several: any of the user's push devices may answer. */
const deviceRefOf = (devices: readonly Authenticator[]): string | null => (devices.length === 1 ? devices[0]!.id : null);

/**
 * Stores a new transaction for this call alone: a second call, even of the same user and client, never
 * joins it (who joined would be answered STAT_SUCCESS by the user's approval of another login). With
 * PUSH_LIVE_PER_USER transactions of the user already live, answers RATE_LIMITED instead (no push sent).
 */
export async function openTransaction(ctx: ResolvedContext, devices: readonly Authenticator[]): Promise<PendingRecord | Verdict> {
  const refused = await overBound(ctx.ports, ctx.user.id, 'push', PUSH_LIVE_PER_USER, 'push requests');
  if (refused) return refused;
  const key = ctx.ports.random.bytes(PUSH_KEY_BYTES).toString('base64url');
  const { userId, domain } = ctx.user;
  const payload: PushPayload = { message: pushMessage(userId, domain, ctx.request.componentType, ctx.now, key), userId, domain };
  const record: PendingRecord = {
    key, kind: 'push', userRef: ctx.user.id, authenticatorRef: deviceRefOf(devices), componentType: ctx.request.componentType,
    createdAt: ctx.now, expiresAt: ctx.now + ctx.policy.pushTimeoutS * 1000, payload: { ...payload }, state: 'open',
  };
  await ctx.ports.pending.create(record);
  return record;
}

const TIMED_OUT = verdict('PUSH_TIMEOUT', { detail: 'nobody answered the push request in time' });

/**
 * The held call's answer, read from the store after the waiter released it. Still pending at the
 * deadline: closed here (→ used) by compare-and-set, so a late approval cannot succeed afterwards.
 */
export async function pushVerdict(ctx: ResolvedContext, key: string, serialNo: string, expired = false): Promise<Verdict | 'wait'> {
  const r = await ctx.ports.pending.find(key);
  if (!r) return TIMED_OUT;
  if (r.state === 'approved') return verdict('SUCCESS', { serialNo, detail: 'push approved on the device' });
  if (r.state === 'rejected') return verdict('PUSH_REJECTED', { serialNo, detail: 'push rejected on the device' });
  if (r.state === 'used') return TIMED_OUT;
  if (!expired && ctx.ports.clock.now() < r.expiresAt) return 'wait';
  return (await ctx.ports.pending.transition(key, r.state, 'used')) ? TIMED_OUT : pushVerdict(ctx, key, serialNo, expired);
}

const SHUTDOWN = verdict('PUSH_TIMEOUT', { detail: 'the server stopped while the push request was pending' });

/**
 * The answer of a call released by shutdown: the device's, when it answered meanwhile; otherwise the
 * record is closed (→ used) by compare-and-set, as at the deadline, so that no approval can succeed
 * after the caller was told the push timed out.
 */
async function shutdownVerdict(ctx: ResolvedContext, key: string, serialNo: string): Promise<Verdict> {
  const r = await ctx.ports.pending.find(key);
  if (!r || (r.state !== 'open' && r.state !== 'fetched')) {
    const v = await pushVerdict(ctx, key, serialNo);
    return v === 'wait' ? SHUTDOWN : v;
  }
  return (await ctx.ports.pending.transition(key, r.state, 'used')) ? SHUTDOWN : shutdownVerdict(ctx, key, serialNo);
}

/** Holds the call (re-arming when released early) until the record decides or the deadline closes it. */
export async function holdPush(ctx: ResolvedContext, key: string, deadline: number, serialNo: string): Promise<Verdict> {
  ctx.releaseTurn?.();
  for (;;) {
    const end = await ctx.ports.push!.wait(key, deadline);
    if (end === 'closed') return shutdownVerdict(ctx, key, serialNo);
    const v = await pushVerdict(ctx, key, serialNo, end === 'expired');
    if (v !== 'wait') return v;
  }
}
