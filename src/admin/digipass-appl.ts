// digipassapplExecute (issue 5; soap-wire.md §4): SET_PIN, ENABLE_PIN, DISABLE_PIN, FORCE_PIN_CHANGE
// and TEST_OTP on one authenticator. TEST_OTP checks a code under the default policy's windows and does not consume it
// (nothing is written), answering 0 for a valid code and 1 otherwise.
import type { Authenticator } from '../domain/model.js';
import { kindOf } from '../authenticators/index.js';
import { DEFAULT_POLICY } from '../engine/policy/defaults.js';
import { setAuthenticatorPin } from './authenticator.js';
import { viewAuthenticator, type AuthenticatorView } from './digipass.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';

export const TEST_OTP_VALID = 0;
export const TEST_OTP_INVALID = 1;

async function find(svc: AdminServices, serial: string | undefined): Promise<AdminResult<Authenticator>> {
  if (!serial) return fail('MISSINGFLD', 'The serial number is missing');
  const a = await svc.store.findBySerial(serial);
  return a ? succeed(a) : fail('NOT_FOUND', 'No authenticator with this serial number');
}

export async function setApplPin(svc: AdminServices, serial: string | undefined, pin: string | undefined): Promise<AdminResult<AuthenticatorView>> {
  const a = await find(svc, serial);
  if (!a.ok) return a;
  if (!pin) return fail('MISSINGFLD', 'The new PIN is missing');
  return setAuthenticatorPin(svc, a.value.serial, pin);
}

/** The next logon must set a new PIN (the current one still opens that logon). */
export async function forcePinChange(svc: AdminServices, serial: string | undefined): Promise<AdminResult<AuthenticatorView>> {
  const a = await find(svc, serial);
  if (!a.ok) return a;
  await svc.store.setPin(a.value.id, a.value.pinHash, true);
  return viewAuthenticator(svc, a.value.serial);
}

/**
 * ENABLE_PIN / DISABLE_PIN: server-PIN checking on or off. A disabled PIN keeps its hash, so enabling
 * it again restores it; enabling an authenticator without a PIN makes the next logon set one
 * (flows.md §7 forced PIN set), as a server PIN with no value cannot be checked.
 */
export async function setPinChecking(svc: AdminServices, serial: string | undefined, enabled: boolean): Promise<AdminResult<AuthenticatorView>> {
  const a = await find(svc, serial);
  if (!a.ok) return a;
  if (!kindOf(a.value.kind).capabilities.serverPin) return fail('INVDATA', 'This authenticator kind has no server PIN');
  await svc.store.setPinEnabled(a.value.id, enabled);
  if (enabled && a.value.pinHash === null) await svc.store.setPin(a.value.id, null, true);
  return viewAuthenticator(svc, a.value.serial);
}

/** Checks an OTP without recording it: 0 valid, 1 invalid (wrong, replayed, or not a code kind). */
export async function testOtp(svc: AdminServices, serial: string | undefined, otp: string | undefined): Promise<AdminResult<{ view: AuthenticatorView; resultCode: number }>> {
  const a = await find(svc, serial);
  if (!a.ok) return a;
  if (!otp) return fail('MISSINGFLD', 'The OTP is missing');
  const kind = kindOf(a.value.kind);
  const valid = kind.capabilities.responseOnly && kind.verify(a.value, otp, { now: svc.clock.now(), policy: DEFAULT_POLICY }).ok;
  const view = await viewAuthenticator(svc, a.value.serial);
  return view.ok ? succeed({ view: view.value, resultCode: valid ? TEST_OTP_VALID : TEST_OTP_INVALID }) : view;
}
