// Fourth schema step (issue 19): the user's back-end authentication mode (USERFLD_BACKEND_AUTH), set by
// an administrator and returned by user view and query as real servers do. Nullable: never set = absent.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class UserBackendAuth1780000000019 implements MigrationInterface {
  readonly name = 'UserBackendAuth1780000000019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', new TableColumn({ name: 'backend_auth', type: 'varchar', length: '32', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'backend_auth');
  }
}
