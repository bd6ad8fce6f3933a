import { z } from 'zod';

/**
 * Every machine-readable error code the platform answers with. Clients switch on these, so a code,
 * once shipped, keeps its meaning.
 */
export const ErrorCode = z.enum([
  // generic
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  // identity
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  /** The sign-in the token belongs to has ended (logout, sign-out everywhere, a stolen refresh token). */
  'TOKEN_REVOKED',
  'FORBIDDEN',
  // auth
  'NICKNAME_TAKEN',
  'NICKNAME_RESERVED',
  'EMAIL_TAKEN',
  'IDENTITY_TAKEN',
  'NOT_A_GUEST',
  'INVALID_CREDENTIALS',
  'LOGIN_LOCKED',
  'REFRESH_INVALID',
  'REFRESH_EXPIRED',
  'REFRESH_REUSED',
  'SIGNUP_TOKEN_INVALID',
  'OIDC_NOT_CONFIGURED',
  'OIDC_STATE_INVALID',
  'OIDC_FAILED',
  // compile
  'LANGUAGE_UNSUPPORTED',
  'QUEUE_LIMIT_REACHED',
  'ALREADY_EXISTS',
  // relay
  'ROOM_FULL',
  'ROOM_NOT_JOINABLE',
  'ALREADY_IN_ROOM',
  'NOT_IN_ROOM',
  'NOT_HOST',
  'NOT_YOUR_TURN',
  'WRONG_PHASE',
  'STALE_VERSION',
  'START_CONDITIONS_UNMET',
  'JUDGING_IN_PROGRESS',
  'CHAT_DISABLED',
  'DICTATION_REJECTED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The HTTP status each code travels with, so that every service answers a code the same way. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  UPSTREAM_UNAVAILABLE: 502,
  UPSTREAM_TIMEOUT: 504,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  FORBIDDEN: 403,
  NICKNAME_TAKEN: 409,
  NICKNAME_RESERVED: 422,
  EMAIL_TAKEN: 409,
  IDENTITY_TAKEN: 409,
  NOT_A_GUEST: 409,
  INVALID_CREDENTIALS: 401,
  LOGIN_LOCKED: 429,
  REFRESH_INVALID: 401,
  REFRESH_EXPIRED: 401,
  REFRESH_REUSED: 401,
  SIGNUP_TOKEN_INVALID: 400,
  OIDC_NOT_CONFIGURED: 503,
  OIDC_STATE_INVALID: 400,
  OIDC_FAILED: 502,
  LANGUAGE_UNSUPPORTED: 400,
  QUEUE_LIMIT_REACHED: 429,
  ALREADY_EXISTS: 409,
  ROOM_FULL: 409,
  ROOM_NOT_JOINABLE: 409,
  ALREADY_IN_ROOM: 409,
  NOT_IN_ROOM: 403,
  NOT_HOST: 403,
  NOT_YOUR_TURN: 409,
  WRONG_PHASE: 409,
  STALE_VERSION: 409,
  START_CONDITIONS_UNMET: 409,
  JUDGING_IN_PROGRESS: 409,
  CHAT_DISABLED: 409,
  DICTATION_REJECTED: 422,
};

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
