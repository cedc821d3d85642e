// Push devices (spec: flows.md §6): approve a pending transaction by signing its text (ctx.challenge)
// with HMAC-SHA1 under the device secret. No moving factor: the single-use pending transaction stops
// replays, and step = lastStep + 1 only keeps the engine's compare-and-set uniform.
import type { Authenticator } from '../domain/model.js';
import { SIGNATURE_LENGTH, verifyTransactionSignature } from '../otp/signature.js';
import { accepted, REJECTED, type AuthenticatorKindModule, type VerifyContext, type VerifyResult } from './kind.js';

function verify(a: Authenticator, signature: string, ctx: VerifyContext): VerifyResult {
  if (ctx.challenge === undefined || signature.length !== SIGNATURE_LENGTH) return REJECTED;
  return verifyTransactionSignature(a.secret, ctx.challenge, signature) ? accepted(a.lastStep + 1, a.drift) : REJECTED;
}

/** No `generate`: a device signs a transaction (`signTransaction` in otp/signature.ts), it shows no code. */
export const pushKind: AuthenticatorKindModule = Object.freeze({
  kind: 'push',
  capabilities: Object.freeze({ responseOnly: false, challengeResponse: false, push: true, hostCode: false, serverPin: false, delivery: false }),
  otpLength: () => SIGNATURE_LENGTH,
  verify,
});
