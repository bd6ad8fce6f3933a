import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, Session } from '@corazy/contracts';
import { AppError } from '@corazy/service-kit';
import type { RefreshTokenRepository, SessionRevoker, UserRecord, UserRepository } from './ports.js';
import { hashSecret, newSecret, openWith, sealWith } from './secrets.js';
import { SIGNING_ALGORITHM, type KeyRing } from './signing-keys.js';

export interface SessionOptions {
  issuer: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** How long a rotated refresh token, presented again by the client that rotated it, gets the same pair. */
  refreshGraceSeconds: number;
}

/** How long a grace-window retry waits for a concurrent rotation to store the pair it issued. */
const SUCCESSOR_WAIT_MS = 3_000;
const SUCCESSOR_POLL_MS = 25;

/** Issues access + refresh token pairs, and rotates refresh tokens with reuse detection. */
export class Sessions {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly revocations: SessionRevoker,
    private readonly options: SessionOptions,
  ) {}

  /** A new sign-in starts a new refresh-token family; a rotation continues its family. */
  async issue(user: UserRecord, familyId: string = randomUUID()): Promise<Session> {
    const { kid, key } = await this.keyRing.signingKey();
    // `sid` names the sign-in (the refresh-token family), which logout revokes at the gateway.
    const accessToken = await new SignJWT({ nickname: user.nickname, role: user.role, sid: familyId })
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

  /**
   * Trades a refresh token for a new pair. `client` fingerprints the caller (see clientFingerprint):
   * the same client presenting a just-rotated token again (a retry, a second tab) within the grace
   * window gets the pair that rotation issued; anyone else, or later, is a reuse.
   */
  async refresh(refreshToken: string, client: string): Promise<Session> {
    const hash = hashSecret(refreshToken);
    let outcome = await this.refreshTokens.rotate(hash, client);
    const deadline = Date.now() + SUCCESSOR_WAIT_MS;
    // The concurrent rotation that won may still be signing its pair: wait for it to be stored.
    while (
      outcome.status === 'reused' &&
      this.withinGrace(outcome, client) &&
      outcome.successorSealed === null &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, SUCCESSOR_POLL_MS));
      outcome = await this.refreshTokens.rotate(hash, client);
    }
    switch (outcome.status) {
      case 'unknown':
        throw new AppError('REFRESH_INVALID', 'refresh token is not valid');
      case 'revoked':
        throw new AppError('REFRESH_INVALID', 'this sign-in has ended; sign in again');
      case 'expired':
        throw new AppError('REFRESH_EXPIRED', 'refresh token expired; sign in again');
      case 'reused': {
        if (this.withinGrace(outcome, client) && outcome.successorSealed !== null) {
          const successor = openWith(refreshToken, outcome.successorSealed);
          if (successor !== undefined) return Session.parse(JSON.parse(successor));
        }
        // A rotated token came back from elsewhere or too late: it was stolen or replayed. End the sign-in.
        await this.end([outcome.familyId]);
        throw new AppError('REFRESH_REUSED', 'refresh token was already used; signed out everywhere it was');
      }
      case 'rotated': {
        const user = await this.users.findById(outcome.userId);
        if (!user) throw new AppError('REFRESH_INVALID', 'refresh token is not valid');
        const session = await this.issue(user, outcome.familyId);
        if (this.options.refreshGraceSeconds > 0)
          await this.refreshTokens.saveSuccessor(hash, sealWith(refreshToken, JSON.stringify(session)));
        return session;
      }
    }
  }

  private withinGrace(outcome: { rotatedBy: string | null; rotatedSecondsAgo: number }, client: string) {
    return outcome.rotatedBy === client && outcome.rotatedSecondsAgo <= this.options.refreshGraceSeconds;
  }

  /** Ends the sign-in the token belongs to. Unknown tokens are ignored: logging out is idempotent. */
  async revoke(refreshToken: string): Promise<void> {
    const familyId = await this.refreshTokens.familyOf(hashSecret(refreshToken));
    if (familyId) await this.end([familyId]);
  }

  /** Signs the user out everywhere: every sign-in, and the access tokens of each. */
  async revokeAll(userId: string): Promise<void> {
    await this.revocations.revoke(await this.refreshTokens.revokeAllOf(userId), this.revocationTtlSeconds());
  }

  /** Ends sign-ins: their refresh tokens, then (announced to the gateway and relay) their access tokens. */
  private async end(familyIds: string[]) {
    for (const familyId of familyIds) await this.refreshTokens.revokeFamily(familyId);
    await this.revocations.revoke(familyIds, this.revocationTtlSeconds());
  }

  /** As long as an access token issued just now can live, with a minute for clock skew. */
  private revocationTtlSeconds() {
    return this.options.accessTokenTtlSeconds + 60;
  }
}

/**
 * "The same client" for the refresh grace window: its address and user agent, hashed. A retry or a
 * second tab of one browser matches; a thief replaying a stolen token from elsewhere does not.
 */
export function clientFingerprint(address: string, userAgent: string | undefined): string {
  return hashSecret(`${address}\n${userAgent ?? ''}`);
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
