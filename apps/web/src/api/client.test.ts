import { describe, expect, it } from 'vitest';
import type { Session } from '@corazy/contracts';
import { ApiClient, ApiError, SESSION_KEY, type KeyValueStorage } from './client.js';

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  nickname: 'tester',
  role: 'GUEST' as const,
  email: null,
  createdAt: '2026-01-01T00:00:00Z',
};
const session = (n: number): Session => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  user,
});

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake API: `/api/data` wants the newest access token; `/api/auth/refresh` rotates (slowly). */
function fakeServer(options: { refreshFails?: boolean } = {}) {
  let generation = 1;
  const calls: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input as string;
    const auth = new Headers(init?.headers).get('authorization');
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === '/api/auth/refresh') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const body = JSON.parse(init?.body as string) as { refreshToken: string };
      if (options.refreshFails || body.refreshToken !== `refresh-${generation}`) {
        return json(401, { error: { code: 'REFRESH_REUSED', message: 'reused' } });
      }
      generation++;
      return json(200, session(generation));
    }
    if (url === '/api/auth/logout') return new Response(null, { status: 204 });
    if (auth !== `Bearer access-${generation}`)
      return json(401, { error: { code: 'TOKEN_EXPIRED', message: 'expired' } });
    return json(200, { ok: true, generation });
  }) as typeof fetch;
  return { fetchImpl, calls, rotate: () => generation++ };
}

describe('the API client', () => {
  it('refreshes once for many concurrent 401s, then retries each request with the new token', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const client = new ApiClient({ fetch: server.fetchImpl, storage });
    client.setSession(session(1));
    // The server moves on (the access token expired): every request now answers 401 once.
    server.rotate();
    // refresh-2 is now what the server expects: simulate the stored pair being the current one.
    client.setSession({ ...session(1), refreshToken: 'refresh-2' });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => client.get<{ generation: number }>('/api/data')),
    );
    expect(results.every((r) => r.generation === 3)).toBe(true);
    expect(server.calls.filter((c) => c.endsWith('/api/auth/refresh'))).toHaveLength(1);
    expect(JSON.parse(storage.data.get(SESSION_KEY)!)).toMatchObject({
      accessToken: 'access-3',
      refreshToken: 'refresh-3',
    });
  });

  it('signs out when the refresh is refused, and reports the request’s error', async () => {
    const server = fakeServer({ refreshFails: true });
    const storage = memoryStorage();
    const client = new ApiClient({ fetch: server.fetchImpl, storage });
    client.setSession(session(0));
    const seen: unknown[] = [];
    client.subscribe((s) => seen.push(s));
    const outcomes = await Promise.allSettled([client.get('/api/data'), client.get('/api/data')]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    }
    expect(client.session).toBeNull();
    expect(storage.data.has(SESSION_KEY)).toBe(false);
    expect(seen).toContain(null);
    expect(server.calls.filter((c) => c.endsWith('/api/auth/refresh'))).toHaveLength(1);
  });

  it('makes a guest an account: adopts the session with the new role and ends the guest sign-in', async () => {
    const calls: { url: string; body: unknown; auth: string | null }[] = [];
    const upgraded: Session = { ...session(2), user: { ...user, role: 'USER', email: 'kept@example.com' } };
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({
        url: input as string,
        body: JSON.parse(init?.body as string) as unknown,
        auth: new Headers(init?.headers).get('authorization'),
      });
      return input === '/api/auth/upgrade' ? json(200, upgraded) : new Response(null, { status: 204 });
    }) as typeof fetch;
    const storage = memoryStorage();
    const client = new ApiClient({ fetch: fetchImpl, storage });
    client.setSession(session(1));

    const account = await client.upgradeGuest('kept@example.com', 'a long password');
    expect(account).toMatchObject({ id: user.id, nickname: user.nickname, role: 'USER' });
    expect(calls[0]).toEqual({
      url: '/api/auth/upgrade',
      body: { email: 'kept@example.com', password: 'a long password' },
      auth: 'Bearer access-1',
    });
    expect(calls[1]).toMatchObject({ url: '/api/auth/logout', body: { refreshToken: 'refresh-1' } });
    expect(JSON.parse(storage.data.get(SESSION_KEY)!)).toMatchObject({
      refreshToken: 'refresh-2',
      user: { role: 'USER' },
    });
  });

  it('adopts tokens another tab refreshed instead of spending the old refresh token', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const client = new ApiClient({ fetch: server.fetchImpl, storage });
    client.setSession(session(1));
    server.rotate(); // the other tab refreshed: generation 2 is current and stored
    storage.data.set(SESSION_KEY, JSON.stringify({ ...session(2), expiresAt: Date.now() + 900_000 }));
    await expect(client.get('/api/data')).resolves.toEqual({ ok: true, generation: 2 });
    expect(server.calls.some((c) => c.endsWith('/api/auth/refresh'))).toBe(false);
  });

  it('turns {error:{code,message}} bodies, other bodies and network failures into ApiErrors', async () => {
    const answers: (() => Response | Promise<Response>)[] = [
      () =>
        json(409, { error: { code: 'NICKNAME_TAKEN', message: 'taken', details: { field: 'nickname' } } }),
      () => new Response('<html>bad gateway</html>', { status: 502 }),
      () => Promise.reject(new TypeError('fetch failed')),
    ];
    const client = new ApiClient({ fetch: (() => answers.shift()!()) as typeof fetch });
    await expect(client.post('/api/auth/guest', {}, { auth: false })).rejects.toMatchObject({
      status: 409,
      code: 'NICKNAME_TAKEN',
      message: 'taken',
      details: { field: 'nickname' },
    });
    await expect(client.get('/x')).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE' });
    const network = await client.get('/x').catch((error: unknown) => error);
    expect(network).toBeInstanceOf(ApiError);
    expect(network).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
