// Validation of seed documents (fixtures/seed-format.md; spec: demo-seed.md): every record is
// checked field by field, unknown fields are refused, and an error names the record at fault.
import type { LocalAuthMode, Policy } from '../domain/model.js';
import { DEFAULT_POLICY } from '../engine/policy/defaults.js';
import { unstorableText } from '../domain/text.js';
import { VIRTUAL_OTP_LENGTHS, VIRTUAL_REQUEST_METHODS } from '../engine/decisions.js';

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

type FieldKind = 'string' | 'nstring' | 'bool' | 'int' | 'count' | 'step' | 'ms' | 'object' | 'array' | readonly string[];
type Spec = Readonly<Record<string, FieldKind>>;

const LOCAL_AUTH: readonly LocalAuthMode[] = ['Default', 'None', 'Digipass Only', 'Digipass/Password', 'DIGIPASS or Password'];

export const USER_FIELDS: Spec = {
  domain: 'string', userId: 'string', staticPassword: 'nstring', localAuth: LOCAL_AUTH, disabled: 'bool', locked: 'bool',
  lockCount: 'count', lockedUntil: 'ms', autoUnlocks: 'count', expiresAt: 'ms', email: 'nstring', mobile: 'nstring',
  description: 'nstring', admin: 'bool', replyAttributes: 'array',
};

/** RADIUS operators a reply attribute may carry (other-frontends.md §4); `:=` when absent. */
export const REPLY_OPS = [':=', '=', '+='] as const;
const REPLY_ATTRIBUTE_FIELDS: Spec = { name: 'string', value: 'string', op: REPLY_OPS };
const API_KEY_FIELDS: Spec = { key: 'string', name: 'string', description: 'nstring' };

export const AUTHENTICATOR_FIELDS: Spec = {
  serial: 'string', kind: ['hotp', 'totp', 'ocra', 'push', 'virtual'], secretAscii: 'string', secretHex: 'string', digits: 'int',
  algorithm: ['SHA1', 'SHA256', 'SHA512'], period: 'int', ocraSuite: 'nstring', user: 'nstring', domain: 'string',
  pin: 'nstring', pinEnabled: 'bool', pinChangeRequired: 'bool', graceUntil: 'ms', disabled: 'bool', locked: 'bool',
  lastStep: 'step', drift: 'int', delivery: ['email', 'sms'], backup: 'bool', usesRemaining: 'ms', enabledUntil: 'ms',
};

export const CLIENT_FIELDS: Spec = { componentType: 'string', policy: 'string' };

/** A multi-leg record waiting for its next leg (a challenge key issued earlier, for golden second legs). */
export const PENDING_FIELDS: Spec = {
  key: 'string', kind: ['challenge', 'push', 'secure-challenge', 'admin-session', 'virtual-otp'], user: 'nstring', domain: 'string', serial: 'nstring',
  componentType: 'string', createdAt: 'ms', expiresAt: 'ms', state: ['open', 'fetched', 'approved', 'rejected', 'used'],
  payload: 'object',
};

