// Table definitions as TypeORM EntitySchemas (no decorators) for SQLite and PostgreSQL alike
// (spec: flows.md §1 objects). Property names equal column names, so raw rows and entities share shape.
// Portable types only: varchar, text, integer, bigint (epoch ms; pg returns it as a string), boolean.
import { EntitySchema } from 'typeorm';

type Num = number | string;
export type Bool = boolean | number;

export interface UserRow {
  id: string; domain: string; domain_key: string; user_id: string; userid_key: string;
  disabled: Bool; locked: Bool; lock_count: number; locked_until: Num | null; auto_unlocks: number;
  static_password_hash: string | null; local_auth: string; expires_at: Num | null;
  last_failure: string | null; last_failure_at: Num | null; email: string | null; mobile: string | null;
  description: string | null; admin: Bool; created_at: Num; modified_at: Num | null;
  backend_auth: string | null;
}

export interface AuthenticatorRow {
  id: string; serial: string; serial_key: string; kind: string; secret_sealed: string; digits: number;
  algorithm: string; period: number; ocra_suite: string | null; last_step: Num; drift: number;
  pin_hash: string | null; pin_enabled: Bool; pin_change_required: Bool; grace_until: Num | null;
  disabled: Bool; locked: Bool; user_ref: string | null; created_at: Num;
}

export interface PolicyRow { name: string; settings: string }
export interface ClientRow { component_type: string; policy_name: string }

export interface PendingRow {
  pending_key: string; kind: string; user_ref: string | null; authenticator_ref: string | null;
  component_type: string; created_at: Num; expires_at: Num; payload: string; state: string;
}

export interface AuditRow {
  id?: number; at: Num; door: string; component_type: string; domain: string | null; user_id: string | null;
  serial_no: string | null; status: string; status_code: number; source_address: string | null; detail: string | null;
}

export interface MetaRow { name: string; value: string }

export interface ApiKeyRow { id: string; name: string; name_key: string; key_digest: string; created_at: Num; revoked_at: Num | null }

export interface ReplyAttributeRow { id: string; user_ref: string; name: string; value: string; op: string; position: number }

const str = (length: number, nullable = false) => ({ type: 'varchar' as const, length, nullable });
const text = (nullable = false) => ({ type: 'text' as const, nullable });
const big = (nullable = false) => ({ type: 'bigint' as const, nullable });
const int = (dflt?: number) => ({ type: 'integer' as const, ...(dflt === undefined ? {} : { default: dflt }) });
const bool = (dflt: boolean) => ({ type: 'boolean' as const, default: dflt });

export const UserEntity = new EntitySchema<UserRow>({
  name: 'user', tableName: 'users',
  columns: {
    id: { ...str(36), primary: true }, domain: str(255), domain_key: str(255), user_id: str(255),
    userid_key: str(255), disabled: bool(false), locked: bool(false), lock_count: int(0), locked_until: big(true),
    auto_unlocks: int(0), static_password_hash: text(true), local_auth: str(32), expires_at: big(true),
    last_failure: str(255, true), last_failure_at: big(true), email: str(255, true), mobile: str(64, true),
    description: text(true), admin: bool(false), created_at: big(), modified_at: big(true),
    backend_auth: str(32, true),
  },
  indices: [{ name: 'ux_users_domain_userid', columns: ['domain_key', 'userid_key'], unique: true }],
});

