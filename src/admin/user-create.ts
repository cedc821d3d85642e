// userExecute USERCMD_CREATE (issue 5; soap-wire.md §4): a new user with an optional static password
// (argon2id), local authentication mode and contact fields; an existing user is STAT_EXISTS.
import type { LocalAuthMode } from '../domain/model.js';
import { unstorableText } from '../domain/text.js';
import { StoreConflictError } from '../store/errors.js';
import { DEFAULT_ADMIN_DOMAIN } from './session.js';
import { fail, type AdminResult, type AdminServices } from './services.js';
import { viewUser, type UserView } from './user-view.js';

export const LOCAL_AUTH_MODES: readonly LocalAuthMode[] = ['Default', 'None', 'Digipass Only', 'Digipass/Password', 'DIGIPASS or Password'];
/** Back-end authentication modes (OneSpan's user setting): stored and returned; no back end is consulted. */
export const BACKEND_AUTH_MODES: readonly string[] = ['Default', 'None', 'If Needed', 'Always'];

/** Why a back-end authentication mode is refused, or undefined when it is absent or known. */
export function badBackendAuth(mode: string | undefined): string | undefined {
  return mode === undefined || BACKEND_AUTH_MODES.includes(mode) ? undefined : `The back-end authentication mode must be one of ${BACKEND_AUTH_MODES.join(', ')}`;
}
const MAX_ID_LENGTH = 255;

export interface CreateUserInput {
  readonly userId?: string;
  readonly domain?: string;
  readonly password?: string;
  readonly localAuth?: string;
  readonly disabled?: boolean;
  readonly email?: string;
  readonly mobile?: string;
  readonly description?: string;
  readonly backendAuth?: string;
  /** An administrator of the admin SOAP API (logon); needs a static password. */
  readonly admin?: boolean;
}

export async function createUser(svc: AdminServices, input: CreateUserInput): Promise<AdminResult<UserView>> {
  if (!input.userId) return fail('MISSINGFLD', 'The user ID is missing');
  if (input.userId.length > MAX_ID_LENGTH) return fail('INVDATA', `The user ID is longer than ${MAX_ID_LENGTH} characters`);
  const localAuth = input.localAuth ?? 'Default';
  if (!(LOCAL_AUTH_MODES as readonly string[]).includes(localAuth)) return fail('INVDATA', `The local authentication mode must be one of ${LOCAL_AUTH_MODES.join(', ')}`);
  const badMode = badBackendAuth(input.backendAuth);
  if (badMode) return fail('INVDATA', badMode);
  if (input.password === '') return fail('INVDATA', 'The static password is empty');
  if (input.admin && input.password === undefined) return fail('MISSINGFLD', 'An administrator needs a password to log on (give it on stdin with --password-stdin)');
  const bad = unstorableText({ 'user ID': input.userId, domain: input.domain, 'e-mail address': input.email, 'mobile number': input.mobile,
    description: input.description }, ['description']);
  if (bad) return fail('INVDATA', bad);
  const domain = input.domain ?? DEFAULT_ADMIN_DOMAIN;
  const hash = input.password === undefined ? null : await svc.hasher.hash(input.password);
  try {
    await svc.store.createUser({
      domain, userId: input.userId, staticPasswordHash: hash, localAuth: localAuth as LocalAuthMode, disabled: input.disabled ?? false,
      email: input.email ?? null, mobile: input.mobile ?? null, description: input.description ?? null, backendAuth: input.backendAuth ?? null, admin: input.admin ?? false,
    });
  } catch (e) {
    if (e instanceof StoreConflictError) return fail('EXISTS', 'A user with this ID already exists in this domain');
    throw e;
  }
  return viewUser(svc, { userId: input.userId, domain });
}
