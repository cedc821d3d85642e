// The records the store reads and writes beside the engine's ports (spec: flows.md §1, §3, §4): stored
// users, API keys, clients, new users and authenticators, imports, the audit filter and audit retention.
import type { AuthenticatorKind, DeliveryChannel, HashAlgorithm, LocalAuthMode, Policy, User } from '../domain/model.js';
import type { StatusKey } from '../domain/status.js';

/** A user as the store holds it: the engine's User plus the administrator flag and record times. */
export interface StoredUser extends User {
  readonly admin: boolean;
  /** When the user was created (epoch ms, the store's clock). */
  readonly createdAt: number;
  /** Last administration change (settings, unlock, password, assignment); null when never changed. */
  readonly modifiedAt: number | null;
}

/** A REST API key as stored: its name and times; the key itself is never kept, only its SHA-256 digest. */
export interface ApiKeyRecord {
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

/** A RADIUS reply attribute returned with a user's approval (other-frontends.md §4). */
export interface ReplyAttribute {
  readonly name: string;
  readonly value: string;
  /** RADIUS operator, `:=` unless given. */
  readonly op?: string;
}

/** A policy as stored: its name and only the settings that differ from the defaults. */
export type StoredPolicy = Partial<Policy> & { readonly name: string };

/** A client component record: component type and the name of its policy. */
export interface StoredClient {
  readonly componentType: string;
  readonly policyName: string;
}

/**
 * A RADIUS client (other-frontends.md §1) as a store record: a source address or CIDR, the client
 * component it presents (hence its policy) and the shared secret (sealed at rest, like seeds).
 */
export interface RadiusClientRecord {
  readonly address: string;
  readonly componentType: string;
  readonly secret: Buffer;
  readonly name: string | null;
  /** null: the server's COUNTERSIGN_RADIUS_REQUIRE_MESSAGE_AUTHENTICATOR decides. */
  readonly requireMessageAuthenticator: boolean | null;
}

export interface NewUser {
  readonly domain: string;
  readonly userId: string;
  readonly staticPasswordHash?: string | null;
  readonly localAuth?: LocalAuthMode;
  readonly disabled?: boolean;
  readonly locked?: boolean;
  readonly lockCount?: number;
  readonly lockedUntil?: number | null;
  readonly autoUnlocks?: number;
  readonly expiresAt?: number | null;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly description?: string | null;
  readonly backendAuth?: string | null;
  readonly admin?: boolean;
}

/** A new authenticator with its plain secret; the store seals it before writing. */
export interface NewAuthenticator {
  readonly serial: string;
  readonly kind: AuthenticatorKind;
  readonly secret: Buffer;
  readonly digits?: number;
  readonly algorithm?: HashAlgorithm;
  readonly period?: number;
  readonly ocraSuite?: string | null;
  readonly lastStep?: number;
  readonly drift?: number;
  readonly pinHash?: string | null;
  readonly pinEnabled?: boolean;
  readonly pinChangeRequired?: boolean;
  readonly graceUntil?: number | null;
  readonly disabled?: boolean;
  readonly locked?: boolean;
  /** Id of the assigned user (from createUser / findUser), or null for an unassigned one. */
  readonly userRef?: string | null;
  /** Virtual authenticators: the delivery channel (null = the policy's), backup role and its restrictions. */
  readonly delivery?: DeliveryChannel | null;
  readonly backup?: boolean;
  readonly usesRemaining?: number | null;
  readonly enabledUntil?: number | null;
}

/** A backup virtual authenticator's restrictions (null = not set yet), compared and set together. */
export interface BackupUsage { readonly usesRemaining: number | null; readonly enabledUntil: number | null }

/** What an administrator may change on a user (absent = unchanged). */
export interface UserChanges {
  readonly disabled?: boolean;
  readonly localAuth?: LocalAuthMode;
  readonly email?: string | null;
  readonly mobile?: string | null;
  readonly description?: string | null;
  readonly backendAuth?: string | null;
}

/** One record of a bulk import: a user and, optionally, the authenticator assigned to it. */
export interface ImportRow {
  readonly user: NewUser;
  readonly authenticator?: Omit<NewAuthenticator, 'userRef'>;
}

export interface AuditFilter {
  readonly door?: string;
  /** Exact component type (`Administration`: the administrative changes). */
  readonly componentType?: string;
  readonly domain?: string;
  /** Exact match on the user ID as recorded. */
  readonly userId?: string;
  readonly serialNo?: string;
  readonly status?: StatusKey;
  /** Inclusive lower bound, epoch ms. */
  readonly since?: number;
  /** Exclusive upper bound, epoch ms. */
  readonly until?: number;
  /** Most entries returned, oldest first (default 1000). */
  readonly limit?: number;
  /** The newest entries first instead (the console's last logon and latest records). */
  readonly newestFirst?: boolean;
}

/** The component type of administrative change records (`countersign audit --admin`; kept longer by retention). */
export const ADMIN_AUDIT_COMPONENT_TYPE = 'Administration';

/**
 * Audit retention deletes two classes of records each by its own bound (docs/operations/audit-retention.md):
 * `administrative` = component type Administration, `other` = every other record (logons, refusals).
 */
export type AuditClass = 'administrative' | 'other';
