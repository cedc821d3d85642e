// First schema of the store (spec: flows.md §1 objects, §3/§4 compare-and-set columns), written
// with TypeORM's Table API so one migration runs on SQLite and PostgreSQL. Mirrors src/store/entities.ts.
import {
  Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions,
} from 'typeorm';

type Col = TableColumnOptions;
type BoolCol = (name: string) => Col;

const str = (name: string, length: number, isNullable = false): Col => ({ name, type: 'varchar', length: String(length), isNullable });
const text = (name: string, isNullable = false): Col => ({ name, type: 'text', isNullable });
const big = (name: string, isNullable = false): Col => ({ name, type: 'bigint', isNullable });
const int = (name: string, dflt?: number): Col =>
  ({ name, type: 'integer', isNullable: false, ...(dflt === undefined ? {} : { default: dflt }) });
const pk = (c: Col): Col => ({ ...c, isPrimary: true });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const usersTable = (bool: BoolCol) => new Table({
  name: 'users',
  columns: [
    pk(str('id', 36)), str('domain', 255), str('domain_key', 255), str('user_id', 255), str('userid_key', 255),
    bool('disabled'), bool('locked'), int('lock_count', 0), big('locked_until', true), int('auto_unlocks', 0),
    text('static_password_hash', true), str('local_auth', 32), big('expires_at', true), str('last_failure', 255, true),
    big('last_failure_at', true), str('email', 255, true), str('mobile', 64, true), text('description', true),
    bool('admin'), big('created_at'),
  ],
  indices: [index('ux_users_domain_userid', ['domain_key', 'userid_key'], true)],
});

const authenticatorsTable = (bool: BoolCol) => new Table({
  name: 'authenticators',
  columns: [
    pk(str('id', 36)), str('serial', 64), str('serial_key', 64), str('kind', 16), text('secret_sealed'), int('digits'),
    str('algorithm', 16), int('period'), str('ocra_suite', 64, true), { ...big('last_step'), default: -1 }, int('drift', 0),
    text('pin_hash', true), bool('pin_enabled'), bool('pin_change_required'), big('grace_until', true),
    bool('disabled'), bool('locked'), str('user_ref', 36, true), big('created_at'),
  ],
  indices: [index('ux_authenticators_serial', ['serial_key'], true), index('ix_authenticators_user', ['user_ref'])],
  foreignKeys: [new TableForeignKey({
    name: 'fk_authenticators_user', columnNames: ['user_ref'], referencedTableName: 'users',
    referencedColumnNames: ['id'], onDelete: 'SET NULL',
  })],
});

const policiesTable = () => new Table({ name: 'policies', columns: [pk(str('name', 255)), text('settings')] });

const clientsTable = () => new Table({
  name: 'clients',
  columns: [pk(str('component_type', 255)), str('policy_name', 255)],
  foreignKeys: [new TableForeignKey({
    name: 'fk_clients_policy', columnNames: ['policy_name'], referencedTableName: 'policies', referencedColumnNames: ['name'],
  })],
});

const pendingTable = () => new Table({
  name: 'pending',
  columns: [
    pk(str('pending_key', 128)), str('kind', 32), str('user_ref', 36, true), str('authenticator_ref', 36, true),
    str('component_type', 255), big('created_at'), big('expires_at'), text('payload'), str('state', 16),
  ],
  indices: [index('ix_pending_expires', ['expires_at']), index('ix_pending_user', ['user_ref'])],
});

const auditTable = () => new Table({
  name: 'audit_log',
  columns: [
    { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
    big('at'), str('door', 32), str('component_type', 255), str('domain', 255, true), str('user_id', 255, true),
    str('serial_no', 64, true), str('status', 64), int('status_code'), str('source_address', 128, true), text('detail', true),
  ],
  indices: [index('ix_audit_at', ['at']), index('ix_audit_user', ['user_id'])],
});

const metaTable = () => new Table({ name: 'store_meta', columns: [pk(str('name', 64)), text('value')] });

/** Boolean defaults are SQL text: FALSE on PostgreSQL, 0 on SQLite (as TypeORM compares them there). */
function tables(queryRunner: QueryRunner): Table[] {
  const falseLiteral = queryRunner.connection.driver.options.type === 'postgres' ? 'false' : '0';
  const bool: BoolCol = (name) => ({ name, type: 'boolean', isNullable: false, default: falseLiteral });
  return [usersTable(bool), authenticatorsTable(bool), policiesTable(), clientsTable(), pendingTable(), auditTable(), metaTable()];
}

export class InitialSchema1750000000000 implements MigrationInterface {
  readonly name = 'InitialSchema1750000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables(queryRunner)) await queryRunner.createTable(table, false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables(queryRunner).reverse()) await queryRunner.dropTable(table.name);
  }
}
