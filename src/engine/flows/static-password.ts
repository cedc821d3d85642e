// Flow: static password alone, for users without a usable authenticator or during a grace period
// (spec: flows.md §2 "Users without an authenticator", local-authentication modes).
import { kindOf } from '../../authenticators/index.js';
import { presentedFor, fingerprint } from '../credentials.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { checkUserPassword, hasUserPassword, unreachable } from '../target-system.js';
import { hasCapability, localAuthMode, usable, withCapability } from './candidates.js';
import type { Flow } from './flow.js';

function presentedStatic(ctx: ResolvedContext): string | undefined {
  const r = ctx.request;
  return r.passwordFormat === 'separate' ? r.staticPassword ?? (r.response ? undefined : r.password) : r.password;
}

/** True when nothing presented can be an OTP for any candidate, and a static password is plausible. */
export function isStaticAttempt(ctx: ResolvedContext): boolean {
  if (ctx.authenticators.length > 0 && !hasUserPassword(ctx)) return false;
  const r = ctx.request;
  if (r.passwordFormat === 'separate') return r.staticPassword !== undefined && r.response === undefined;
  return withCapability(ctx, 'responseOnly').every((a) => !presentedFor(r, kindOf(a.kind).otpLength(a), a, ctx.policy));
}

function modeRefusal(ctx: ResolvedContext): Verdict | undefined {
  const mode = localAuthMode(ctx);
  const hasAny = ctx.authenticators.length > 0;
  if (mode === 'None') return verdict('LOCALAUTH');
  if (mode === 'Digipass Only') return verdict(hasAny ? 'GRACE_PERIOD_EXPIRED' : 'NO_DIGIPASS');
  if (mode === 'Digipass/Password' && hasAny && !ctx.authenticators.some((a) => a.graceUntil !== null && a.graceUntil > ctx.now)) {
    return verdict('GRACE_PERIOD_EXPIRED');
  }
  return undefined;
}

/** An OTP-looking request that no authenticator of the user can verify on its own. */
function noResponseOnly(ctx: ResolvedContext): Verdict {
  if (!ctx.authenticators.some(usable)) return verdict('DIGIPASS_LOCKED');
  return verdict('NO_DIGIPASS', { detail: 'no authenticator of this user verifies a one-time password without a challenge' });
}

export const staticPassword: Flow = {
  name: 'static-password',
  matches: (ctx) => !hasCapability(ctx, 'responseOnly') || isStaticAttempt(ctx),
  async run(ctx) {
    if (!isStaticAttempt(ctx) && ctx.authenticators.length > 0) return noResponseOnly(ctx);
    const refusal = modeRefusal(ctx);
    if (refusal) return refusal;
    if (!hasUserPassword(ctx)) return verdict('NO_DIGIPASS', { detail: 'the user has neither an authenticator nor a static password' });
    const checked = await checkUserPassword(ctx, presentedStatic(ctx));
    if (checked === 'unreachable') return unreachable();
    if (checked === 'wrong') return verdict('LOCAL_PASSWORD_MISMATCH', { fingerprint: fingerprint(ctx.request) });
    return verdict('SUCCESS');
  },
};
