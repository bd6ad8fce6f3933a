/**
 * Makes a user an administrator. There is deliberately no API for this: whoever can run it already
 * holds the database.
 *
 *   npm run make-admin -w services/auth -- <nickname or email>
 */
import { SqlUserRepository } from '../adapters/sql-repositories.js';
import { openAuthDatabase } from './database.js';

const who = process.argv[2];
if (!who) {
  console.error('usage: npm run make-admin -w services/auth -- <nickname or email>');
  process.exit(64);
}
const db = await openAuthDatabase();
try {
  const changed = await new SqlUserRepository(db).setRole(who, 'ADMIN');
  if (!changed) {
    console.error(`no user has the nickname or email "${who}"`);
    process.exitCode = 1;
  } else {
    console.log(`${who} is now an ADMIN (their next access token carries the role)`);
  }
} finally {
  await db.close();
}
