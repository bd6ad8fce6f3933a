import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Session } from '@corazy/contracts';
import { createTestDatabase } from '@corazy/database';
import { freePort } from '@corazy/service-kit/testing';
import { startPlatform, type Platform } from './platform.js';

/**
 * The README's walk-through, against the platform as `npm start` runs it: once on the embedded
 * stand-ins (what a laptop with nothing installed gets) and once on real PostgreSQL and Redis.
 */
type Setup = () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
const setups: [string, Platform['adapters'], Setup][] = [
  [
    'embedded PGlite and in-process state',
    { database: 'pglite', sharedState: 'memory', queue: 'memory' },
    async () => ({
      env: { CORAZY_EMBEDDED_STORAGE: 'memory', DATABASE_URL: '', REDIS_URL: '', AMQP_URL: '' },
      cleanup: async () => {},
    }),
  ],
  [
    'real PostgreSQL and Redis',
    { database: 'postgres', sharedState: 'redis', queue: 'rabbitmq' },
    async () => {
      const database = await createTestDatabase('platform');
      return {
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
          AMQP_URL: process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
          // Guest sign-ups are counted per address in the shared Redis: test runs must not add up to the cap.
          GUEST_SIGNUPS_PER_ADDRESS: '100000',
        },
        cleanup: database.drop,
      };
    },
  ],
];

describe.each(setups)('the platform on %s', (_name, adapters, setup) => {
  let platform: Platform;
  let base: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await setup();
    cleanup = prepared.cleanup;
    const port = await freePort();
    platform = await startPlatform({
      ...process.env,
      ...prepared.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await platform.stop();
    await cleanup();
  });

  it('uses the adapters its environment asks for, and a real sandbox for its grading worker', () => {
    expect(platform.adapters).toEqual(adapters);
    expect(platform.sandbox).toEqual({ backend: 'namespace' });
  });

  it('serves the web app on the same port: index.html for deep links, cached hashed assets', async () => {
    const page = await fetch(`${base}/room/some-room?x=1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
  });

  it('walks through guest sign-in, me, refresh and logout on one port', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const session = Session.parse(
      await (await post('/api/auth/guest', { nickname: `p${randomUUID().slice(0, 8)}` })).json(),
    );
    const me = await fetch(`${base}/api/auth/me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(await me.json()).toMatchObject({ id: session.user.id });
    const refreshed = Session.parse(
      await (await post('/api/auth/refresh', { refreshToken: session.refreshToken })).json(),
    );
    expect((await post('/api/auth/logout', { refreshToken: refreshed.refreshToken })).status).toBe(204);
    expect((await post('/api/auth/refresh', { refreshToken: refreshed.refreshToken })).status).toBe(401);
  });

  it('grades code end to end: the catalogue, a run and a submission through the gateway', async () => {
    const session = Session.parse(
      await (
        await fetch(`${base}/api/auth/guest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: `g${randomUUID().slice(0, 8)}` }),
        })
      ).json(),
    );
    const headers = { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
    const problem = (await (await fetch(`${base}/api/problems/a-plus-b`)).json()) as { slug: string };
    expect(problem.slug).toBe('a-plus-b');

    const run = (await (
      await fetch(`${base}/api/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ language: 'python', source: 'print(input()[::-1])', stdin: 'olleh\n' }),
      })
    ).json()) as { id: string };
    const ran = (await (await fetch(`${base}/api/runs/${run.id}?wait=20`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(ran).toMatchObject({ status: 'done', verdict: 'ACCEPTED', stdout: 'hello\n', exitCode: 0 });

    const submitted = await fetch(`${base}/api/submissions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        problem: 'a-plus-b',
        language: 'c',
        mode: 'full',
        source:
          '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n',
      }),
    });
    expect(submitted.status).toBe(202);
    const { id } = (await submitted.json()) as { id: string };
    let view: { status: string; verdict: string | null } = { status: 'queued', verdict: null };
    for (let i = 0; i < 100 && view.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = (await (await fetch(`${base}/api/submissions/${id}`, { headers })).json()) as typeof view;
    }
    expect(view).toMatchObject({ status: 'done', verdict: 'ACCEPTED' });
  }, 60_000);

  it('serves the relay: the room list over HTTP and the lobby over a WebSocket through the gateway', async () => {
    const session = Session.parse(
      await (
        await fetch(`${base}/api/auth/guest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ nickname: `r${randomUUID().slice(0, 8)}` }),
        })
      ).json(),
    );
    const rooms = await fetch(`${base}/api/relay/rooms`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(rooms.status).toBe(200);
    const socket = new WebSocket(
      `${base.replace('http', 'ws')}/api/relay/ws?access_token=${session.accessToken}`,
    );
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data.toString()));
      socket.once('error', reject);
    });
    socket.close();
    expect(JSON.parse(first)).toHaveProperty('type');
  });
});