/** Top-level keys the loader accepts but does not write (yet): comments and other doors' records. */
export const IGNORED_KEYS = ['$comment', 'radiusClients'];
export const COLLECTIONS = ['policies', 'clients', 'users', 'authenticators', 'pending'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export type SeedRecord = Record<string, unknown>;
export interface SeedDocument {
  readonly extends?: 'demo';
  readonly policies: SeedRecord[];
  readonly clients: SeedRecord[];
  readonly users: SeedRecord[];
  readonly authenticators: SeedRecord[];
  readonly pending: SeedRecord[];
  /** REST API keys `{key, name?, description?}`, loaded into the api_keys table as digests. */
  readonly apiKeys: SeedRecord[];
}

function fits(kind: FieldKind, v: unknown): boolean {
  if (Array.isArray(kind)) return kind.includes(v as string);
  switch (kind) {
    case 'string': return typeof v === 'string' && v.length > 0;
    case 'nstring': return v === null || typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'int': return Number.isSafeInteger(v);
    case 'count': return Number.isSafeInteger(v) && (v as number) >= 0;
    case 'step': return Number.isSafeInteger(v) && (v as number) >= -1;
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    default: return v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
  }
}

const describe = (kind: FieldKind): string => (Array.isArray(kind) ? `one of ${kind.map((k) => `"${k}"`).join(', ')}` : {
  string: 'a non-empty string', nstring: 'a string or null', bool: 'true or false', int: 'an integer',
  count: 'a non-negative integer', step: 'an integer >= -1', ms: 'epoch milliseconds or null', object: 'a JSON object', array: 'an array',
}[kind as string]!);

export function checkFields(rec: SeedRecord, spec: Spec, where: string, required: readonly string[]): void {
  for (const [k, v] of Object.entries(rec)) {
    const kind = spec[k];
    if (kind === undefined) throw new SeedError(`${where}: unknown field "${k}" (allowed: ${Object.keys(spec).join(', ')})`);
    if (!fits(kind, v)) throw new SeedError(`${where}: ${k} must be ${describe(kind)}, got ${JSON.stringify(v)}`);
  }
  for (const k of required) if (rec[k] === undefined) throw new SeedError(`${where}: ${k} is required`);
}

export function checkUser(rec: SeedRecord, where: string): void {
  checkFields(rec, USER_FIELDS, where, ['userId']);
  const { userId, domain, email, mobile, description } = rec as Record<string, string | null | undefined>;
  const bad = unstorableText({ userId, domain, email, mobile, description }, ['description']);
  if (bad) throw new SeedError(`${where}: ${bad}`);
  const attrs = (rec.replyAttributes ?? []) as unknown[];
  attrs.forEach((a, i) => {
    const at = `${where}: replyAttributes[${i}]`;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) throw new SeedError(`${at} must be an object`);
    checkFields(a as SeedRecord, REPLY_ATTRIBUTE_FIELDS, at, ['name', 'value']);
  });
}

export function checkAuthenticator(rec: SeedRecord, where: string): void {
  checkFields(rec, AUTHENTICATOR_FIELDS, where, ['serial', 'kind']);
  const secrets = ['secretAscii', 'secretHex'].filter((k) => rec[k] !== undefined);
  if (secrets.length !== 1 && !(rec.kind === 'virtual' && secrets.length === 0)) throw new SeedError(`${where}: give exactly one of secretAscii, secretHex`);
  const virtualOnly = ['delivery', 'backup', 'usesRemaining', 'enabledUntil'].filter((k) => rec[k] !== undefined);
  if (rec.kind !== 'virtual' && virtualOnly.length > 0) throw new SeedError(`${where}: ${virtualOnly[0]} is for virtual authenticators only`);
  if (typeof rec.secretHex === 'string' && !/^([0-9a-fA-F]{2})+$/.test(rec.secretHex)) {
    throw new SeedError(`${where}: secretHex must be an even number of hex digits`);
  }
  if (rec.kind === 'ocra' && typeof rec.ocraSuite !== 'string') throw new SeedError(`${where}: an ocra authenticator needs ocraSuite`);
}

export function checkPending(rec: SeedRecord, where: string): void {
  checkFields(rec, PENDING_FIELDS, where, ['key', 'componentType', 'createdAt', 'expiresAt']);
  for (const k of ['createdAt', 'expiresAt']) if (rec[k] === null) throw new SeedError(`${where}: ${k} must be epoch milliseconds`);
  if ((rec.createdAt as number) > (rec.expiresAt as number)) throw new SeedError(`${where}: createdAt is after expiresAt`);
}

const POLICY_ENUMS: Readonly<Record<string, readonly string[]>> = {
  challengeMode: ['No', 'Server Challenge', 'Any Challenge'],
  localAuthDefault: LOCAL_AUTH,
  targetSystem: ['local', 'ldap'],
  virtualRequestMethod: VIRTUAL_REQUEST_METHODS,
  backupVirtualRequestMethod: VIRTUAL_REQUEST_METHODS,
  virtualDelivery: ['email', 'sms'],
};

