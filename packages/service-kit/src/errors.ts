import { ERROR_STATUS, type ErrorCode } from '@corazy/contracts';
import type { z } from 'zod';

/**
 * An error meant for the caller: it reaches the client as `{ error: { code, message, details } }`
 * with the status its code travels with. Domain code throws these without knowing about HTTP.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError('VALIDATION_FAILED', message, details);
export const unauthenticated = (message = 'sign in first') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'not allowed') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** A 429 that says when to come back, in the body and as `Retry-After`. */
export const tooManyRequests = (
  retryAfterMs: number,
  code: ErrorCode = 'RATE_LIMITED',
  message = 'too many requests',
) =>
  new AppError(
    code,
    message,
    { retryAfterMs },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );

/** Validates `value` against `schema`, or throws a 400 listing every problem by path. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badRequest(
    'request is invalid',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
