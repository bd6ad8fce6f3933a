import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { adaptLimiter } from './rate-limiter.js';
import type { SharedState } from './shared-state.js';
import { windowDecision } from './windows.js';

/**
 * For each key: count this request, start the window on its first request, and return the count
 * and the time left in the window. Atomic per call, so replicas never interleave inside it.
 */
const CONSUME_WINDOWS = `
local result = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[i]) end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then redis.call('PEXPIRE', key, ARGV[i]); ttl = tonumber(ARGV[i]) end
  result[#result + 1] = count
  result[#result + 1] = ttl
end
return result`;

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
    async consumeWindows(checks) {
      const keys = checks.map((check) => `${keyPrefix}win:${check.key}`);
      const windows = checks.map((check) => String(check.windowSeconds * 1000));
      const reply = (await redis.eval(CONSUME_WINDOWS, keys.length, ...keys, ...windows)) as number[];
      return checks.map((check, i) => windowDecision(check.points, reply[i * 2]!, reply[i * 2 + 1]!));
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
