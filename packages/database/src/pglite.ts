import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/**
 * Embedded PostgreSQL (compiled to WebAssembly) for `npm start` on a machine with no database server.
 * One instance is shared by every service of the process; each keeps to its own schema, as on a real
 * server. `dataDir` persists to disk; without it the data lives in memory.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  // PGlite makes only the last directory of the path; on a fresh clone `.data/` does not exist yet.
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create({ dataDir }) : await PGlite.create();

  const over = (client: PGlite | Transaction): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const result = await client.query<Row>(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async execute(sql: string) {
      await client.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    ...over(db),
    transaction: (work) => db.transaction((tx) => work(over(tx))),
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}

/**
 * Where the embedded platform keeps its data: `CORAZY_DATA_DIR`, or `.data/pglite` at the repository
 * root (the same path from `src/` and from `dist/`).
 */
export function embeddedDataDir(): string {
  return process.env.CORAZY_DATA_DIR ?? fileURLToPath(new URL('../../../.data/pglite', import.meta.url));
}
