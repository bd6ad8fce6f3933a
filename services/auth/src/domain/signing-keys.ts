import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { SigningKeyRecord, SigningKeyRepository } from './ports.js';

export const SIGNING_ALGORITHM = 'EdDSA';

export interface KeyRingOptions {
  accessTokenTtlSeconds: number;
  /** Rotate a key once it has signed for this long; 0 never rotates on its own. */
  rotationDays: number;
  /**
   * How long a new key is published before it signs, so that every verifier's JWKS cache holds it by
   * the time the first token signed with it arrives.
   */
  activationDelaySeconds?: number;
  /** How often a replica re-reads the keys, to follow rotations made elsewhere. */
  reloadSeconds?: number;
  now?: () => Date;
}

/**
 * The access-token signing keys: which one signs now, which ones the JWKS publishes, and rotation
 * with an overlap (old and new keys published together) so that no valid token stops verifying.
 */
export class KeyRing {
  private published: SigningKeyRecord[] = [];
  private loadedAt = 0;
  private readonly privateKeys = new Map<string, Promise<CryptoKey>>();
  private readonly now: () => Date;

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly options: KeyRingOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Makes sure a key can sign now, and rotates one that has signed for longer than the rotation age. */
  async ensureCurrent(): Promise<void> {
    await this.keys.withRotationLock(async (keys) => {
      const now = this.now();
      const published = await keys.listPublished(now);
      const active = published.filter((key) => key.activatesAt <= now);
      const pending = published.some((key) => key.activatesAt > now);
      if (active.length === 0) {
        await this.createKey(keys, now, 0);
      } else if (this.options.rotationDays > 0 && !pending) {
        const newest = active[0]!;
        const ageMs = now.getTime() - newest.activatesAt.getTime();
        if (ageMs > this.options.rotationDays * 86_400_000)
          await this.createKey(keys, now, this.activationDelayMs());
      }
    });
    await this.reload();
  }

  /** Publishes a new key now; it signs after the activation delay, and the others retire after it. */
  async rotate(): Promise<SigningKeyRecord> {
    const key = await this.keys.withRotationLock((keys) =>
      this.createKey(keys, this.now(), this.activationDelayMs()),
    );
    await this.reload();
    return key;
  }

  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    await this.reloadIfStale();
    const now = this.now();
    const current = this.published.find((key) => key.activatesAt <= now);
    if (!current) throw new Error('no signing key is active');
    let key = this.privateKeys.get(current.kid);
    if (!key) {
      key = importJWK(current.privateJwk as JWK, SIGNING_ALGORITHM) as Promise<CryptoKey>;
      this.privateKeys.set(current.kid, key);
    }
    return { kid: current.kid, key: await key };
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.reloadIfStale();
    return {
      keys: this.published.map((key) => ({
        ...(key.publicJwk as JWK),
        kid: key.kid,
        alg: key.algorithm,
        use: 'sig',
      })),
    };
  }

  private activationDelayMs() {
    return (this.options.activationDelaySeconds ?? 600) * 1000;
  }

  private async createKey(keys: SigningKeyRepository, now: Date, delayMs: number): Promise<SigningKeyRecord> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const activatesAt = new Date(now.getTime() + delayMs);
    const record: SigningKeyRecord = {
      kid: `${activatesAt.toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: await exportJWK(publicKey),
      privateJwk: await exportJWK(privateKey),
      createdAt: now,
      activatesAt,
      retiresAt: null,
    };
    await keys.insert(record);
    // Old keys sign until the new one activates; their last tokens live one TTL more, plus clock skew.
    const retireAt = new Date(activatesAt.getTime() + (this.options.accessTokenTtlSeconds + 60) * 1000);
    await keys.retireAllExcept(record.kid, retireAt);
    return record;
  }

  private async reloadIfStale() {
    if (Date.now() - this.loadedAt >= (this.options.reloadSeconds ?? 60) * 1000) await this.reload();
  }

  private async reload() {
    this.published = await this.keys.listPublished(this.now());
    this.loadedAt = Date.now();
  }
}
