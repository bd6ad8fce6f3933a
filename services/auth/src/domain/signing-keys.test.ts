import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, createTestDatabase, migrate, type Database } from '@corazy/database';
import { SqlSigningKeyRepository } from '../adapters/sql-repositories.js';
import { MIGRATIONS_DIR } from '../app.js';
import { KeyRing } from './signing-keys.js';

let db: Database;
let drop: () => Promise<void>;
let clock = new Date('2026-01-01T00:00:00Z');
const minutes = (n: number) => n * 60_000;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

const ring = () =>
  new KeyRing(new SqlSigningKeyRepository(db), {
    accessTokenTtlSeconds: 900,
    rotationDays: 30,
    activationDelaySeconds: 600,
    reloadSeconds: 0,
    now: () => clock,
  });

beforeAll(async () => {
  const target = await createTestDatabase('keys');
  drop = target.drop;
  db = connectPostgres(target.url);
  await migrate(db, 'auth', MIGRATIONS_DIR);
});
afterAll(async () => {
  await db.close();
  await drop();
});

describe('signing key rotation', () => {
  it('publishes old and new keys together through the overlap, and switches signing only after activation', async () => {
    const keys = ring();
    await keys.ensureCurrent();
    const original = (await keys.signingKey()).kid;
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([original]);

    const rotated = await keys.rotate();
    expect((await keys.jwks()).keys.map((key) => key.kid).sort()).toEqual([original, rotated.kid].sort());
    expect((await keys.signingKey()).kid).toBe(original); // verifiers have not all fetched the new key yet

    advance(minutes(11));
    expect((await keys.signingKey()).kid).toBe(rotated.kid);
    expect((await keys.jwks()).keys).toHaveLength(2); // tokens signed by the old key are still live

    advance(minutes(17));
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([rotated.kid]);
  });

  it('makes one key when several replicas start at once, and rotates a key past its age', async () => {
    await db.query('DELETE FROM auth.signing_keys');
    await Promise.all([ring().ensureCurrent(), ring().ensureCurrent(), ring().ensureCurrent()]);
    expect((await ring().jwks()).keys).toHaveLength(1);

    advance(31 * 24 * 60 * minutes(1));
    await Promise.all([ring().ensureCurrent(), ring().ensureCurrent()]);
    expect((await ring().jwks()).keys).toHaveLength(2);
  });

  it('publishes only public key material', async () => {
    for (const key of (await ring().jwks()).keys) {
      expect(key).not.toHaveProperty('d');
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    }
  });
});
