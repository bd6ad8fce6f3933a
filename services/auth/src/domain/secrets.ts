import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A secret for the client (256 bits, base64url) and the hash we keep of it. */
export function newSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/** Secrets are long and random, so one round of SHA-256 suffices (no password-style stretching). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/**
 * Encrypts `plaintext` (AES-256-GCM) under a key derived from `secret`: only a holder of the secret
 * can open it, so storing the result next to the secret's hash reveals nothing.
 */
export function sealWith(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens what `sealWith` sealed with the same secret; undefined for another secret or altered bytes. */
export function openWith(secret: string, sealed: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

// A different derivation from hashSecret's, so the stored hash is never the key.
const sealingKey = (secret: string) => createHash('sha256').update('corazy-seal\0').update(secret).digest();
