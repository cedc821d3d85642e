// The one table of administration attributes (soap-wire.md §4 admin shapes; issue 5): USERFLD_*,
// DIGIPASSFLD_* and DIGIPASSAPPLFLD_* wire IDs, the field they fill, their value type and secrecy.
// No other source file names one of these attributes; the admin decoder and encoder read this table.

/** Value types: text, xsd:boolean (`true`/`false`/`1`/`0`), xsd:int, xsd:dateTime (ISO-8601 UTC, output only). */
export type AdminValueType = 'string' | 'boolean' | 'int' | 'dateTime';

export interface AdminFld {
  readonly id: string;
  /** The neutral field name the admin use cases know. */
  readonly field: string;
  readonly type: AdminValueType;
  /** Accepted on input (output-only attributes are ignored when sent). */
  readonly input: boolean;
  /** Secret: never echoed, never logged. */
  readonly secret: boolean;
  readonly maxLength: number;
}

const f = (id: string, field: string, type: AdminValueType, input: boolean, maxLength = 255, secret = false): AdminFld =>
  Object.freeze({ id, field, type, input, secret, maxLength });

export const USERFLD = Object.freeze({
  USERID: f('USERFLD_USERID', 'userId', 'string', true),
  DOMAIN: f('USERFLD_DOMAIN', 'domain', 'string', true),
  ORGANIZATIONAL_UNIT: f('USERFLD_ORGANIZATIONAL_UNIT', 'organizationalUnit', 'string', true, 1024),
  PASSWORD: f('USERFLD_PASSWORD', 'password', 'string', true, 1024, true),
  LOCAL_AUTH: f('USERFLD_LOCAL_AUTH', 'localAuth', 'string', true, 64),
  BACKEND_AUTH: f('USERFLD_BACKEND_AUTH', 'backendAuth', 'string', true, 64),
  DISABLED: f('USERFLD_DISABLED', 'disabled', 'boolean', true, 5),
  LOCKED: f('USERFLD_LOCKED', 'locked', 'boolean', false),
  LOCK_COUNT: f('USERFLD_LOCK_COUNT', 'lockCount', 'int', false),
  EMAIL: f('USERFLD_EMAIL', 'email', 'string', true),
  MOBILE: f('USERFLD_MOBILE', 'mobile', 'string', true, 64),
  DESCRIPTION: f('USERFLD_DESCRIPTION', 'description', 'string', true, 1024),
  HAS_DP: f('USERFLD_HAS_DP', 'hasDp', 'string', false),
  ASSIGNED_DIGIPASS: f('USERFLD_ASSIGNED_DIGIPASS', 'assignedDigipass', 'string', false),
  CREATE_TIME: f('USERFLD_CREATE_TIME', 'createdAt', 'dateTime', false),
  MODIFY_TIME: f('USERFLD_MODIFY_TIME', 'modifiedAt', 'dateTime', false),
  EXPIRATION_TIME: f('USERFLD_EXPIRATION_TIME', 'expiresAt', 'dateTime', false),
});

export const DIGIPASSFLD = Object.freeze({
  SERNO: f('DIGIPASSFLD_SERNO', 'serial', 'string', true, 64),
  DPTYPE: f('DIGIPASSFLD_DPTYPE', 'kind', 'string', false),
  ACTIVE_APPL_NAMES: f('DIGIPASSFLD_ACTIVE_APPL_NAMES', 'applications', 'string', false),
  ASSIGNED_USERID: f('DIGIPASSFLD_ASSIGNED_USERID', 'userId', 'string', true),
  DOMAIN: f('DIGIPASSFLD_DOMAIN', 'domain', 'string', true),
  GRACE_PERIOD_DAYS: f('DIGIPASSFLD_GRACE_PERIOD_DAYS', 'gracePeriodDays', 'int', true, 5),
  ASSIGN_STATUS: f('DIGIPASSFLD_ASSIGN_STATUS', 'assignStatus', 'string', false),
  GRACE_PERIOD_EXPIRES: f('DIGIPASSFLD_GRACE_PERIOD_EXPIRES', 'graceExpires', 'dateTime', false),
});

export const DIGIPASSAPPLFLD = Object.freeze({
  SERNO: f('DIGIPASSAPPLFLD_SERNO', 'serial', 'string', true, 64),
  APPL_NAME: f('DIGIPASSAPPLFLD_APPL_NAME', 'applName', 'string', true, 64),
  NEW_PIN: f('DIGIPASSAPPLFLD_NEW_PIN', 'newPin', 'string', true, 64, true),
  RESPONSE: f('DIGIPASSAPPLFLD_RESPONSE', 'response', 'string', true, 256, true),
  RESULT_CODE: f('DIGIPASSAPPLFLD_RESULT_CODE', 'resultCode', 'int', false),
});

