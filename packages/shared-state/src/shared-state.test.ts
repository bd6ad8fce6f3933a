import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessState } from './memory.js';
import { connectRedisState } from './redis.js';
import { SessionRevocations } from './session-revocations.js';
import type { SharedState } from './shared-state.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * One contract, proven against real Redis and the in-process stand-in. `peer` is a second client of
 * the same store, as another process (a second Redis connection; the same memory in one process).
 */
describe.each<[string, () => { state: SharedState; peer: SharedState }]>([
  [
    'redis',
    () => {
      const prefix = `test:${randomUUID()}:`;
      return { state: connectRedisState(redisUrl, prefix), peer: connectRedisState(redisUrl, prefix) };
    },
  ],
  [
    'memory',
    () => {
      const state = inProcessState();
      return { state, peer: state };
    },
  ],
])('SharedState on %s', (_name, open) => {
  const { state, peer } = open();
  afterAll(async () => {
    await state.close();
    await peer.close();
  });

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

  it('takes refunded points back, so a refused action leaves the budget as it was', async () => {
    const limiter = state.rateLimiter({ name: 'refund', points: 2, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) {
      expect((await limiter.consume('erin')).allowed).toBe(true);
      await limiter.refund('erin');
    }
    expect((await limiter.consumed('erin')).points).toBe(0);
    expect((await limiter.consume('erin')).allowed).toBe(true);
    expect((await limiter.consume('erin')).allowed).toBe(true);
    expect((await limiter.consume('erin')).allowed).toBe(false);
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

  it('keeps each member of an expiring set until its own expiry, for every client', async () => {
    const name = `set:${randomUUID()}`;
    await state.expiringSet(name).add('short', 1);
    await state.expiringSet(name).add('long', 60);
    const live = await peer.expiringSet(name).live();
    expect([...live.keys()].sort()).toEqual(['long', 'short']);
    expect(live.get('long')).toBeGreaterThan(Date.now() + 50_000);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect([...(await peer.expiringSet(name).live()).keys()]).toEqual(['long']);
    await peer.expiringSet(name).remove('long');
    expect((await state.expiringSet(name).live()).size).toBe(0);
  });

  it('delivers a published message to every subscriber of its channel, and no other', async () => {
    const channel = `channel:${randomUUID()}`;
    const heard: string[] = [];
    const unsubscribe = await peer.subscribe(channel, (message) => heard.push(`peer:${message}`));
    const unsubscribeOwn = await state.subscribe(channel, (message) => heard.push(`own:${message}`));
    const other: string[] = [];
    const unsubscribeOther = await peer.subscribe(`${channel}:other`, (message) => other.push(message));
    await state.publish(channel, 'hello');
    await until(() => heard.length === 2);
    expect(heard.sort()).toEqual(['own:hello', 'peer:hello']);
    await unsubscribe();
    await state.publish(channel, 'again');
    await until(() => heard.length === 3);
    expect(heard).toContain('own:again');
    expect(heard).not.toContain('peer:again');
    expect(other).toEqual([]);
    await unsubscribeOwn();
    await unsubscribeOther();
  });

  it('tells a follower of session revocations at once, and one that starts later from the list', async () => {
    const early = new SessionRevocations(peer);
    const announced: string[] = [];
    const stop = await early.follow({ onRevoked: (sessionId) => announced.push(sessionId) });
    const sessionId = randomUUID();
    expect(early.isRevoked(sessionId)).toBe(false);
    await new SessionRevocations(state).revoke([sessionId], 60);
    await until(() => early.isRevoked(sessionId));
    expect(announced).toEqual([sessionId]);

    const late = new SessionRevocations(peer);
    const stopLate = await late.follow();
    expect(late.isRevoked(sessionId)).toBe(true);
    expect(late.isRevoked(randomUUID())).toBe(false);
    expect(late.isRevoked(undefined)).toBe(false);
    await stop();
    await stopLate();
  });

  it('forgets a revocation once the tokens it ended have expired', async () => {
    const follower = new SessionRevocations(peer);
    const stop = await follower.follow();
    const sessionId = randomUUID();
    await new SessionRevocations(state).revoke([sessionId], 1);
    await until(() => follower.isRevoked(sessionId));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(follower.isRevoked(sessionId)).toBe(false);
    await stop();
  });

  it('answers a ping', async () => {
    await expect(state.ping()).resolves.toBeUndefined();
  });
});
