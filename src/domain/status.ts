// The one catalogue of return and status codes (spec: status-codes.md). Every code the server can
// emit is defined here once: number, enum name, message, generic masking, confidence. Config may
// override a row's number or name (see `applyStatusOverrides`); docs/status-codes.md's table is generated from it.

export type Confidence = 'C' | 'M' | 'N' | 'O';

export interface StatusRow {
  readonly code: number;
  readonly name: string;
  readonly message: string;
  readonly generic: boolean;
  readonly confidence: Confidence;
}

const row = (code: number, name: string, confidence: Confidence, generic: boolean, message: string): StatusRow =>
  ({ code, name, confidence, generic, message });

export const STATUS = {
  SUCCESS: row(0, 'STAT_SUCCESS', 'C', false, 'The command succeeded.'),
  ERROR: row(-1, 'STAT_ERROR', 'C', false, 'An unspecified error occurred.'),
  INVPARAM: row(-2, 'STAT_INVPARAM', 'C', false, 'Invalid parameters were given.'),
  MEMORY: row(-3, 'STAT_MEMORY', 'C', false, 'The server ran out of memory.'),
  COMMS: row(-10, 'STAT_COMMS', 'C', false, 'A back end (store, directory) could not be reached; retry later.'),
  LICENCE: row(-11, 'STAT_LICENCE', 'C', false, 'Licence check failed.'),
  OS_FAILURE: row(-12, 'STAT_OS_FAILURE', 'C', false, 'An operating system call failed.'),
  NOT_FOUND: row(-13, 'STAT_NOT_FOUND', 'C', false, 'The requested item could not be found.'),
  EXISTS: row(-14, 'STAT_EXISTS', 'C', false, 'The item already exists.'),
  INVDATA: row(-15, 'STAT_INVDATA', 'N', false, 'A value is invalid or of the wrong type.'),
  MISSINGFLD: row(-16, 'STAT_MISSINGFLD', 'N', false, 'A mandatory attribute is missing.'),
  DPERROR: row(-17, 'STAT_DPERROR', 'N', false, 'An authenticator rule was violated.'),
  DIGIPASS_NOT_AVAILABLE: row(-18, 'STAT_DIGIPASS_NOT_AVAILABLE', 'N', false, 'The authenticator is already assigned.'),
  ADMIN_SESSION_STOPPED: row(-19, 'STAT_ADMIN_SESSION_STOPPED', 'N', false, 'The administration session is unknown, expired or logged off; log on again.'),
  USER_UNKNOWN: row(-20, 'STAT_USER_UNKNOWN', 'N', false, 'The session belongs to a user that no longer exists.'),
  INVCREDENTIALS: row(1000, 'STAT_INVCREDENTIALS', 'C', false, 'The credentials were invalid.'),
  GROUPCHK: row(1002, 'STAT_GROUPCHK', 'C', false, 'The user is not a member of a required group.'),
  EXP_CHALLENGE: row(1004, 'STAT_EXP_CHALLENGE', 'C', false, 'The challenge has expired; request a new one.'),
  PERMISSION: row(1005, 'STAT_PERMISSION', 'C', false, 'The administrator lacks the privilege for this command.'),
  LOCALAUTH: row(1006, 'STAT_LOCALAUTH', 'C', false, 'Local authentication is not available for this request.'),
  LOCKED: row(1007, 'STAT_LOCKED', 'C', true, 'The user account is locked; ask an administrator to unlock it.'),
  OTP_REPLAY: row(1008, 'STAT_OTP_REPLAY', 'M', false, 'This one-time password was already used; wait for the next one.'),
  DISABLED: row(1009, 'STAT_DISABLED', 'M', true, 'The user account is disabled.'),
  NO_USER: row(1010, 'STAT_NO_USER', 'M', true, 'No user account was found for this user ID and domain.'),
  OTP_INCORRECT: row(1011, 'STAT_OTP_INCORRECT', 'N', true, 'The one-time password (or server PIN) is incorrect.'),
  LOCAL_PASSWORD_MISMATCH: row(1012, 'STAT_LOCAL_PASSWORD_MISMATCH', 'N', true, 'The static password is incorrect.'),
  GRACE_PERIOD_EXPIRED: row(1023, 'STAT_GRACE_PERIOD_EXPIRED', 'N', true, 'A static password is not accepted: the grace period is over or the policy requires an authenticator.'),
  NO_DIGIPASS: row(1025, 'STAT_NO_DIGIPASS', 'O', true, 'The user has no usable authenticator for this request.'),
  USER_EXPIRED: row(1033, 'STAT_USER_EXPIRED', 'O', true, 'The user account has expired.'),
  DIGIPASS_LOCKED: row(1045, 'STAT_DIGIPASS_LOCKED', 'O', true, 'The authenticator is locked or disabled.'),
  CHALLENGE: row(1100, 'STAT_CHALLENGE', 'O', false, 'A challenge was issued: answer it with the response from your authenticator.'),
  NEW_PIN_REQUIRED: row(1101, 'STAT_NEW_PIN_REQUIRED', 'O', false, 'A new server PIN must be set: send OTP, new PIN and confirmation.'),
  PIN_MISMATCH: row(1102, 'STAT_PIN_MISMATCH', 'O', false, 'The new PIN and its confirmation differ, or the PIN breaks the length rules.'),
  PUSH_TIMEOUT: row(1103, 'STAT_PUSH_TIMEOUT', 'O', false, 'Nobody answered the push request in time.'),
  PUSH_REJECTED: row(1104, 'STAT_PUSH_REJECTED', 'O', false, 'The request was rejected on the device.'),
  RATE_LIMITED: row(1105, 'STAT_RATE_LIMITED', 'O', false, 'Too many attempts; retry later.'),
  OTP_SENT: row(1106, 'STAT_OTP_SENT', 'O', false, 'A one-time password was sent to you: log on with it.'),
} as const satisfies Record<string, StatusRow>;

