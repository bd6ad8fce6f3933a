import type { Database, Queryable } from '@corazy/database';
import type { Role } from '@corazy/contracts';
import {
  EmailTakenError,
  IdentityTakenError,
  NicknameTakenError,
  type ExternalIdentity,
  type GuestExpiryPolicy,
  type GuestRepository,
  type NewUser,
  type Nickname,
  type OidcRepository,
  type OneTimePurpose,
  type PendingAuthorization,
  type RefreshTokenRepository,
  type RotationOutcome,
  type SigningKeyRecord,
  type SigningKeyRepository,
  type UserRecord,
  type UserRepository,
} from '../domain/ports.js';

/** The auth service's tables, all in the `auth` schema that it alone owns. */

interface UserRow {
  id: string;
  nickname: string;
  role: Role;
  email: string | null;
  password_hash: string | null;
  created_at: Date | string;
}

const USER_COLUMNS = 'id, nickname, role, email, password_hash, created_at';

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  nickname: row.nickname,
  role: row.role,
  email: row.email,
  passwordHash: row.password_hash,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Turns unique violations into the domain's errors; anything else passes through. */
function translateUniqueViolation(error: unknown): never {
  const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
  if (code === '23505') {
    const which = constraint ?? message ?? '';
    if (which.includes('nickname')) throw new NicknameTakenError();
    if (which.includes('email')) throw new EmailTakenError();
    if (which.includes('identities')) throw new IdentityTakenError();
  }
  throw error;
}

/**
 * Takes `key` for `userId` inside the caller's transaction: free keys, keys whose hold has ended and
 * the user's own keys can be taken. Of two transactions taking one key, the second waits on the
 * primary key and then finds it taken.
 */
async function claimNickname(tx: Queryable, key: string, userId: string): Promise<void> {
  await tx.query('DELETE FROM auth.nickname_claims WHERE nickname_key = $1 AND released_at <= now()', [key]);
  const claimed = await tx.query(
    `INSERT INTO auth.nickname_claims (nickname_key, user_id) VALUES ($1, $2)
     ON CONFLICT (nickname_key) DO UPDATE SET released_at = NULL
     WHERE nickname_claims.user_id = excluded.user_id
     RETURNING 1`,
    [key, userId],
  );
  if (claimed.length === 0) throw new NicknameTakenError();
}

export class SqlUserRepository implements UserRepository {
  constructor(private readonly db: Database) {}

