import { RateLimiterMemory } from 'rate-limiter-flexible';
import { adaptLimiter } from './rate-limiter.js';
import type { RateLimiter, SharedState } from './shared-state.js';

/** The in-process stand-in for Redis, for a platform that runs as one process. */
export function inProcessState(): SharedState {
  // As in Redis, limiters of the same name count against the same keys.
  const limiters = new Map<string, RateLimiter>();
  return {
    kind: 'memory',
    rateLimiter({ name, points, windowSeconds, blockSeconds }) {
      let limiter = limiters.get(name);
      if (!limiter) {
        limiter = adaptLimiter(
          new RateLimiterMemory({
            keyPrefix: name,
            points,
            duration: windowSeconds,
            blockDuration: blockSeconds ?? 0,
          }),
        );
        limiters.set(name, limiter);
      }
      return limiter;
    },
    async ping() {},
    async close() {},
  };
}
