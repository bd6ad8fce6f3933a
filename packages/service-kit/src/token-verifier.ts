import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, AccessTokenClaims } from '@corazy/contracts';
import { AppError } from './errors.js';
import type { Identity } from './identity.js';

export interface TokenVerifierOptions {
  jwksUrl: string;
  issuer: string;
  cooldownMs: number;
  /**
   * Ended sign-ins (SessionRevocations in @corazy/shared-state): a token of one is refused
   * (401 TOKEN_REVOKED) however valid its signature.
   */
  revocations?: { isRevoked(sessionId: string | undefined): boolean };
}

/**
 * Verifies access tokens against the auth service's published keys: the gateway for every request,
 * the relay for a token renewed over an open socket. The key set is cached; a token
 * with a `kid` the cache lacks triggers one refetch (at most one per cooldown), which is how a rotated-in
 * key is learned. Only EdDSA is accepted, so `alg: none` and HS256-with-the-public-key forgeries fail
 * before any key is consulted.
 */
export class TokenVerifier {
  private readonly keys;
  /**
   * Tokens already verified, until they expire. A client sends the same token for up to 15 minutes,
   * and an Ed25519 verification costs far more than the rest of a proxied request; a changed byte
   * makes a different key, so only the exact token verified before is ever served from here.
   */
  private readonly verified = new Map<string, { identity: Identity; expiresAtMs: number }>();

  constructor(private readonly options: TokenVerifierOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl), {
      cacheMaxAge: 5 * 60_000,
      cooldownDuration: options.cooldownMs,
      timeoutDuration: 5_000,
    });
  }

  async verify(token: string): Promise<Identity> {
    const identity = await this.verifySignedClaims(token);
    if (this.options.revocations?.isRevoked(identity.sessionId))
      throw new AppError('TOKEN_REVOKED', 'this sign-in has ended; sign in again');
    return identity;
  }

  private async verifySignedClaims(token: string): Promise<Identity> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAtMs > Date.now()) return cached.identity;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: ['EdDSA'],
        issuer: this.options.issuer,
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: 'at+jwt',
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const claims = AccessTokenClaims.safeParse(payload);
      if (!claims.success) throw new AppError('TOKEN_INVALID', 'access token claims are malformed');
      const identity: Identity = {
        userId: claims.data.sub,
        nickname: claims.data.nickname,
        role: claims.data.role,
        ...(claims.data.sid && { sessionId: claims.data.sid }),
        expiresAt: payload.exp!,
      };
      this.remember(token, identity, payload.exp! * 1000);
      return identity;
    } catch (error) {
      throw toAppError(error);
    }
  }

  private remember(token: string, identity: Identity, expiresAtMs: number) {
    if (this.verified.size >= CACHE_LIMIT) {
      // Maps iterate in insertion order: drop the oldest entry.
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, { identity, expiresAtMs });
  }
}

const CACHE_LIMIT = 10_000;

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired)
    return new AppError('TOKEN_EXPIRED', 'access token expired; refresh it');
  if (error instanceof errors.JWKSTimeout || isFetchFailure(error)) {
    return new AppError('SERVICE_UNAVAILABLE', 'cannot verify access tokens right now');
  }
  return new AppError('TOKEN_INVALID', 'access token is not valid');
}

function isFetchFailure(error: unknown): boolean {
  return (
    error instanceof TypeError || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  );
}
