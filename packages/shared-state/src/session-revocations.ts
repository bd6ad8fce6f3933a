import type { SharedState } from './shared-state.js';

const REVOKED_SET = 'revoked-sessions';
const REVOKED_CHANNEL = 'sessions-revoked';

export interface RevocationFollowOptions {
  /**
   * How often the whole list is read again: the safety net for revocations published while this
   * process was cut off from the store (pub/sub does not replay them).
   */
  reloadMs?: number;
  /** Called once for each revocation learned, for acting on it (the relay closes that session's sockets). */
  onRevoked?: (sessionId: string) => void;
  onError?: (error: unknown) => void;
}

/**
 * Ended sign-ins (sessions, by the `sid` of their access tokens), shared by every service. The auth
 * service revokes; the gateway and the relay follow: each keeps the list in memory, learns new
 * entries by pub/sub, and so answers `isRevoked` without a round trip. An entry lives as long as the
 * longest-lived access token that can carry its `sid`.
 */
export class SessionRevocations {
  private readonly revoked = new Map<string, number>();

  constructor(private readonly state: SharedState) {}

  /** Ends these sessions' access tokens everywhere, for `ttlSeconds` (their longest remaining life). */
  async revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<void> {
    const set = this.state.expiringSet(REVOKED_SET);
    for (const sessionId of sessionIds) {
      await set.add(sessionId, ttlSeconds);
      this.remember(sessionId, Date.now() + ttlSeconds * 1000);
      await this.state.publish(REVOKED_CHANNEL, JSON.stringify({ sessionId, ttlSeconds }));
    }
  }

  isRevoked(sessionId: string | undefined): boolean {
    if (sessionId === undefined) return false;
    const expiresAt = this.revoked.get(sessionId);
    if (expiresAt === undefined) return false;
    if (expiresAt > Date.now()) return true;
    this.revoked.delete(sessionId);
    return false;
  }

  /** Subscribes, then loads the whole list; resolves to a function that stops following. */
  async follow(options: RevocationFollowOptions = {}): Promise<() => Promise<void>> {
    const { onRevoked, onError = () => undefined, reloadMs = 30_000 } = options;
    const learn = (sessionId: string, expiresAt: number) => {
      const known = this.revoked.has(sessionId);
      this.remember(sessionId, expiresAt);
      if (!known) onRevoked?.(sessionId);
    };
    // Subscribing before loading leaves no gap in which a revocation could be missed by both.
    const unsubscribe = await this.state.subscribe(REVOKED_CHANNEL, (message) => {
      try {
        const { sessionId, ttlSeconds } = JSON.parse(message) as { sessionId: string; ttlSeconds: number };
        learn(sessionId, Date.now() + ttlSeconds * 1000);
      } catch (error) {
        onError(error);
      }
    });
    const reload = async () => {
      this.forgetExpired();
      try {
        for (const [sessionId, expiresAt] of await this.state.expiringSet(REVOKED_SET).live())
          learn(sessionId, expiresAt);
      } catch (error) {
        onError(error);
      }
    };
    await reload();
    const timer = setInterval(() => void reload(), reloadMs);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await unsubscribe();
    };
  }

  private forgetExpired() {
    const now = Date.now();
    for (const [sessionId, expiresAt] of this.revoked) if (expiresAt <= now) this.revoked.delete(sessionId);
  }

  private remember(sessionId: string, expiresAt: number) {
    this.revoked.set(sessionId, Math.max(expiresAt, this.revoked.get(sessionId) ?? 0));
  }
}
