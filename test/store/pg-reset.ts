// Test helper: empties the PostgreSQL database named by COUNTERSIGN_TEST_PG (drops and recreates the
// public schema) so each contract case starts from a fresh, migrated store.
import pg from 'pg';

export async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}
