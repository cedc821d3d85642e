// Third schema step (issue 17): RADIUS clients as store records, so that `countersign client create
// --address --secret-stdin` reaches every node without a restart. The shared secret is sealed like
// authenticator secrets. TypeORM Table API (SQLite and PostgreSQL alike); mirrors src/store/entities.ts.
import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const radiusClientsTable = () => new Table({
  name: 'radius_clients',
  columns: [
    { name: 'address', type: 'varchar', length: '64', isPrimary: true, isNullable: false },
    { name: 'component_type', type: 'varchar', length: '255', isNullable: false },
    { name: 'name', type: 'varchar', length: '255', isNullable: true },
    { name: 'secret_sealed', type: 'text', isNullable: false },
    { name: 'require_message_authenticator', type: 'boolean', isNullable: true },
    { name: 'created_at', type: 'bigint', isNullable: false },
  ],
  indices: [new TableIndex({ name: 'ix_radius_clients_component', columnNames: ['component_type'] })],
  foreignKeys: [new TableForeignKey({
    name: 'fk_radius_clients_client', columnNames: ['component_type'], referencedTableName: 'clients',
    referencedColumnNames: ['component_type'], onDelete: 'CASCADE',
  })],
});

export class RadiusClients1770000000000 implements MigrationInterface {
  readonly name = 'RadiusClients1770000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(radiusClientsTable(), false, true, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('radius_clients');
  }
}
