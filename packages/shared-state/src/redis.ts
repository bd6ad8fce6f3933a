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
  // A connection in subscriber mode can run nothing else: pub/sub gets its own, opened on first use.
  let subscriber: Redis | undefined;
  const listeners = new Map<string, Set<(message: string) => void>>();
  const subscriberConnection = () => {
    if (!subscriber) {
      subscriber = redis.duplicate({ enableAutoPipelining: false });
      subscriber.on('error', () => undefined);
      subscriber.on('message', (channel: string, message: string) => {
        for (const listener of listeners.get(channel) ?? []) listener(message);
      });
    }
    return subscriber;
  };
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
    expiringSet(name) {
      // A sorted set scored by expiry: members past it are trimmed on each write and skipped on read.
      const key = `${keyPrefix}set:${name}`;
      return {
        async add(member, ttlSeconds) {
          const now = Date.now();
          const expiresAt = now + ttlSeconds * 1000;
          await redis
            .multi()
            .zremrangebyscore(key, '-inf', now)
            .zadd(key, 'GT', expiresAt, member)
            // The key outlives its longest-lived member, and no longer.
            .pexpireat(key, expiresAt, 'NX')
            .pexpireat(key, expiresAt, 'GT')
            .exec();
        },
        async remove(member) {
          await redis.zrem(key, member);
        },
        async live() {
          const reply = await redis.zrangebyscore(key, `(${Date.now()}`, '+inf', 'WITHSCORES');
          const members = new Map<string, number>();
          for (let i = 0; i < reply.length; i += 2) members.set(reply[i]!, Number(reply[i + 1]));
          return members;
        },
      };
    },
    async publish(channel, message) {
      await redis.publish(`${keyPrefix}${channel}`, message);
    },
    async subscribe(channel, listener) {
      const name = `${keyPrefix}${channel}`;
      let forChannel = listeners.get(name);
      if (!forChannel) {
        listeners.set(name, (forChannel = new Set()));
        await subscriberConnection().subscribe(name);
      }
      forChannel.add(listener);
      return async () => {
        forChannel.delete(listener);
        if (forChannel.size === 0 && listeners.get(name) === forChannel) {
          listeners.delete(name);
          await subscriber?.unsubscribe(name);
        }
      };
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await subscriber?.quit().catch(() => subscriber?.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
