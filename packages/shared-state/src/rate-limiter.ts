import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimiter } from './shared-state.js';

/** Adapts a rate-limiter-flexible limiter (Redis or memory) to our interface. */
export function adaptLimiter(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key, points = 1) {
      try {
        const result = await limiter.consume(key, points);
        return {
          allowed: true,
          remaining: result.remainingPoints,
          consumed: result.consumedPoints,
          retryAfterMs: 0,
        };
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when the budget is spent, and with an Error when
        // the store fails; only the first is a decision.
        if (rejection instanceof RateLimiterRes) {
          return {
            allowed: false,
            remaining: 0,
            consumed: rejection.consumedPoints,
            retryAfterMs: Math.max(1, rejection.msBeforeNext),
          };
        }
        throw rejection;
      }
    },
    async refund(key, points = 1) {
      await limiter.reward(key, points);
    },
    async consumed(key) {
      const result = await limiter.get(key);
      return result
        ? { points: result.consumedPoints, resetInMs: result.msBeforeNext }
        : { points: 0, resetInMs: 0 };
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
