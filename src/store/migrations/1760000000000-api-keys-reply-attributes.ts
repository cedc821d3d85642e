// Second schema step (spec: other-frontends.md §2, §4; issues 5 and 7): REST API keys kept as SHA-256
// digests, per-user RADIUS reply attributes, and users.modified_at for administration changes.
// TypeORM Table API, so it runs on SQLite and PostgreSQL alike. Mirrors src/store/entities.ts.
import {
  Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions,
} from 'typeorm';

type Col = TableColumnOptions;

const str = (name: string, length: number, isNullable = false): Col => ({ name, type: 'varchar', length: String(length), isNullable });
const big = (name: string, isNullable = false): Col => ({ name, type: 'bigint', isNullable });
const pk = (c: Col): Col => ({ ...c, isPrimary: true });

const apiKeysTable = () => new Table({
  name: 'api_keys',
  columns: [pk(str('id', 36)), str('name', 255), str('name_key', 255), str('key_digest', 64), big('created_at'), big('revoked_at', true)],
  indices: [
    new TableIndex({ name: 'ux_api_keys_name', columnNames: ['name_key'], isUnique: true }),
    new TableIndex({ name: 'ux_api_keys_digest', columnNames: ['key_digest'], isUnique: true }),
  ],
});

const replyAttributesTable = () => new Table({
  name: 'user_reply_attributes',
  columns: [
    pk(str('id', 36)), str('user_ref', 36), str('name', 255), { name: 'value', type: 'text', isNullable: false },
    { ...str('op', 4), default: "':='" }, { name: 'position', type: 'integer', isNullable: false },
  ],
  indices: [new TableIndex({ name: 'ix_reply_attributes_user', columnNames: ['user_ref'] })],
  foreignKeys: [new TableForeignKey({
    name: 'fk_reply_attributes_user', columnNames: ['user_ref'], referencedTableName: 'users',
    referencedColumnNames: ['id'], onDelete: 'CASCADE',
  })],
});

const modifiedAt = () => new TableColumn(big('modified_at', true));

export class ApiKeysReplyAttributes1760000000000 implements MigrationInterface {
  readonly name = 'ApiKeysReplyAttributes1760000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', modifiedAt());
    await queryRunner.createTable(apiKeysTable(), false, true, true);
    await queryRunner.createTable(replyAttributesTable(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('user_reply_attributes');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropColumn('users', 'modified_at');
  }
}
