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
  /** Gives back points taken for something that was then refused, so that only what was done counts. */
  refund(key: string, points?: number): Promise<void>;
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

export interface ExpiringSet {
  /** Adds `member` (or extends its life) for `ttlSeconds`. */
  add(member: string, ttlSeconds: number): Promise<void>;
  remove(member: string): Promise<void>;
  /** The members still alive, each with when it expires (ms since the epoch). */
  live(): Promise<Map<string, number>>;
}

export interface SharedState {
  readonly kind: 'redis' | 'memory';
  rateLimiter(options: RateLimiterOptions): RateLimiter;
  /**
   * Takes one point from each window at once (one round trip to Redis), for a hot path that checks
   * several budgets per request, such as the gateway's per-address and per-user limits.
   */
  consumeWindows(checks: readonly WindowCheck[]): Promise<RateDecision[]>;
  /** Members that each expire on their own, such as ended sessions (see SessionRevocations). */
  expiringSet(name: string): ExpiringSet;
  /** Sends `message` to every subscriber of `channel` in every process sharing the store. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `listener` with each message published on `channel` from now on (at most once; a message
   * published while a subscriber is cut off from the store is lost to it). Resolves once subscribed,
   * to a function that unsubscribes.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