export const AuthenticatorEntity = new EntitySchema<AuthenticatorRow>({
  name: 'authenticator', tableName: 'authenticators',
  columns: {
    id: { ...str(36), primary: true }, serial: str(64), serial_key: str(64), kind: str(16), secret_sealed: text(),
    digits: int(), algorithm: str(16), period: int(), ocra_suite: str(64, true), last_step: { ...big(), default: -1 },
    drift: int(0), pin_hash: text(true), pin_enabled: bool(false), pin_change_required: bool(false),
    grace_until: big(true), disabled: bool(false), locked: bool(false), user_ref: str(36, true), created_at: big(),
  },
  indices: [
    { name: 'ux_authenticators_serial', columns: ['serial_key'], unique: true },
    { name: 'ix_authenticators_user', columns: ['user_ref'] },
  ],
  foreignKeys: [{ name: 'fk_authenticators_user', target: 'user', columnNames: ['user_ref'], referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
});

export const PolicyEntity = new EntitySchema<PolicyRow>({
  name: 'policy', tableName: 'policies',
  columns: { name: { ...str(255), primary: true }, settings: text() },
});

export const ClientEntity = new EntitySchema<ClientRow>({
  name: 'client', tableName: 'clients',
  columns: { component_type: { ...str(255), primary: true }, policy_name: str(255) },
  foreignKeys: [{ name: 'fk_clients_policy', target: 'policy', columnNames: ['policy_name'], referencedColumnNames: ['name'] }],
});

export const PendingEntity = new EntitySchema<PendingRow>({
  name: 'pending', tableName: 'pending',
  columns: {
    pending_key: { ...str(128), primary: true }, kind: str(32), user_ref: str(36, true), authenticator_ref: str(36, true),
    component_type: str(255), created_at: big(), expires_at: big(), payload: text(), state: str(16),
  },
  indices: [{ name: 'ix_pending_expires', columns: ['expires_at'] }, { name: 'ix_pending_user', columns: ['user_ref'] }],
});

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'audit', tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' }, at: big(), door: str(32), component_type: str(255),
    domain: str(255, true), user_id: str(255, true), serial_no: str(64, true), status: str(64), status_code: int(),
    source_address: str(128, true), detail: text(true),
  },
  indices: [{ name: 'ix_audit_at', columns: ['at'] }, { name: 'ix_audit_user', columns: ['user_id'] }],
});

export const MetaEntity = new EntitySchema<MetaRow>({
  name: 'store_meta', tableName: 'store_meta',
  columns: { name: { ...str(64), primary: true }, value: text() },
});

/** REST API keys: only the SHA-256 digest of a key is kept; a revoked key stays listed, its name taken. */
export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'api_key', tableName: 'api_keys',
  columns: {
    id: { ...str(36), primary: true }, name: str(255), name_key: str(255), key_digest: str(64), created_at: big(), revoked_at: big(true),
  },
  indices: [
    { name: 'ux_api_keys_name', columns: ['name_key'], unique: true },
    { name: 'ux_api_keys_digest', columns: ['key_digest'], unique: true },
  ],
});

/** Per-user RADIUS reply attributes (other-frontends.md §4), in `position` order. */
export const ReplyAttributeEntity = new EntitySchema<ReplyAttributeRow>({
  name: 'user_reply_attribute', tableName: 'user_reply_attributes',
  columns: {
    id: { ...str(36), primary: true }, user_ref: str(36), name: str(255), value: text(), op: { ...str(4), default: ':=' }, position: int(),
  },
  indices: [{ name: 'ix_reply_attributes_user', columns: ['user_ref'] }],
  foreignKeys: [{ name: 'fk_reply_attributes_user', target: 'user', columnNames: ['user_ref'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
});

export interface RadiusClientRow {
  address: string; component_type: string; name: string | null; secret_sealed: string; require_message_authenticator: Bool | null; created_at: Num;
}

/** RADIUS clients (other-frontends.md §1): address or CIDR → client component; the shared secret sealed. */
export const RadiusClientEntity = new EntitySchema<RadiusClientRow>({
  name: 'radius_client', tableName: 'radius_clients',
  columns: {
    address: { ...str(64), primary: true }, component_type: str(255), name: str(255, true), secret_sealed: text(),
    require_message_authenticator: { type: 'boolean', nullable: true }, created_at: big(),
  },
  indices: [{ name: 'ix_radius_clients_component', columns: ['component_type'] }],
  foreignKeys: [{ name: 'fk_radius_clients_client', target: 'client', columnNames: ['component_type'], referencedColumnNames: ['component_type'], onDelete: 'CASCADE' }],
});

export const ENTITIES = [
  UserEntity, AuthenticatorEntity, PolicyEntity, ClientEntity, PendingEntity, AuditEntity, MetaEntity, ApiKeyEntity, ReplyAttributeEntity, RadiusClientEntity,
];
