// Enrolment (issue 5 `enrol <user>`): a new TOTP authenticator with a random secret, assigned to the
// user at once, and the otpauth:// URI an authenticator app scans.
import { otpauthUri } from '../otp/base32.js';
import { createAuthenticator } from './authenticator.js';
import type { AuthenticatorView } from './digipass.js';
import { succeed, type AdminResult, type AdminServices } from './services.js';
import type { UserKey } from './user-view.js';

export interface Enrolment {
  readonly authenticator: AuthenticatorView;
  readonly uri: string;
}

export async function enrolTotp(svc: AdminServices, user: UserKey, opts: { serial?: string; issuer?: string } = {}): Promise<AdminResult<Enrolment>> {
  const serial = opts.serial ?? `TOTP-${svc.random.bytes(5).toString('hex').toUpperCase()}`;
  const made = await createAuthenticator(svc, { serial, kind: 'totp', user });
  if (!made.ok) return made;
  const { secret, algorithm, digits, period, ...view } = made.value;
  const uri = otpauthUri({ kind: 'totp', issuer: opts.issuer ?? 'Countersign', label: view.userId ?? serial, secret, algorithm, digits, period });
  return succeed({ authenticator: view, uri });
}
