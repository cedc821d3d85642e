// Flow: the device approves a push transaction (spec: flows.md §6): authUser with the transaction's
// challenge key and the device's signature (CREDFLD_PASSWORD or the separate response) over the
// transaction text. The record moves to `approved` by compare-and-set and the held call is woken.
// Secure Channel keys work alike; with auth type SCAN and no signature the caller instead waits for
// the device's answer (held like a push). Other keys go on to the challenge-response flow unchanged.
import { kindOf } from '../../authenticators/index.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { PUSH_SIGNATURE_REFUSED } from '../decisions.js';
import type { PendingRecord } from '../ports.js';
import { holdPush, isLive, isPushDevice, pushPayloadOf } from '../push.js';
import { challengeResponse } from './challenge-response.js';
import type { Flow } from './flow.js';

const UNKNOWN = verdict('NOT_FOUND', { detail: 'unknown or already answered push transaction' });
const LATE = verdict('PUSH_TIMEOUT', { detail: 'the push transaction timed out before the answer' });

/** What an answer to `r` meets when the record is not live: already answered, or too late. */
export function notLive(r: PendingRecord, now: number): Verdict {
  return r.state === 'approved' || r.state === 'rejected' ? UNKNOWN : now >= r.expiresAt || r.state === 'used' ? LATE : UNKNOWN;
}

async function approve(ctx: ResolvedContext, r: PendingRecord): Promise<Verdict> {
  const payload = pushPayloadOf(r);
  const devices = ctx.authenticators.filter((a) => isPushDevice(a) && (r.authenticatorRef === null || a.id === r.authenticatorRef));
  if (!payload || r.userRef !== ctx.user.id || devices.length === 0) return UNKNOWN;
  const now = ctx.ports.clock.now();
  if (!isLive(r, now)) return notLive(r, now);
  const signature = ctx.request.response ?? ctx.request.password;
  if (signature === undefined && r.kind === 'secure-challenge' && ctx.request.authType === 'SCAN' && ctx.ports.push) {
    return holdPush(ctx, r.key, r.expiresAt, devices[0]!.serial);
  }
  if (signature === undefined) return verdict(PUSH_SIGNATURE_REFUSED, { detail: 'no signature was given' });
  const device = devices.find((a) => kindOf(a.kind).verify(a, signature, { now, policy: ctx.policy, challenge: payload.message }).ok);
  if (!device) return verdict(PUSH_SIGNATURE_REFUSED, { detail: 'the push signature does not verify' });
  if (!(await ctx.ports.pending.transition(r.key, r.state, 'approved'))) {
    const again = await ctx.ports.pending.find(r.key);
    const won = again !== null && isLive(again, now) && (await ctx.ports.pending.transition(r.key, again.state, 'approved'));
    if (!won) return again ? notLive(again, now) : UNKNOWN;
  }
  ctx.ports.push?.wake(r.key);
  return verdict('SUCCESS', { serialNo: device.serial, detail: 'push transaction approved' });
}

export const pushAnswer: Flow = {
  name: 'push-answer',
  matches: (ctx) => ctx.request.challengeKey !== undefined && ctx.authenticators.some(isPushDevice),
  async run(ctx) {
    const r = await ctx.ports.pending.find(ctx.request.challengeKey!);
    return r?.kind === 'push' || r?.kind === 'secure-challenge' ? approve(ctx, r) : challengeResponse.run(ctx);
  },
};
