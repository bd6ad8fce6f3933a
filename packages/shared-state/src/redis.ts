import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { adaptLimiter } from './rate-limiter.js';
import type { SharedState } from './shared-state.js';

export function connectRedisState(url: string, keyPrefix = 'corazy:'): SharedState {
  const redis = new Redis(url, {
    // Fail commands fast while disconnected rather than queueing them behind a dead server.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    lazyConnect: false,
    // Commands issued in the same tick (many requests' rate-limit checks) share one write to Redis.
    enableAutoPipelining: true,
  });
  redis.on('error', () => undefined);
  return {
    kind: 'redis',
    rateLimiter: ({ name, points, windowSeconds, blockSeconds }) =>
      adaptLimiter(
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${keyPrefix}rl:${name}`,
          points,
          duration: windowSeconds,
          blockDuration: blockSeconds ?? 0,
        }),
      ),
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
