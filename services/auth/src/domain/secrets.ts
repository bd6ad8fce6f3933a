import { createHash, randomBytes } from 'node:crypto';

/** A secret for the client (256 bits, base64url) and the hash we keep of it. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** Secrets are long and random, so one round of SHA-256 suffices (no password-style stretching). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
