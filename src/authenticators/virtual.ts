// Virtual authenticators (OneSpan's Virtual Mobile Authenticator, ex-Virtual DIGIPASS; engine/decisions.ts):
// no secret of their own to compute a code from: the server draws an OTP, keeps its keyed digest in a
// pending record and delivers it by e-mail or SMS; the record (engine/virtual-otp.ts) is what verifies.
import type { Authenticator } from '../domain/model.js';
import { REJECTED, type AuthenticatorKindModule } from './kind.js';

export const virtualKind: AuthenticatorKindModule = Object.freeze({
  kind: 'virtual',
  capabilities: Object.freeze({ responseOnly: false, challengeResponse: false, push: false, hostCode: false, serverPin: false, delivery: true }),
  otpLength: (a: Authenticator) => a.digits,
  /** Nothing verifies against the authenticator itself: a delivered OTP is checked against its pending record. */
  verify: () => REJECTED,
});
