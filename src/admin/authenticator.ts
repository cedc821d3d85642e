// Authenticator administration for the command line (issue 5): create an HOTP/TOTP authenticator with
// a fresh random secret (or a given one), list them, and set or reset the server PIN (argon2id).
import type { AuthenticatorKind, HashAlgorithm } from '../domain/model.js';
import { DEFAULT_POLICY } from '../engine/policy/defaults.js';
import { StoreConflictError } from '../store/errors.js';
import { toAuthenticatorView, viewAuthenticator, type AuthenticatorView } from './digipass.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, type UserKey } from './user-view.js';

const SECRET_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export interface CreateAuthenticatorInput {
  readonly serial?: string;
  readonly kind?: string;
  readonly algorithm?: string;
  readonly digits?: number;
  readonly period?: number;
  /** The secret; a random one of the algorithm's block size when absent. */
  readonly secret?: Buffer;
  /** Assign it to this user at once. */
  readonly user?: UserKey;
  /** Virtual authenticators: `email` or `sms` (absent = the policy's), backup role, uses and days of a backup one. */
  readonly delivery?: string;
  readonly backup?: boolean;
  readonly uses?: number;
  readonly days?: number;
}

export interface CreatedAuthenticator extends AuthenticatorView {
  readonly secret: Buffer;
  readonly algorithm: HashAlgorithm;
  readonly digits: number;
  readonly period: number;
}

function checkInput(i: CreateAuthenticatorInput): string | undefined {
  if (!i.serial || !/^[\w.-]{1,64}$/.test(i.serial)) return 'The serial number must be 1 to 64 letters, digits, dots, dashes or underscores';
  if (!['hotp', 'totp', 'virtual'].includes(i.kind ?? 'totp')) return 'The kind must be hotp, totp or virtual';
  if (i.kind !== 'virtual' && [i.delivery, i.backup, i.uses, i.days].some((x) => x !== undefined)) return 'Delivery, backup, uses and days are for virtual authenticators only';
  if (i.delivery !== undefined && !['email', 'sms'].includes(i.delivery)) return 'The delivery must be email or sms';
  if (i.uses !== undefined && !(Number.isInteger(i.uses) && i.uses >= 0)) return 'The uses must be a whole number >= 0';
  if (i.days !== undefined && !(Number.isInteger(i.days) && i.days >= 1 && i.days <= 3650)) return 'The days must be 1 to 3650';
  if ((i.uses !== undefined || i.days !== undefined) && !i.backup) return 'Uses and days limit backup virtual authenticators only (add --backup)';
  if (!ALGORITHMS.includes((i.algorithm ?? 'SHA1') as HashAlgorithm)) return 'The algorithm must be SHA1, SHA256 or SHA512';
  if (![6, 7, 8].includes(i.digits ?? 6)) return 'Digits must be 6, 7 or 8';
  if (!Number.isInteger(i.period ?? 30) || (i.period ?? 30) < 1 || (i.period ?? 30) > 600) return 'The period must be 1 to 600 seconds';
  if (i.secret !== undefined && i.secret.length < 10) return 'The secret must be at least 10 bytes';
  return undefined;
}

export async function createAuthenticator(svc: AdminServices, i: CreateAuthenticatorInput): Promise<AdminResult<CreatedAuthenticator>> {
  const bad = checkInput(i);
  if (bad) return fail('INVDATA', bad);
  const owner = i.user ? await findUserByKey(svc, i.user) : undefined;
  if (owner && !owner.ok) return owner;
  const algorithm = (i.algorithm ?? 'SHA1') as HashAlgorithm;
  const virtual = i.kind === 'virtual';
  const secret = virtual ? Buffer.alloc(0) : i.secret ?? svc.random.bytes(SECRET_BYTES[algorithm]);
  const shape = { kind: (i.kind ?? 'totp') as AuthenticatorKind, algorithm, digits: i.digits ?? 6, period: i.period ?? 30 };
  const settings = virtual ? {
    delivery: (i.delivery ?? null) as 'email' | 'sms' | null, backup: i.backup ?? false, usesRemaining: i.uses ?? null,
    enabledUntil: i.days === undefined ? null : svc.clock.now() + i.days * 86_400_000,
  } : {};
  try {
    await svc.store.createAuthenticator({ serial: i.serial!, secret, ...shape, ...settings, userRef: owner?.value.id ?? null });
  } catch (e) {
    if (e instanceof StoreConflictError) return fail('EXISTS', 'An authenticator with this serial number exists');
    throw e;
  }
  const view = await viewAuthenticator(svc, i.serial);
  return view.ok ? succeed({ ...view.value, ...shape, secret }) : view;
}

export async function listAuthenticators(svc: AdminServices, offset = 0, limit = 1000): Promise<AdminResult<AuthenticatorView[]>> {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    return fail('INVDATA', 'The offset must be 0 or more and the limit 1 to 10000');
  }
  const views: AuthenticatorView[] = [];
  for (const a of await svc.store.listAuthenticators(offset, limit)) views.push(await toAuthenticatorView(svc, a));
  return succeed(views);
}

/** Sets the server PIN (the demo policy's length rule); `changeRequired` forces a change at next logon. */
export async function setAuthenticatorPin(svc: AdminServices, serial: string, pin: string): Promise<AdminResult<AuthenticatorView>> {
  const a = await svc.store.findBySerial(serial);
  if (!a) return fail('NOT_FOUND', 'No authenticator with this serial number');
  const { pinMinLength: min, pinMaxLength: max } = DEFAULT_POLICY;
  if (!/^\d+$/.test(pin) || pin.length < min || pin.length > max) return fail('INVDATA', `The PIN must be ${min} to ${max} digits`);
  await svc.store.setPin(a.id, await svc.hasher.hash(pin), false);
  return viewAuthenticator(svc, serial);
}

/** Clears the server PIN: the user must choose a new one at the next logon. */
export async function resetAuthenticatorPin(svc: AdminServices, serial: string): Promise<AdminResult<AuthenticatorView>> {
  const a = await svc.store.findBySerial(serial);
  if (!a) return fail('NOT_FOUND', 'No authenticator with this serial number');
  await svc.store.setPin(a.id, null, true);
  return viewAuthenticator(svc, serial);
}
