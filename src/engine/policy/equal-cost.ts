// Unknown users cost what known ones do (issue 16, user enumeration): a known user's PIN or static
// password is checked with argon2id, so an unknown user's answer waits for one argon2id verify too,
// against a hash made once per hasher with its own parameters. An OTP alone (digits, at most 8) is
// checked without argon2 for known users, so it costs none here either.
import type { AuthRequest } from '../../domain/request.js';
import type { SecretHasher } from '../ports.js';

const OTP_ALONE = /^[0-9]{0,8}$/;
const dummies = new WeakMap<SecretHasher, Promise<string>>();

/** The part of the request a known user's check would have run through argon2id, if any. */
export function hashedPart(req: AuthRequest): string | undefined {
  if (req.passwordFormat === 'separate') return req.staticPassword || req.currentPin || undefined;
  const whole = req.password ?? '';
  return OTP_ALONE.test(whole) ? undefined : whole;
}

/** One argon2id verify that always fails, when a known user's answer would have cost one. */
export async function spendLikeKnownUser(hasher: SecretHasher, req: AuthRequest): Promise<void> {
  const secret = hashedPart(req);
  if (secret !== undefined) await verifyAgainstDummy(hasher, secret);
}

/** One argon2id verify of `secret` against a hash no secret matches (unknown administrators too). */
export async function verifyAgainstDummy(hasher: SecretHasher, secret: string): Promise<void> {
  let dummy = dummies.get(hasher);
  if (!dummy) {
    dummy = hasher.hash('countersign: no such user');
    dummies.set(hasher, dummy);
  }
  await hasher.verify(await dummy, secret);
}
