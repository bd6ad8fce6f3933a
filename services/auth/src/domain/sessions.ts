import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, type Session } from '@corazy/contracts';
import { AppError } from '@corazy/service-kit';
import type { RefreshTokenRepository, UserRecord, UserRepository } from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import { SIGNING_ALGORITHM, type KeyRing } from './signing-keys.js';

export interface SessionOptions {
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

/** Issues access + refresh token pairs, and rotates refresh tokens with reuse detection. */
export class Sessions {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly options: SessionOptions,
  ) {}

  /** A new sign-in starts a new refresh-token family; a rotation continues its family. */
  async issue(user: UserRecord, familyId: string = randomUUID()): Promise<Session> {
    const { kid, key } = await this.keyRing.signingKey();
    const accessToken = await new SignJWT({ nickname: user.nickname, role: user.role })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(user.id)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.options.accessTokenTtlSeconds}s`)
      .sign(key);
    const refresh = newSecret();
    await this.refreshTokens.insert({
      hash: refresh.hash,
      familyId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.options.refreshTokenTtlDays * 86_400_000),
    });
    return {
      accessToken,
      refreshToken: refresh.secret,
      expiresIn: this.options.accessTokenTtlSeconds,
      user: publicUser(user),
    };
  }

  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.refreshTokens.rotate(hashSecret(refreshToken));
    switch (outcome.status) {
      case 'unknown':
        throw new AppError('REFRESH_INVALID', 'refresh token is not valid');
      case 'revoked':
        throw new AppError('REFRESH_INVALID', 'this sign-in has ended; sign in again');
      case 'expired':
        throw new AppError('REFRESH_EXPIRED', 'refresh token expired; sign in again');
      case 'reused':
        // A rotated token came back: it was stolen or replayed. End the whole sign-in.
        await this.refreshTokens.revokeFamily(outcome.familyId);
        throw new AppError('REFRESH_REUSED', 'refresh token was already used; signed out everywhere it was');
      case 'rotated': {
        const user = await this.users.findById(outcome.userId);
        if (!user) throw new AppError('REFRESH_INVALID', 'refresh token is not valid');
        return this.issue(user, outcome.familyId);
      }
    }
  }

  /** Ends the sign-in the token belongs to. Unknown tokens are ignored: logging out is idempotent. */
  async revoke(refreshToken: string): Promise<void> {
    const familyId = await this.refreshTokens.familyOf(hashSecret(refreshToken));
    if (familyId) await this.refreshTokens.revokeFamily(familyId);
  }
}

export function publicUser(user: UserRecord): Session['user'] {
  return {
    id: user.id,
    nickname: user.nickname,
    role: user.role,
    email: user.email,
    createdAt: user.createdAt,
  };
}
