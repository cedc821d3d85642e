// Flow: server PIN change and forced PIN set inside authUser (spec: flows.md §7): combined
// `PIN + OTP + NewPIN + ConfirmPIN` (`OTP + NewPIN + ConfirmPIN` when a PIN must be set), or separate
// fields. Rules first (nothing changes when they fail), then the OTP is consumed by compare-and-set,
// then one argon2 verification of the current PIN and one hash of the new one.
import type { Authenticator, Policy } from '../../domain/model.js';
import { kindOf } from '../../authenticators/index.js';
import { fingerprint } from '../credentials.js';
import { verdict, type ResolvedContext, type Verdict } from '../context.js';
import { PIN_PATTERN, PIN_RULE_STATUS } from '../decisions.js';
import { hasCapability, usable } from './candidates.js';
import type { Flow } from './flow.js';

interface Attempt { readonly a: Authenticator; readonly current: string; readonly otp: string; readonly newPin: string; readonly confirm: string }
interface Found extends Attempt { readonly step: number; readonly drift: number }

/** Authenticators with a server PIN in use (or to be set) that verify an OTP on their own. */
const isPinCandidate = (a: Authenticator): boolean => {
  const { capabilities } = kindOf(a.kind);
  return usable(a) && capabilities.responseOnly && capabilities.serverPin && a.pinEnabled;
};
const pinCandidates = (ctx: ResolvedContext): Authenticator[] => ctx.authenticators.filter(isPinCandidate);
/** The current PIN must be presented unless none is set or a new one is required. */
const needsCurrent = (a: Authenticator): boolean => a.pinHash !== null && !a.pinChangeRequired;

/**
 * Combined format is a PIN change only when it is longer than any `[PIN]OTP` could be. (A static
 * password in front, policy staticPasswordWithOtp, cannot be separated here: such users send format 4.)
 */
function isCombinedChange(ctx: ResolvedContext): boolean {
  const length = (ctx.request.password ?? '').length;
  if (ctx.policy.staticPasswordWithOtp) return false;
  for (const a of ctx.authenticators) {
    if (isPinCandidate(a) && length > kindOf(a.kind).otpLength(a) + (needsCurrent(a) ? ctx.policy.pinMaxLength : 0)) return true;
  }
  return false;
}

/** `[PIN]OTP New Confirm`, tried for each new-PIN length n (two halves of n), 1..2×max so that a PIN of a wrong length is reported as such. */
function combinedAttempts(ctx: ResolvedContext): Attempt[] {
  const text = ctx.request.password ?? '';
  const out: Attempt[] = [];
  for (const a of pinCandidates(ctx)) {
    const otpLength = kindOf(a.kind).otpLength(a);
    for (let n = 1; n <= 2 * ctx.policy.pinMaxLength; n++) {
      const cut = text.length - 2 * n - otpLength;
      if (cut < 0) break;
      if ((cut > 0) !== needsCurrent(a)) continue;
      const otpEnd = cut + otpLength;
      out.push({ a, current: text.slice(0, cut), otp: text.slice(cut, otpEnd), newPin: text.slice(otpEnd, otpEnd + n), confirm: text.slice(otpEnd + n) });
    }
  }
  return out;
}

function separateAttempts(ctx: ResolvedContext): Attempt[] {
  const r = ctx.request;
  const otp = r.response ?? r.password ?? '';
  return pinCandidates(ctx).map((a) => ({ a, otp, current: r.currentPin ?? '', newPin: r.newPin ?? '', confirm: r.confirmPin ?? '' }));
}

/** New = confirm, digits only, within the policy's lengths; otherwise PIN_MISMATCH and nothing changes. */
export function pinRuleBroken(policy: Policy, newPin: string, confirm: string): Verdict | undefined {
  const { pinMinLength: min, pinMaxLength: max } = policy;
  if (newPin !== confirm) return verdict(PIN_RULE_STATUS, { detail: 'the new PIN and its confirmation differ' });
  if (!PIN_PATTERN.test(newPin) || newPin.length < min || newPin.length > max) {
    return verdict(PIN_RULE_STATUS, { detail: `the new PIN must be ${min} to ${max} digits` });
  }
  return undefined;
}

function findAttempt(ctx: ResolvedContext, attempts: Attempt[]): Found | 'replay' | undefined {
  let replay = false;
  for (const t of attempts) {
    const r = kindOf(t.a.kind).verify(t.a, t.otp, { now: ctx.now, policy: ctx.policy });
    if (r.ok) return { ...t, step: r.step, drift: r.drift };
    replay ||= r.replay;
  }
  return replay ? 'replay' : undefined;
}

/** After the OTP is consumed: the current PIN (and static password, if the policy asks), then the new PIN. */
async function change(ctx: ResolvedContext, f: Found): Promise<Verdict> {
  const { hasher, authenticators } = ctx.ports;
  const wrong = { serialNo: f.a.serial, fingerprint: fingerprint(ctx.request) };
  if (needsCurrent(f.a) && !(await hasher.verify(f.a.pinHash!, f.current))) return verdict('OTP_INCORRECT', wrong);
  if (ctx.policy.staticPasswordWithOtp) {
    const hash = ctx.user.staticPasswordHash;
    if (hash === null || !(await hasher.verify(hash, ctx.request.staticPassword ?? ''))) return verdict('LOCAL_PASSWORD_MISMATCH', wrong);
  }
  await authenticators.setPin(f.a.id, await hasher.hash(f.newPin), false);
  if (f.a.graceUntil !== null && f.a.graceUntil > ctx.now) await authenticators.endGracePeriod(f.a.id);
  return verdict('SUCCESS', { serialNo: f.a.serial });
}

export const pinChange: Flow = {
  name: 'pin-change',
  matches(ctx) {
    const r = ctx.request;
    if (r.passwordFormat === 'separate') return (r.newPin !== undefined || r.confirmPin !== undefined) && hasCapability(ctx, 'responseOnly');
    return isCombinedChange(ctx);
  },
  async run(ctx) {
    const separate = ctx.request.passwordFormat === 'separate';
    if (pinCandidates(ctx).length === 0) return verdict('NO_DIGIPASS', { detail: 'no authenticator of this user has a server PIN' });
    const early = separate ? pinRuleBroken(ctx.policy, ctx.request.newPin ?? '', ctx.request.confirmPin ?? '') : undefined;
    if (early) return early;
    const found = findAttempt(ctx, separate ? separateAttempts(ctx) : combinedAttempts(ctx));
    if (found === 'replay' || found === undefined) {
      return verdict(found === 'replay' ? 'OTP_REPLAY' : 'OTP_INCORRECT', { fingerprint: fingerprint(ctx.request) });
    }
    const broken = pinRuleBroken(ctx.policy, found.newPin, found.confirm);
    if (broken) return { ...broken, serialNo: found.a.serial };
    if (!(await ctx.ports.authenticators.advanceStep(found.a.id, found.step, found.drift))) {
      return verdict('OTP_REPLAY', { serialNo: found.a.serial, fingerprint: fingerprint(ctx.request) });
    }
    return change(ctx, found);
  },
};
