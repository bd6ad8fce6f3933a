import { connectPostgres, embeddedDataDir, migrate, openPglite, type Database } from '@corazy/database';
import { MIGRATIONS_DIR } from '../app.js';

/**
 * The auth database for an operator command: `DATABASE_URL` when set, else the embedded platform's
 * data directory (stop `npm start` first: an embedded database has one user at a time).
 */
export async function openAuthDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const db = url ? connectPostgres(url, { maxConnections: 2 }) : await openPglite(embeddedDataDir());
  await migrate(db, 'auth', MIGRATIONS_DIR);
  return db;
}
