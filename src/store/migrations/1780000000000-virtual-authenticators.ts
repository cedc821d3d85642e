// Schema step for virtual authenticators (issue 22): the delivery channel of an authenticator, its
// backup role and the backup usage restrictions (uses remaining, enabled until). Nullable or defaulted
// columns, so every existing authenticator reads as before. Mirrors src/store/entities.ts.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Boolean defaults are SQL text: FALSE on PostgreSQL, 0 on SQLite (as TypeORM compares them there). */
const columns = (falseLiteral: string) => [
  new TableColumn({ name: 'delivery', type: 'varchar', length: '8', isNullable: true }),
  new TableColumn({ name: 'virtual_backup', type: 'boolean', isNullable: false, default: falseLiteral }),
  new TableColumn({ name: 'uses_remaining', type: 'integer', isNullable: true }),
  new TableColumn({ name: 'enabled_until', type: 'bigint', isNullable: true }),
];

export class VirtualAuthenticators1780000000000 implements MigrationInterface {
  readonly name = 'VirtualAuthenticators1780000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const falseLiteral = queryRunner.connection.driver.options.type === 'postgres' ? 'false' : '0';
    await queryRunner.addColumns('authenticators', columns(falseLiteral));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const c of ['enabled_until', 'uses_remaining', 'virtual_backup', 'delivery']) await queryRunner.dropColumn('authenticators', c);
  }
}
