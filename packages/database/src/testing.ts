import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server integration tests run against. */
export const testPostgresUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A new, empty database on the test server, so a test file owns its data outright. `drop` removes it
 * (and ends any connection still open to it).
 */
export async function createTestDatabase(
  label = 'test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `corazy_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPostgresUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: testPostgresUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