  async create(user: NewUser) {
    return this.db
      .transaction(async (tx) => {
        const [row] = await tx.query<UserRow>(
          `INSERT INTO auth.users (nickname, role, email, password_hash) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
          [user.nickname, user.role, user.email ?? null, user.passwordHash ?? null],
        );
        await claimNickname(tx, user.nicknameKey, row!.id);
        return toUser(row!);
      })
      .catch(translateUniqueViolation);
  }

  async createWithIdentity(nickname: Nickname, identity: ExternalIdentity) {
    return this.db
      .transaction(async (tx) => {
        const [row] = await tx.query<UserRow>(
          `INSERT INTO auth.users (nickname, role) VALUES ($1, 'USER') RETURNING ${USER_COLUMNS}`,
          [nickname.nickname],
        );
        await claimNickname(tx, nickname.nicknameKey, row!.id);
        await linkIdentity(tx, row!.id, identity);
        return toUser(row!);
      })
      .catch(translateUniqueViolation);
  }

  async findById(id: string) {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM auth.users WHERE id = $1`, [id]);
    return row && toUser(row);
  }

  async findByEmail(email: string) {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM auth.users WHERE email = $1`, [
      email,
    ]);
    return row && toUser(row);
  }

  async findByIdentity(provider: string, subject: string) {
    const [row] = await this.db.query<UserRow>(
      `SELECT ${USER_COLUMNS.replace(/(\w+)/g, 'u.$1')} FROM auth.users u
       JOIN auth.identities i ON i.user_id = u.id WHERE i.provider = $1 AND i.subject = $2`,
      [provider, subject],
    );
    return row && toUser(row);
  }

  async updateNickname(id: string, nickname: Nickname, holdUntil: Date) {
    return this.db
      .transaction(async (tx) => {
        const [exists] = await tx.query('SELECT 1 FROM auth.users WHERE id = $1 FOR UPDATE', [id]);
        if (!exists) return undefined;
        await claimNickname(tx, nickname.nicknameKey, id);
        await tx.query(
          `UPDATE auth.nickname_claims SET released_at = $3
           WHERE user_id = $1 AND nickname_key <> $2 AND released_at IS NULL`,
          [id, nickname.nicknameKey, holdUntil.toISOString()],
        );
        const [row] = await tx.query<UserRow>(
          `UPDATE auth.users SET nickname = $2, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
          [id, nickname.nickname],
        );
        return toUser(row!);
      })
      .catch(translateUniqueViolation);
  }

  async upgradeGuest(id: string, credentials: { email: string; passwordHash: string } | ExternalIdentity) {
    return this.db
      .transaction(async (tx) => {
        const [row] = await tx.query<UserRow>(
          `UPDATE auth.users SET role = 'USER', email = $2, password_hash = $3, updated_at = now()
           WHERE id = $1 AND role = 'GUEST' RETURNING ${USER_COLUMNS}`,
          'passwordHash' in credentials
            ? [id, credentials.email, credentials.passwordHash]
            : [id, null, null],
        );
        if (row && 'subject' in credentials) await linkIdentity(tx, id, credentials);
        return row && toUser(row);
      })
      .catch(translateUniqueViolation);
  }

  async claimUnclaimedNicknames(keyOf: (nickname: string) => string) {
    const unclaimed = await this.db.query<{ id: string; nickname: string }>(
      `SELECT u.id, u.nickname FROM auth.users u
       WHERE NOT EXISTS (SELECT 1 FROM auth.nickname_claims c WHERE c.user_id = u.id AND c.released_at IS NULL)`,
    );
    for (const user of unclaimed) {
      // Names that already clashed before keys existed keep their owners; only the first holds the key.
      await this.db.query(
        'INSERT INTO auth.nickname_claims (nickname_key, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [keyOf(user.nickname), user.id],
      );
    }
  }

  async setRole(nicknameOrEmail: string, role: Role) {
    const rows = await this.db.query(
      `UPDATE auth.users SET role = $2, updated_at = now()
       WHERE lower(nickname) = lower($1) OR email = lower($1) RETURNING id`,
      [nicknameOrEmail, role],
    );
    return rows.length > 0;
  }
}

function linkIdentity(tx: Queryable, userId: string, identity: ExternalIdentity) {
  return tx.query('INSERT INTO auth.identities (provider, subject, user_id, email) VALUES ($1, $2, $3, $4)', [
    identity.provider,
    identity.subject,
    userId,
    identity.email,
  ]);
}