export type StatusKey = keyof typeof STATUS;

export const RETURN = {
  SUCCESS: { code: 0, name: 'RET_SUCCESS' },
  FAILURE: { code: -1, name: 'RET_FAILURE' },
} as const;

/** What the generic-status-codes option reports instead of a masked row. */
export const GENERIC_TARGET: StatusKey = 'INVCREDENTIALS';

export type StatusCatalogue = Readonly<Record<StatusKey, StatusRow>>;

export interface StatusOverride { code?: number; name?: string; message?: string }

/** The catalogue with user overrides applied (config `statusOverrides`), frozen. */
export function applyStatusOverrides(overrides: Record<string, StatusOverride>): StatusCatalogue {
  const out: Record<string, StatusRow> = {};
  for (const [key, base] of Object.entries(STATUS)) out[key] = { ...base };
  for (const [ref, change] of Object.entries(overrides)) {
    const key = findStatusKey(ref);
    if (!key) throw new Error(`status override "${ref}": no such status (use a key like OTP_REPLAY or a name like STAT_OTP_REPLAY)`);
    out[key] = Object.freeze({ ...out[key], ...change });
  }
  for (const key of Object.keys(out)) Object.freeze(out[key]);
  return Object.freeze(out) as StatusCatalogue;
}

export function findStatusKey(ref: string): StatusKey | undefined {
  if (ref in STATUS) return ref as StatusKey;
  const hit = Object.entries(STATUS).find(([, r]) => r.name === ref);
  return hit ? (hit[0] as StatusKey) : undefined;
}

/** The row a client sees: masked to the generic target when the policy asks and the row allows. */
export function reportedStatus(catalogue: StatusCatalogue, key: StatusKey, genericCodes: boolean): StatusRow {
  const row = catalogue[key];
  return genericCodes && STATUS[key].generic ? catalogue[GENERIC_TARGET] : row;
}
