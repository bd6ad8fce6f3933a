import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.js';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;
const MIGRATION_FILE = /^\d{3,}_[\w-]+\.sql$/;

/**
 * Applies, in name order, the `NNN_name.sql` files of `directory` that `schema` has not seen yet, each
 * in its own transaction. An advisory lock lets several replicas start at once: one migrates, the
 * others wait and then find nothing to do. Returns the ids it applied.
 */
export async function migrate(db: Database, schema: string, directory: string): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const files = (await readdir(directory)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const id = file.replace(/\.sql$/, '');
    const sql = await readFile(join(directory, file), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
      await tx.execute(
        `CREATE SCHEMA IF NOT EXISTS ${schema};
         CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
           id text PRIMARY KEY,
           applied_at timestamptz NOT NULL DEFAULT now()
         );`,
      );
      const seen = await tx.query(`SELECT 1 FROM ${schema}.schema_migrations WHERE id = $1`, [id]);
      if (seen.length > 0) return false;
      await tx.execute(sql);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [id]);
      return true;
    });
    if (ran) applied.push(id);
  }
  return applied;
}