/** Number settings with a range of their own (others: any whole number >= 0). */
const POLICY_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  virtualOtpLength: [VIRTUAL_OTP_LENGTHS.min, VIRTUAL_OTP_LENGTHS.max],
  virtualOtpLifetimeS: [10, 86_400],
};

/** Templates of the messages that carry the OTP: without `{otp}` the user would get nothing to type. */
const OTP_TEMPLATES = ['virtualEmailTemplate', 'virtualSmsTemplate'];

export function checkPolicy(rec: SeedRecord, where: string): void {
  if (typeof rec.name !== 'string' || rec.name === '') throw new SeedError(`${where}: name is required`);
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'name') continue;
    if (!(k in DEFAULT_POLICY)) throw new SeedError(`${where}: unknown policy setting "${k}"`);
    const dflt = DEFAULT_POLICY[k as keyof Policy];
    if (k === 'autoUnlock') { checkAutoUnlock(v, where); continue; }
    if (typeof v !== typeof dflt) throw new SeedError(`${where}: ${k} must be a ${typeof dflt}, got ${JSON.stringify(v)}`);
    const allowed = POLICY_ENUMS[k];
    if (allowed && !allowed.includes(v as string)) throw new SeedError(`${where}: ${k} must be ${describe(allowed)}`);
    const range = POLICY_RANGES[k];
    if (range && !(Number.isInteger(v) && (v as number) >= range[0] && (v as number) <= range[1])) throw new SeedError(`${where}: ${k} must be ${range[0]} to ${range[1]}`);
    if (typeof v === 'number' && !range && /irtual/.test(k) && !(Number.isSafeInteger(v) && v >= 0)) throw new SeedError(`${where}: ${k} must be a whole number >= 0`);
    if (OTP_TEMPLATES.includes(k) && !(v as string).includes('{otp}')) throw new SeedError(`${where}: ${k} must contain {otp}`);
  }
}

function checkAutoUnlock(v: unknown, where: string): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SeedError(`${where}: autoUnlock must be an object`);
  for (const [k, x] of Object.entries(v)) {
    const dflt = (DEFAULT_POLICY.autoUnlock as Record<string, unknown>)[k];
    if (dflt === undefined) throw new SeedError(`${where}: unknown autoUnlock setting "${k}"`);
    if (typeof x !== typeof dflt) throw new SeedError(`${where}: autoUnlock.${k} must be a ${typeof dflt}`);
  }
}

/** Checks the document's shape (not its records) and returns it with every collection present. */
export function checkDocument(doc: unknown, source: string): SeedDocument {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new SeedError(`${source}: a seed must be a JSON object`);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) {
    if (k !== 'extends' && k !== 'apiKeys' && !IGNORED_KEYS.includes(k) && !(COLLECTIONS as readonly string[]).includes(k)) {
      throw new SeedError(`${source}: unknown top-level key "${k}" (allowed: extends, ${COLLECTIONS.join(', ')}, apiKeys, ${IGNORED_KEYS.join(', ')})`);
    }
  }
  const keys = d.apiKeys ?? [];
  if (!Array.isArray(keys)) throw new SeedError(`${source}: "apiKeys" must be an array`);
  keys.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new SeedError(`${source}: apiKeys[${i}] must be an object`);
    checkFields(r as SeedRecord, API_KEY_FIELDS, `${source}: apiKeys[${i}]`, ['key']);
  });
  if (d.extends !== undefined && d.extends !== 'demo') throw new SeedError(`${source}: "extends" may only be "demo"`);
  const out: Record<string, unknown> = { extends: d.extends, apiKeys: keys };
  for (const c of COLLECTIONS) {
    const list = d[c] ?? [];
    if (!Array.isArray(list)) throw new SeedError(`${source}: "${c}" must be an array`);
    list.forEach((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new SeedError(`${source}: ${c}[${i}] must be an object`);
    });
    out[c] = list;
  }
  return out as unknown as SeedDocument;
}