/**
 * Client components (issue 17; OneSpan componentExecute, its vdsComponent record: type, location, policy,
 * protocol, RADIUS shared secret). Choice: the IDs follow OneSpan's COMPONENTFLD_ naming of those columns;
 * a location is a RADIUS client address or CIDR; the shared secret is input only.
 */
export const COMPONENTFLD = Object.freeze({
  COMPONENT_TYPE: f('COMPONENTFLD_COMPONENT_TYPE', 'componentType', 'string', true),
  LOCATION: f('COMPONENTFLD_LOCATION', 'location', 'string', true, 64),
  POLICY_ID: f('COMPONENTFLD_POLICY_ID', 'policyId', 'string', true),
  PROTOCOL_ID: f('COMPONENTFLD_PROTOCOL_ID', 'protocolId', 'string', true, 32),
  SHARED_SECRET: f('COMPONENTFLD_SHARED_SECRET', 'sharedSecret', 'string', true, 256, true),
});

/**
 * Policies (issue 17; OneSpan policyExecute). Choice: POLICYFLD_POLICY_ID as OneSpan names it; the
 * settings Countersign has are POLICYFLD_ plus the setting's name in upper snake case.
 */
export const POLICYFLD = Object.freeze({
  POLICY_ID: f('POLICYFLD_POLICY_ID', 'policyId', 'string', true),
  LOCK_THRESHOLD: f('POLICYFLD_LOCK_THRESHOLD', 'lockThreshold', 'int', true, 6),
  LOCAL_AUTH: f('POLICYFLD_LOCAL_AUTH', 'localAuthDefault', 'string', true, 64),
  GENERIC_STATUS_CODES: f('POLICYFLD_GENERIC_STATUS_CODES', 'genericStatusCodes', 'boolean', true, 5),
  CHALLENGE_KEYWORD: f('POLICYFLD_CHALLENGE_KEYWORD', 'challengeKeyword', 'string', true, 64),
  PUSH_KEYWORD: f('POLICYFLD_PUSH_KEYWORD', 'pushKeyword', 'string', true, 64),
  TARGET_SYSTEM: f('POLICYFLD_TARGET_SYSTEM', 'targetSystem', 'string', true, 16),
  AUTO_UNLOCK: f('POLICYFLD_AUTO_UNLOCK', 'autoUnlockEnabled', 'boolean', true, 5),
  AUTO_UNLOCK_DURATION: f('POLICYFLD_AUTO_UNLOCK_DURATION', 'autoUnlockDurationS', 'int', true, 9),
});

/**
 * USERCMD_CREATE: the attributes without which a create answers STAT_MISSINGFLD and creates nothing,
 * besides USERFLD_USERID, which every user command needs. Choice (docs/decisions.md): every public
 * client sends USERFLD_DOMAIN, and one that leaves it out is answered STAT_MISSINGFLD by a real server.
 * Clients written against real servers also send USERFLD_LOCAL_AUTH, USERFLD_BACKEND_AUTH,
 * USERFLD_DISABLED and USERFLD_LOCKED on create; whether a real server requires them is not public, so
 * they stay optional.
 */
export const USER_CREATE_MANDATORY: readonly AdminFld[] = [USERFLD.DOMAIN];

/** Every table, for lookups by wire ID. */
const ALL: readonly AdminFld[] = [...Object.values(USERFLD), ...Object.values(DIGIPASSFLD), ...Object.values(DIGIPASSAPPLFLD),
  ...Object.values(COMPONENTFLD), ...Object.values(POLICYFLD)];
const BY_ID: ReadonlyMap<string, AdminFld> = new Map(ALL.map((e) => [e.id, e]));

export const adminFldById = (id: string): AdminFld | undefined => BY_ID.get(id);

/** Every administration attribute ID, in table order. */
export const ALL_ADMIN_FLD_IDS: readonly string[] = [...BY_ID.keys()];

/** Command names by operation (`USERCMD_CREATE` → `CREATE`): the prefix each execute operation expects. */
export const CMD_PREFIX = Object.freeze({
  userExecute: 'USERCMD_', digipassExecute: 'DIGIPASSCMD_', digipassapplExecute: 'DIGIPASSAPPLCMD_', componentExecute: 'COMPONENTCMD_', policyExecute: 'POLICYCMD_',
});
