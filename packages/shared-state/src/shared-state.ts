export interface RateDecision {
  allowed: boolean;
  /** Points left in the current window (0 when refused). */
  remaining: number;
  /** Points taken in the current window, this request's included (refused ones count too). */
  consumed: number;
  /** When refused: how long until a point frees up. */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes `points` from `key`'s budget for the window and says whether it was there to take. */
  consume(key: string, points?: number): Promise<RateDecision>;
  /** Points taken from `key` in the current window, without taking any. */
  consumed(key: string): Promise<{ points: number; resetInMs: number }>;
  reset(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  /** Namespaces the keys, e.g. `gateway:ip`. */
  name: string;
  /** Budget per window. */
  points: number;
  windowSeconds: number;
  /** Once the budget is spent, refuse for this long instead of until the window ends. */
  blockSeconds?: number;
}

/**
 * State that replicas of a service share. Backed by Redis in a deployment, or by process memory for
 * the embedded all-in-one platform, where there is one replica of everything.
 */
/** One fixed-window budget to take a point from: `points` per `windowSeconds` for `key`. */
export interface WindowCheck {
  key: string;
  points: number;
  windowSeconds: number;
}

export interface SharedState {
  readonly kind: 'redis' | 'memory';
  rateLimiter(options: RateLimiterOptions): RateLimiter;
  /**
   * Takes one point from each window at once (one round trip to Redis), for a hot path that checks
   * several budgets per request, such as the gateway's per-address and per-user limits.
   */
  consumeWindows(checks: readonly WindowCheck[]): Promise<RateDecision[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
