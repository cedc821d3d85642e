// The one table of CREDFLD_* credential attributes (soap-wire.md §5): wire ID, the request field it
// fills (or none: output-only), accepted input xsi:types, secrecy and length. No other source file
// names a CREDFLD attribute; the decoder, encoder and tests read this table.

/** Request fields a CREDFLD attribute can fill (AuthRequest's, plus those of later operations). */
export type InputField =
  | 'componentType' | 'userId' | 'domain' | 'organizationalUnit' | 'passwordFormat' | 'password'
  | 'staticPassword' | 'response' | 'currentPin' | 'newPin' | 'confirmPin' | 'serialNo' | 'challenge'
  | 'challengeKey' | 'requestHostCode' | 'authType' | 'userAttributeGroup' | 'nonce' | 'requestMessage'
  | 'requestBody' | 'transactionTitle' | 'newStaticPassword' | 'confirmStaticPassword';

export interface CredFld {
  /** Attribute ID on the wire. */
  readonly id: string;
  /** The request field it fills; undefined for output-only attributes. */
  readonly input?: InputField;
  /** Accepted xsi:type local names on input (a value without xsi:type is always accepted). */
  readonly types: readonly string[];
  /** Secret: masked on output, never logged. */
  readonly secret: boolean;
  /** Longest accepted input value, in characters. */
  readonly maxLength: number;
}

/** Scalar types a client may put on a text attribute (PHP types integers xsd:int, for instance). */
const TEXT: readonly string[] = [
  'string', 'normalizedString', 'token', 'anyType', 'anySimpleType', 'int', 'unsignedInt', 'long',
  'unsignedLong', 'short', 'integer', 'boolean', 'dateTime', 'datetime', 'date',
];
const UNSIGNED_INT: readonly string[] = ['unsignedInt'];
const OUT: readonly string[] = [];

const f = (id: string, input: InputField | undefined, types: readonly string[], maxLength: number, secret = false): CredFld =>
  Object.freeze({ id, input, types, secret, maxLength });

export const CREDFLD = Object.freeze({
  COMPONENT_TYPE: f('CREDFLD_COMPONENT_TYPE', 'componentType', TEXT, 255),
  USERID: f('CREDFLD_USERID', 'userId', TEXT, 255),
  DOMAIN: f('CREDFLD_DOMAIN', 'domain', TEXT, 255),
  ORGANIZATIONAL_UNIT: f('CREDFLD_ORGANIZATIONAL_UNIT', 'organizationalUnit', TEXT, 1024),
  PASSWORD_FORMAT: f('CREDFLD_PASSWORD_FORMAT', 'passwordFormat', UNSIGNED_INT, 10),
  PASSWORD: f('CREDFLD_PASSWORD', 'password', TEXT, 1024, true),
  STATIC_PASSWORD: f('CREDFLD_STATIC_PASSWORD', 'staticPassword', TEXT, 1024, true),
  DP_RESPONSE: f('CREDFLD_DP_RESPONSE', 'response', TEXT, 256, true),
  CURRENT_PIN: f('CREDFLD_CURRENT_PIN', 'currentPin', TEXT, 64, true),
  NEW_PIN: f('CREDFLD_NEW_PIN', 'newPin', TEXT, 64, true),
  CONFIRM_NEW_PIN: f('CREDFLD_CONFIRM_NEW_PIN', 'confirmPin', TEXT, 64, true),
  SERIAL_NO: f('CREDFLD_SERIAL_NO', 'serialNo', TEXT, 64),
  CHALLENGE: f('CREDFLD_CHALLENGE', 'challenge', TEXT, 256),
  CHALLENGE_KEY: f('CREDFLD_CHALLENGE_KEY', 'challengeKey', TEXT, 256),
  CHALLENGE_MESSAGE: f('CREDFLD_CHALLENGE_MESSAGE', undefined, OUT, 0),
  REQUEST_HOST_CODE: f('CREDFLD_REQUEST_HOST_CODE', 'requestHostCode', TEXT, 16),
  HOST_CODE: f('CREDFLD_HOST_CODE', undefined, OUT, 0),
  AUTH_TYPE: f('CREDFLD_AUTH_TYPE', 'authType', TEXT, 16),
  USER_ATTRIBUTE_GROUP: f('CREDFLD_USER_ATTRIBUTE_GROUP', 'userAttributeGroup', TEXT, 255),
  NONCE: f('CREDFLD_NONCE', 'nonce', TEXT, 256),
  STATUS_MESSAGE: f('CREDFLD_STATUS_MESSAGE', undefined, OUT, 0),
  AUXILIARY_MESSAGE: f('CREDFLD_AUXILIARY_MESSAGE', undefined, OUT, 0),
  NOTIFY_PASSWORD_EXPIRE_DATE: f('CREDFLD_NOTIFY_PASSWORD_EXPIRE_DATE', undefined, OUT, 0),
  REQUEST_MESSAGE: f('CREDFLD_REQUEST_MESSAGE', 'requestMessage', TEXT, 4096),
  REQUEST_BODY: f('CREDFLD_REQUEST_BODY', 'requestBody', TEXT, 16384),
  TRANSACTION_TITLE: f('CREDFLD_TRANSACTION_TITLE', 'transactionTitle', TEXT, 1024),
  NEW_STATIC_PASSWORD: f('CREDFLD_NEW_STATIC_PASSWORD', 'newStaticPassword', TEXT, 1024, true),
  CONFIRM_STATIC_PASSWORD: f('CREDFLD_CONFIRM_STATIC_PASSWORD', 'confirmStaticPassword', TEXT, 1024, true),
  /** The other spelling found in vendor documentation; same field. */
  CONFIRM_NEW_STATIC_PASSWORD: f('CREDFLD_CONFIRM_NEW_STATIC_PASSWORD', 'confirmStaticPassword', TEXT, 1024, true),
  /** The administration session id logon answers (soap-wire.md §4); masked on output, never logged. */
  SESSION_ID: f('CREDFLD_SESSION_ID', undefined, OUT, 0, true),
  /** logon: the administrator's privileges as `NAME true, NAME false` (as admin clients parse it). */
  LOGICAL_ADMIN_PRIVILEGES: f('CREDFLD_LOGICAL_ADMIN_PRIVILEGES', undefined, OUT, 0),
  PRODUCT_NAME: f('CREDFLD_PRODUCT_NAME', undefined, OUT, 0),
  PRODUCT_VERSION: f('CREDFLD_PRODUCT_VERSION', undefined, OUT, 0),
});

export type CredFldKey = keyof typeof CREDFLD;

const BY_ID: ReadonlyMap<string, CredFld> = new Map(Object.values(CREDFLD).map((e) => [e.id, e]));

/** The table row of a wire attribute ID, or undefined for IDs we do not know (they are ignored). */
export const credfldById = (id: string): CredFld | undefined => BY_ID.get(id);

/** Every attribute ID the table knows, in table order. */
export const ALL_CREDFLD_IDS: readonly string[] = [...BY_ID.keys()];
