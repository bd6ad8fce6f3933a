/**
 * Publishes a new signing key now. It signs once every verifier has had time to fetch it (10 minutes);
 * the old key stays published until the last token it signed has expired.
 *
 *   npm run rotate-keys -w services/auth
 */
import { SqlSigningKeyRepository } from '../adapters/sql-repositories.js';
import { KeyRing } from '../domain/signing-keys.js';
import { openAuthDatabase } from './database.js';

const db = await openAuthDatabase();
try {
  const ttl = Number(process.env.ACCESS_TOKEN_TTL_SECONDS ?? 900);
  const key = await new KeyRing(new SqlSigningKeyRepository(db), {
    accessTokenTtlSeconds: ttl,
    rotationDays: 0,
  }).rotate();
  console.log(`published key ${key.kid}; it signs from ${key.activatesAt.toISOString()}`);
} finally {
  await db.close();
}
