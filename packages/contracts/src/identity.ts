import { z } from 'zod';

export const Role = z.enum(['GUEST', 'USER', 'ADMIN']);
export type Role = z.infer<typeof Role>;

/**
 * Headers the gateway sets after verifying the access token. Services behind the gateway trust them
 * and nothing else; the gateway strips any client-sent `X-User-*` header first.
 */
export const IdentityHeader = {
  userId: 'x-user-id',
  nickname: 'x-user-nickname',
  role: 'x-user-role',
  /** The token's `sid` (its sign-in), when it has one: the relay ends that session's sockets at logout. */
  sessionId: 'x-user-session',
  /** The token's `exp`, in seconds since the epoch: the relay ends a socket whose token expired. */
  expiresAt: 'x-user-expires-at',
} as const;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Claims of an access token beyond the registered ones (`sub` is the user id). */
export const AccessTokenClaims = z.object({
  sub: z.uuid(),
  nickname: z.string(),
  role: Role,
  /** The sign-in (session) the token belongs to; logout revokes every access token of it. */
  sid: z.uuid().optional(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

export const ACCESS_TOKEN_AUDIENCE = 'corazy-arcade';
