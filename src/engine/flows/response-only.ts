// Flow: response-only authUser — OTP, server PIN + OTP, static password + OTP (spec: flows.md §2–§3).
// OTPs are checked first (cheap HMAC); the matched OTP is consumed by compare-and-set; then at most
// one argon2 verification of the PIN and one of the static password.
import type { Authenticator } from '../../domain/model.js';
import { kindOf } from '../../authenticators/index.js';
import { hostCode } from '../../otp/hostcode.js';
import { fingerprint, presentedFor, type Presented } from '../credentials.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { checkUserPassword, unreachable } from '../target-system.js';
import { withCapability } from './candidates.js';
import type { Flow } from './flow.js';

/** An authenticator whose OTP (or response) verified, with what was presented and the step to record. */
export interface Match { readonly a: Authenticator; readonly p: Presented; readonly step: number; readonly drift: number }

function candidates(ctx: ResolvedContext): Authenticator[] {
  const all = withCapability(ctx, 'responseOnly');
  return ctx.request.requestHostCode === 'required' ? all.filter((a) => kindOf(a.kind).capabilities.hostCode) : all;
}

function findMatch(ctx: ResolvedContext, list: Authenticator[]): Match | 'replay' | undefined {
  let replay = false;
  for (const a of list) {
    const kind = kindOf(a.kind);
    const p = presentedFor(ctx.request, kind.otpLength(a), a, ctx.policy);
    if (!p) continue;
    const r = kind.verify(a, p.otp, { now: ctx.now, policy: ctx.policy });
    if (r.ok) return { a, p, step: r.step, drift: r.drift };
    replay ||= r.replay;
  }
  return replay ? 'replay' : undefined;
}

/** A PIN to change or check, or a static password the policy asks for (otherwise the OTP alone decides). */
const hasSecondFactors = (ctx: ResolvedContext, m: Match): boolean =>
  m.a.pinChangeRequired || (m.a.pinEnabled && m.a.pinHash !== null) || ctx.policy.staticPasswordWithOtp;

async function secondFactors(ctx: ResolvedContext, m: Match): Promise<Verdict | undefined> {
  const { hasher } = ctx.ports;
  const wrong = () => ({ serialNo: m.a.serial, fingerprint: fingerprint(ctx.request) });
  if (m.a.pinChangeRequired) return verdict('NEW_PIN_REQUIRED', { serialNo: m.a.serial });
  if (m.a.pinEnabled && m.a.pinHash !== null && !(await hasher.verify(m.a.pinHash, m.p.pin))) return verdict('OTP_INCORRECT', wrong());
  if (ctx.policy.staticPasswordWithOtp) {
    const checked = await checkUserPassword(ctx, m.p.staticPassword ?? '');
    if (checked !== 'ok') return checked === 'unreachable' ? unreachable(m.a.serial) : verdict('LOCAL_PASSWORD_MISMATCH', wrong());
  }
  return undefined;
}

/**
 * Completes a verified match (response-only and challenge/response alike): consume the step by
 * compare-and-set, check PIN and static password, end the grace period, add the host code.
 */
export async function accept(ctx: ResolvedContext, m: Match): Promise<Verdict> {
  if (!(await ctx.ports.authenticators.advanceStep(m.a.id, m.step, m.drift))) {
    return verdict('OTP_REPLAY', { serialNo: m.a.serial, fingerprint: fingerprint(ctx.request) });
  }
  const refused = hasSecondFactors(ctx, m) ? await secondFactors(ctx, m) : undefined;
  if (refused) return refused;
  if (m.a.graceUntil !== null && m.a.graceUntil > ctx.now) await ctx.ports.authenticators.endGracePeriod(m.a.id);
  const wantsCode = ctx.request.requestHostCode !== undefined && kindOf(m.a.kind).capabilities.hostCode;
  const code = wantsCode ? hostCode(m.a.secret, m.p.otp, m.a.digits) : undefined;
  return verdict('SUCCESS', { serialNo: m.a.serial, hostCode: code });
}

export const responseOnly: Flow = {
  name: 'response-only',
  matches: () => true,
  async run(ctx) {
    const list = candidates(ctx);
    if (list.length === 0) return verdict('NO_DIGIPASS', { detail: 'no authenticator of this user can produce a host code' });
    const m = findMatch(ctx, list);
    if (m === 'replay') return verdict('OTP_REPLAY', { fingerprint: fingerprint(ctx.request) });
    if (!m) return verdict('OTP_INCORRECT', { fingerprint: fingerprint(ctx.request) });
    return accept(ctx, m);
  },
};
