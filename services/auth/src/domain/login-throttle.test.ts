import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '@corazy/service-kit';
import { connectRedisState, inProcessState, type SharedState } from '@corazy/shared-state';
import { LoginThrottle } from './login-throttle.js';

const policy = {
  slowAfter: 2,
  lockAfter: 5,
  lockAfterPerAddress: 8,
  windowSeconds: 60,
  lockSeconds: 120,
  baseDelayMs: 100,
};

describe.each<[string, () => SharedState]>([
  [
    'redis',
    () => connectRedisState(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', `test:${randomUUID()}:`),
  ],
  ['memory', () => inProcessState()],
])('LoginThrottle on %s', (_name, open) => {
  const state = open();
  afterAll(() => state.close());

  it('answers the first failures at once, then ever more slowly, doubling', async () => {
    const throttle = new LoginThrottle(state, policy);
    const delays = [];
    for (let i = 0; i < 4; i++) delays.push(await throttle.recordFailure('slow@example.com', '10.0.0.1'));
    expect(delays).toEqual([0, 0, 100, 200]);
  });

  it('locks an account at its failure limit, whatever the address, until the lock expires', async () => {
    const throttle = new LoginThrottle(state, policy);
    for (let i = 0; i < 5; i++) await throttle.recordFailure('locked@example.com', `10.0.1.${i}`);
    const refusal = await throttle
      .assertNotLocked('locked@example.com', '10.0.9.9')
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'LOGIN_LOCKED', status: 429 });
    expect(Number((refusal as AppError).headers['retry-after'])).toBeGreaterThan(60);
  });

  it('locks an address that fails across many accounts', async () => {
    const throttle = new LoginThrottle(state, policy);
    for (let i = 0; i < 8; i++) await throttle.recordFailure(`spray${i}@example.com`, '10.0.2.1');
    await expect(throttle.assertNotLocked('fresh@example.com', '10.0.2.1')).rejects.toMatchObject({
      code: 'LOGIN_LOCKED',
    });
    await expect(throttle.assertNotLocked('fresh@example.com', '10.0.2.2')).resolves.toBeUndefined();
  });

  it("forgets an account's failures once it signs in", async () => {
    const throttle = new LoginThrottle(state, policy);
    for (let i = 0; i < 4; i++) await throttle.recordFailure('forgiven@example.com', '10.0.3.1');
    await throttle.recordSuccess('forgiven@example.com');
    expect(await throttle.recordFailure('forgiven@example.com', '10.0.3.1')).toBe(0);
  });
});
