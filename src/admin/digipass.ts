// digipassExecute DIGIPASSCMD_VIEW, ASSIGN, UNASSIGN and DELETE (issue 5; soap-wire.md §4): an
// authenticator's assignment, changed by compare-and-set on its owner. Assigning an assigned one is
// STAT_DIGIPASS_NOT_AVAILABLE; unassigning an unassigned one is STAT_ERROR.
import { kindOf } from '../authenticators/index.js';
import type { Authenticator } from '../domain/model.js';
import { fail, succeed, type AdminResult, type AdminServices } from './services.js';
import { findUserByKey, type UserKey } from './user-view.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_GRACE_DAYS = 3650;

/**
 * The application an authenticator holds, named by what it does (a DIGIPASS has named applications, which
 * clients pass back to digipassapplExecute): one per authenticator. The names are a choice
 * (docs/decisions.md): real servers take them from the token's import file.
 */
export function applicationNames(a: Pick<Authenticator, 'kind'>): string[] {
  const can = kindOf(a.kind).capabilities;
  if (can.push) return ['PUSH'];
  return [can.responseOnly ? 'RESPONSE_ONLY' : 'CHALLENGE_RESPONSE'];
}

export interface AuthenticatorView {
  readonly serial: string;
  readonly kind: string;
  /** Application names (DIGIPASSFLD_ACTIVE_APPL_NAMES), see applicationNames. */
  readonly applications: readonly string[];
  /** Owner, when assigned. */
  readonly userId: string | null;
  readonly domain: string | null;
  readonly assigned: boolean;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly graceUntil: number | null;
}

async function findBySerial(svc: AdminServices, serial: string | undefined): Promise<AdminResult<Authenticator>> {
  if (!serial) return fail('MISSINGFLD', 'The serial number is missing');
  const a = await svc.store.findBySerial(serial);
  return a ? succeed(a) : fail('NOT_FOUND', 'No authenticator with this serial number');
}

export async function toAuthenticatorView(svc: AdminServices, a: Authenticator): Promise<AuthenticatorView> {
  const owner = a.userRef ? await svc.store.findUserById(a.userRef) : null;
  return {
    serial: a.serial, kind: a.kind, applications: applicationNames(a), userId: owner?.userId ?? null, domain: owner?.domain ?? null, assigned: owner !== null,
    disabled: a.disabled, locked: a.locked, graceUntil: a.graceUntil,
  };
}

export async function viewAuthenticator(svc: AdminServices, serial: string | undefined): Promise<AdminResult<AuthenticatorView>> {
  const found = await findBySerial(svc, serial);
  return found.ok ? succeed(await toAuthenticatorView(svc, found.value)) : found;
}

/** Assigns to a user, with an optional static-password grace period in days. */
export async function assignAuthenticator(svc: AdminServices, serial: string | undefined, user: UserKey, graceDays?: number): Promise<AdminResult<AuthenticatorView>> {
  const found = await findBySerial(svc, serial);
  if (!found.ok) return found;
  if (graceDays !== undefined && (graceDays < 0 || graceDays > MAX_GRACE_DAYS)) return fail('INVDATA', `The grace period must be 0 to ${MAX_GRACE_DAYS} days`);
  const owner = await findUserByKey(svc, user);
  if (!owner.ok) return owner;
  if (found.value.userRef !== null) return fail('DIGIPASS_NOT_AVAILABLE', 'The authenticator is assigned to a user already');
  const graceUntil = graceDays ? svc.clock.now() + graceDays * DAY_MS : null;
  if (!(await svc.store.setAuthenticatorOwner(found.value.id, null, owner.value.id, graceUntil))) {
    return fail('DIGIPASS_NOT_AVAILABLE', 'The authenticator was assigned meanwhile');
  }
  return viewAuthenticator(svc, found.value.serial);
}

export async function unassignAuthenticator(svc: AdminServices, serial: string | undefined): Promise<AdminResult<AuthenticatorView>> {
  const found = await findBySerial(svc, serial);
  if (!found.ok) return found;
  const owner = found.value.userRef;
  if (owner === null) return fail('ERROR', 'The authenticator is not assigned to any user');
  if (!(await svc.store.setAuthenticatorOwner(found.value.id, owner, null, null))) return fail('ERROR', 'The assignment changed meanwhile; try again');
  return viewAuthenticator(svc, found.value.serial);
}

/** Deletes the authenticator; answers its view as it was just before. */
export async function deleteAuthenticator(svc: AdminServices, serial: string | undefined): Promise<AdminResult<AuthenticatorView>> {
  const found = await findBySerial(svc, serial);
  if (!found.ok) return found;
  const before = await toAuthenticatorView(svc, found.value);
  await svc.store.deleteAuthenticator(found.value.id);
  return succeed(before);
}