export class SqlRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly db: Database) {}

  async insert(token: { hash: string; familyId: string; userId: string; expiresAt: Date }) {
    await this.db.query(
      'INSERT INTO auth.refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
      [token.hash, token.familyId, token.userId, token.expiresAt.toISOString()],
    );
  }

  async rotate(hash: string, client: string): Promise<RotationOutcome> {
    // The conditional UPDATE is the atomic step: only one caller can move rotated_at from NULL.
    const [rotated] = await this.db.query<{ user_id: string; family_id: string }>(
      `UPDATE auth.refresh_tokens SET rotated_at = now(), rotated_by = $2
       WHERE token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id, family_id`,
      [hash, client],
    );
    if (rotated) return { status: 'rotated', userId: rotated.user_id, familyId: rotated.family_id };
    const [existing] = await this.db.query<{
      family_id: string;
      expired: boolean;
      rotated_seconds_ago: number | string | null;
      rotated_by: string | null;
      successor_sealed: string | null;
      revoked: boolean;
    }>(
      `SELECT family_id, expires_at <= now() AS expired, rotated_by, successor_sealed,
              extract(epoch FROM now() - rotated_at) AS rotated_seconds_ago,
              revoked_at IS NOT NULL AS revoked
       FROM auth.refresh_tokens WHERE token_hash = $1`,
      [hash],
    );
    if (!existing) return { status: 'unknown' };
    // An ended sign-in stays ended, whichever of its tokens comes back.
    if (existing.revoked) return { status: 'revoked' };
    if (existing.rotated_seconds_ago !== null) {
      return {
        status: 'reused',
        familyId: existing.family_id,
        rotatedSecondsAgo: Number(existing.rotated_seconds_ago),
        rotatedBy: existing.rotated_by,
        successorSealed: existing.successor_sealed,
      };
    }
    return { status: 'expired' };
  }

  async saveSuccessor(hash: string, sealed: string) {
    await this.db.query('UPDATE auth.refresh_tokens SET successor_sealed = $2 WHERE token_hash = $1', [
      hash,
      sealed,
    ]);
  }

  async revokeFamily(familyId: string) {
    await this.db.query(
      'UPDATE auth.refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }

  async revokeAllOf(userId: string) {
    const rows = await this.db.query<{ family_id: string }>(
      `UPDATE auth.refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING family_id`,
      [userId],
    );
    return [...new Set(rows.map((row) => row.family_id))];
  }

  async familyOf(hash: string) {
    const [row] = await this.db.query<{ family_id: string }>(
      'SELECT family_id FROM auth.refresh_tokens WHERE token_hash = $1',
      [hash],
    );
    return row?.family_id;
  }
}

interface KeyRow {
  kid: string;
  algorithm: string;
  public_jwk: Record<string, unknown>;
  private_jwk: Record<string, unknown>;
  created_at: Date | string;
  activates_at: Date | string;
  retires_at: Date | string | null;
}

export class SqlSigningKeyRepository implements SigningKeyRepository {
  /** `db` runs the statements; it is the lock's transaction inside `withRotationLock`. */
  constructor(
    private readonly database: Database,
    private readonly db: Queryable = database,
  ) {}

  async listPublished(now: Date) {
    const rows = await this.db.query<KeyRow>(
      `SELECT * FROM auth.signing_keys WHERE retires_at IS NULL OR retires_at > $1 ORDER BY activates_at DESC`,
      [now.toISOString()],
    );
    return rows.map((row): SigningKeyRecord => ({
      kid: row.kid,
      algorithm: row.algorithm,
      publicJwk: row.public_jwk,
      privateJwk: row.private_jwk,
      createdAt: new Date(row.created_at),
      activatesAt: new Date(row.activates_at),
      retiresAt: row.retires_at === null ? null : new Date(row.retires_at),
    }));
  }

  async insert(key: SigningKeyRecord) {
    await this.db.query(
      `INSERT INTO auth.signing_keys (kid, algorithm, public_jwk, private_jwk, created_at, activates_at, retires_at)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6, $7)`,
      [
        key.kid,
        key.algorithm,
        JSON.stringify(key.publicJwk),
        JSON.stringify(key.privateJwk),
        key.createdAt.toISOString(),
        key.activatesAt.toISOString(),
        key.retiresAt?.toISOString() ?? null,
      ],
    );
  }

  async retireAllExcept(keepKid: string, at: Date) {
    await this.db.query(
      `UPDATE auth.signing_keys SET retires_at = $2
       WHERE kid <> $1 AND (retires_at IS NULL OR retires_at > $2)`,
      [keepKid, at.toISOString()],
    );
  }

  async withRotationLock<T>(work: (keys: SigningKeyRepository) => Promise<T>): Promise<T> {
    return this.database.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('auth:signing-key-rotation'))`);
      return work(new SqlSigningKeyRepository(this.database, tx));
    });
  }
}

export class SqlOidcRepository implements OidcRepository {
  constructor(private readonly db: Database) {}

  async saveAuthorization(stateHash: string, pending: PendingAuthorization, expiresAt: Date) {
    await this.db.query(
      `INSERT INTO auth.oidc_authorizations (state_hash, nonce, code_verifier, return_to, upgrade_user_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        stateHash,
        pending.nonce,
        pending.codeVerifier,
        pending.returnTo,
        pending.upgradeUserId,
        expiresAt.toISOString(),
      ],
    );
  }

  async takeAuthorization(stateHash: string) {
    const [row] = await this.db.query<{
      nonce: string;
      code_verifier: string;
      return_to: string;
      upgrade_user_id: string | null;
    }>(
      `DELETE FROM auth.oidc_authorizations WHERE state_hash = $1 AND expires_at > now()
       RETURNING nonce, code_verifier, return_to, upgrade_user_id`,
      [stateHash],
    );
    return (
      row && {
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        returnTo: row.return_to,
        upgradeUserId: row.upgrade_user_id,
      }
    );
  }

  async saveSecret(hash: string, purpose: OneTimePurpose, payload: unknown, expiresAt: Date) {
    await this.db.query(
      `INSERT INTO auth.one_time_secrets (secret_hash, purpose, payload, expires_at) VALUES ($1, $2, $3::jsonb, $4)`,
      [hash, purpose, JSON.stringify(payload), expiresAt.toISOString()],
    );
  }

  async takeSecret(hash: string, purpose: OneTimePurpose) {
    const [row] = await this.db.query<{ payload: unknown }>(
      `DELETE FROM auth.one_time_secrets WHERE secret_hash = $1 AND purpose = $2 AND expires_at > now()
       RETURNING payload`,
      [hash, purpose],
    );
    return row?.payload;
  }

  async peekSecret(hash: string, purpose: OneTimePurpose) {
    const [row] = await this.db.query<{ payload: unknown }>(
      `SELECT payload FROM auth.one_time_secrets WHERE secret_hash = $1 AND purpose = $2 AND expires_at > now()`,
      [hash, purpose],
    );
    return row?.payload;
  }
}

