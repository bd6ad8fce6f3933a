import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Session } from '@corazy/contracts';
import { createTestDatabase } from '@corazy/database';
import { testRedisUrl } from '@corazy/auth/testing';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';

/**
 * Real replicas as separate processes: two auth services on one database and two gateways on one
 * Redis, each gateway in front of a different auth replica.
 */
let database: { url: string; drop: () => Promise<void> };
const auths: ServiceProcess[] = [];
const gateways: ServiceProcess[] = [];
const RATE_LIMIT = 8;

beforeAll(async () => {
  database = await createTestDatabase('replicas');
  const redisPrefix = `test:${randomUUID()}:`;
  for (let i = 0; i < 2; i++) {
    auths.push(
      await spawnService('auth', await freePort(), {
        DATABASE_URL: database.url,
        REDIS_URL: testRedisUrl(),
        // Auth's sign-up counters live under Redis's shared prefix: test runs must not add up to the cap.
        GUEST_SIGNUPS_PER_ADDRESS: '100000',
      }),
    );
  }
  for (const auth of auths) {
    gateways.push(
      await spawnService('gateway', await freePort(), {
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: redisPrefix,
        AUTH_URL: auth.url,
        RATE_LIMIT_PER_IP: String(RATE_LIMIT),
      }),
    );
  }
}, 90_000);
afterAll(async () => {
  await Promise.all([...gateways, ...auths].map((service) => service.stop('SIGKILL')));
  await database.drop();
});

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('replicas', () => {
  it('serve the same clients interchangeably', async () => {
    const [a, b] = gateways as [ServiceProcess, ServiceProcess];
    const signedIn = Session.parse(
      await (await post(a.url, '/api/auth/guest', { nickname: `rep${randomUUID().slice(0, 6)}` })).json(),
    );
    const me = await fetch(`${b.url}/api/auth/me`, {
      headers: { authorization: `Bearer ${signedIn.accessToken}` },
    });
    expect(me.status).toBe(200);
    const refreshed = Session.parse(
      await (await post(b.url, '/api/auth/refresh', { refreshToken: signedIn.refreshToken })).json(),
    );
    expect((await post(a.url, '/api/auth/logout', { refreshToken: refreshed.refreshToken })).status).toBe(
      204,
    );
    expect((await post(b.url, '/api/auth/refresh', { refreshToken: refreshed.refreshToken })).status).toBe(
      401,
    );
  });

  it('share one rate limit per address across gateway processes', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      const gateway = gateways[i % 2]!;
      const response = await fetch(`${gateway.url}/api/auth/.well-known/jwks.json`);
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(ErrorBody.parse(await response.json()).error.code).toBe('RATE_LIMITED');
      }
    }
    // The previous test spent some of the budget: what matters is that the two processes share it.
    const allowed = statuses.filter((status) => status === 200).length;
    expect(allowed).toBeLessThanOrEqual(RATE_LIMIT);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('shut down gracefully on SIGTERM', async () => {
    const auth = auths.pop()!;
    expect(await auth.stop('SIGTERM')).toBe(0);
    expect(auth.output()).not.toContain('"level":50');
  });
});

describe('configuration', () => {
  it('refuses to start with bad settings and lists every bad key', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'services/gateway/src/main.ts'],
      {
        cwd: new URL('../../../', import.meta.url),
        env: { ...process.env, PORT: 'eighty', REDIS_URL: 'not a url', RATE_LIMIT_PER_IP: '-3' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    const report = JSON.parse(stderr.trim().split('\n').pop()!) as { problems: { key: string }[] };
    expect(report.problems.map((problem) => problem.key).sort()).toEqual([
      'PORT',
      'RATE_LIMIT_PER_IP',
      'REDIS_URL',
    ]);
  });
});
