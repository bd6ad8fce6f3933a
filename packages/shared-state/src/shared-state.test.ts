import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessState } from './memory.js';
import { connectRedisState } from './redis.js';
import type { SharedState } from './shared-state.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One contract, proven against real Redis and the in-process stand-in. */
describe.each<[string, () => SharedState]>([
  ['redis', () => connectRedisState(redisUrl, `test:${randomUUID()}:`)],
  ['memory', () => inProcessState()],
])('SharedState on %s', (_name, open) => {
  const state = open();
  afterAll(() => state.close());

  it('allows a budget of points per window, then refuses with the time to wait', async () => {
    const limiter = state.rateLimiter({ name: 'budget', points: 3, windowSeconds: 60 });
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('alice'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[2]?.remaining).toBe(0);
    expect(decisions[3]?.retryAfterMs).toBeGreaterThan(50_000);
    expect((await limiter.consume('bob')).allowed).toBe(true);
  });

  it('counts what was consumed and forgets it on reset', async () => {
    const limiter = state.rateLimiter({ name: 'count', points: 10, windowSeconds: 60 });
    await limiter.consume('carol', 4);
    expect((await limiter.consumed('carol')).points).toBe(4);
    await limiter.reset('carol');
    expect((await limiter.consumed('carol')).points).toBe(0);
  });

  it('blocks for the block duration once the budget is spent', async () => {
    const limiter = state.rateLimiter({ name: 'block', points: 1, windowSeconds: 1, blockSeconds: 120 });
    await limiter.consume('dave');
    const refused = await limiter.consume('dave');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(100_000);
  });

  it('shares one budget between two clients of the same store', async () => {
    const a = state.rateLimiter({ name: 'shared', points: 2, windowSeconds: 60 });
    const b = state.rateLimiter({ name: 'shared', points: 2, windowSeconds: 60 });
    expect((await a.consume('erin')).allowed).toBe(true);
    expect((await b.consume('erin')).allowed).toBe(true);
    expect((await a.consume('erin')).allowed).toBe(false);
  });

  it('takes a point from several windows at once, each with its own budget', async () => {
    const id = randomUUID();
    const checks = [
      { key: `address:${id}`, points: 3, windowSeconds: 60 },
      { key: `user:${id}`, points: 1, windowSeconds: 60 },
    ];
    const first = await state.consumeWindows(checks);
    expect(first.map((d) => d.allowed)).toEqual([true, true]);
    const second = await state.consumeWindows(checks);
    expect(second.map((d) => d.allowed)).toEqual([true, false]);
    expect(second[1]?.retryAfterMs).toBeGreaterThan(50_000);
    await state.consumeWindows(checks);
    const fourth = await state.consumeWindows(checks);
    expect(fourth.map((d) => [d.allowed, d.consumed])).toEqual([
      [false, 4],
      [false, 4],
    ]);
  });

  it('starts a new window when the last one has ended', async () => {
    const check = { key: `short:${randomUUID()}`, points: 1, windowSeconds: 1 };
    expect((await state.consumeWindows([check]))[0]?.allowed).toBe(true);
    expect((await state.consumeWindows([check]))[0]?.allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await state.consumeWindows([check]))[0]?.allowed).toBe(true);
  });

  it('answers a ping', async () => {
    await expect(state.ping()).resolves.toBeUndefined();
  });
});