/** At most this many guests go per sweep, so that one sweep never holds many locks for long. */
const GUEST_EXPIRY_BATCH = 1000;

export class SqlGuestRepository implements GuestRepository {
  constructor(private readonly db: Database) {}

  async expireGuests({ inactiveDays, holdSeconds }: GuestExpiryPolicy) {
    // SKIP LOCKED: a second replica sweeping at the same moment takes other guests, or none.
    return this.db.transaction(async (tx) => {
      const gone = await tx.query<{ id: string }>(
        `DELETE FROM auth.users WHERE id IN (
           SELECT u.id FROM auth.users u
           WHERE u.role = 'GUEST' AND u.created_at < now() - make_interval(secs => $2)
             AND NOT EXISTS (
               SELECT 1 FROM auth.refresh_tokens r WHERE r.user_id = u.id
                 AND (r.created_at > now() - make_interval(secs => $2)
                   OR (r.rotated_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > now()
                       AND r.created_at > now() - make_interval(days => $1))))
           LIMIT ${GUEST_EXPIRY_BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [inactiveDays, holdSeconds],
      );
      if (gone.length === 0) return 0;
      await tx.query(
        `UPDATE auth.nickname_claims SET released_at = now() + make_interval(secs => $2)
         WHERE user_id = ANY($1::uuid[]) AND released_at IS NULL`,
        [gone.map((guest) => guest.id), holdSeconds],
      );
      return gone.length;
    });
  }

  async deleteDeadRecords() {
    const counts = await Promise.all([
      // A revoked token answers like an unknown one (REFRESH_INVALID); a rotated one is kept until it
      // expires, so that its reuse is still detected.
      this.db.query(
        `DELETE FROM auth.refresh_tokens
         WHERE expires_at <= now() OR revoked_at < now() - interval '1 day' RETURNING 1`,
      ),
      this.db.query('DELETE FROM auth.nickname_claims WHERE released_at <= now() RETURNING 1'),
      this.db.query('DELETE FROM auth.oidc_authorizations WHERE expires_at <= now() RETURNING 1'),
      this.db.query('DELETE FROM auth.one_time_secrets WHERE expires_at <= now() RETURNING 1'),
    ]);
    return counts.reduce((sum, rows) => sum + rows.length, 0);
  }
}
