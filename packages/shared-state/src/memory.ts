import { EventEmitter } from 'node:events';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { adaptLimiter } from './rate-limiter.js';
import { windowDecision } from './windows.js';
import type { RateLimiter, SharedState } from './shared-state.js';

/** The in-process stand-in for Redis, for a platform that runs as one process. */
export function inProcessState(): SharedState {
  // As in Redis, limiters of the same name count against the same keys.
  const limiters = new Map<string, RateLimiter>();
  const windows = new Map<string, { count: number; resetAt: number }>();
  const sets = new Map<string, Map<string, number>>();
  const channels = new EventEmitter().setMaxListeners(0);
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
    async consumeWindows(checks) {
      const now = Date.now();
      return checks.map((check) => {
        let window = windows.get(check.key);
        if (!window || window.resetAt <= now) {
          window = { count: 0, resetAt: now + check.windowSeconds * 1000 };
          windows.set(check.key, window);
        }
        window.count += 1;
        return windowDecision(check.points, window.count, window.resetAt - now);
      });
    },
    expiringSet(name) {
      let members = sets.get(name);
      if (!members) sets.set(name, (members = new Map<string, number>()));
      const set = members;
      return {
        async add(member, ttlSeconds) {
          set.set(member, Date.now() + ttlSeconds * 1000);
        },
        async remove(member) {
          set.delete(member);
        },
        async live() {
          const now = Date.now();
          for (const [member, expiresAt] of set) if (expiresAt <= now) set.delete(member);
          return new Map(set);
        },
      };
    },
    async publish(channel, message) {
      // Asynchronous, as over Redis: a publisher never runs its subscribers inside its own call.
      setImmediate(() => channels.emit(channel, message));
    },
    async subscribe(channel, listener) {
      channels.on(channel, listener);
      return async () => {
        channels.off(channel, listener);
      };
    },
    async ping() {},
    async close() {},
  };
}
