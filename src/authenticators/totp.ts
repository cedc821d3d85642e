// TOTP authenticators (RFC 6238; spec: flows.md §3): expected step = floor(now / period) + drift; the
// policy's time window each side (the wider initial window before the first success), nearest first; a
// match at or below the last accepted step is a replay; the drift is relearned and bounded on success.
import type { Authenticator } from '../domain/model.js';
import { totp, totpStep } from '../otp/totp.js';
import { hotpValues } from '../otp/keyed.js';
import { accepted, REJECTED, type AuthenticatorKindModule, type VerifyContext, type VerifyResult } from './kind.js';
import { clampDrift, codeTest, failure, searchSteps } from './search.js';

function verify(a: Authenticator, otp: string, ctx: VerifyContext): VerifyResult {
  const test = codeTest(a.digits, otp, ctx);
  if (!test) return REJECTED;
  const nowStep = totpStep(ctx.now, a.period);
  const window = a.lastStep >= 0 ? ctx.policy.timeWindow : ctx.policy.initialTimeWindow;
  const value = hotpValues(a.secret, a.algorithm);
  const outcome = searchSteps(nowStep + a.drift, window, a.lastStep, (step) => test(value(step)));
  return failure(outcome) ?? accepted(outcome, clampDrift(outcome - nowStep, ctx.policy.maxDrift));
}

export const totpKind: AuthenticatorKindModule = Object.freeze({
  kind: 'totp',
  capabilities: Object.freeze({ responseOnly: true, challengeResponse: false, push: false, hostCode: true, serverPin: true, delivery: false }),
  otpLength: (a: Authenticator) => a.digits,
  verify,
  /** The code a token shows at ctx.now (true time: the server's drift is not applied). */
  generate: (a: Authenticator, ctx: VerifyContext) => totp(a.secret, ctx.now, a.period, a.digits, a.algorithm),
});
