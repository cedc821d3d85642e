// Third schema step (issue 16): users.last_failure now holds a keyed tag (engine/policy/failure-tag.ts).
// Tags written before it were unkeyed digest prefixes of the wrong credential, which a dictionary check
// could reverse: they are erased (the only cost is that one retry in flight may count once more).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyedFailureTags1765000000000 implements MigrationInterface {
  readonly name = 'KeyedFailureTags1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('UPDATE users SET last_failure = NULL WHERE last_failure IS NOT NULL');
  }

  async down(): Promise<void> {
    // Nothing to restore: the erased tags are not needed by the previous schema either.
  }
}
