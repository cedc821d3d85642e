// HOTP authenticators (RFC 4226; spec: flows.md §3): accept counters lastStep+1 .. lastStep+eventWindow;
// a code of an already-used counter within the window behind is a replay. Drift is not used.
import type { Authenticator } from '../domain/model.js';
import { hotp } from '../otp/hotp.js';
import { hotpValues } from '../otp/keyed.js';
import { accepted, REJECTED, type AuthenticatorKindModule, type VerifyContext, type VerifyResult } from './kind.js';
import { codeTest, failure, searchCounters } from './search.js';

function verify(a: Authenticator, otp: string, ctx: VerifyContext): VerifyResult {
  const test = codeTest(a.digits, otp, ctx);
  if (!test) return REJECTED;
  const value = hotpValues(a.secret, a.algorithm);
  const outcome = searchCounters(a.lastStep, ctx.policy.eventWindow, (counter) => test(value(counter)));
  return failure(outcome) ?? accepted(outcome, a.drift);
}

export const hotpKind: AuthenticatorKindModule = Object.freeze({
  kind: 'hotp',
  capabilities: Object.freeze({ responseOnly: true, challengeResponse: false, push: false, hostCode: true, serverPin: true, delivery: false }),
  otpLength: (a: Authenticator) => a.digits,
  verify,
  /** The code of the next counter (lastStep + 1). */
  generate: (a: Authenticator) => hotp(a.secret, a.lastStep + 1, a.digits, a.algorithm),
});
