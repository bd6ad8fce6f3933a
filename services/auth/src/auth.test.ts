import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ErrorBody, Session } from '@corazy/contracts';
import { startTestAuth, type TestAuth } from './testing.js';

let auth: TestAuth;

const GRACE_SECONDS = 1;

beforeAll(async () => {
  auth = await startTestAuth({
    env: { REFRESH_GRACE_SECONDS: String(GRACE_SECONDS) },
    loginPolicy: {
      slowAfter: 1,
      lockAfter: 3,
      lockAfterPerAddress: 100,
      windowSeconds: 60,
      lockSeconds: 60,
      baseDelayMs: 20,
    },
  });
});
afterAll(() => auth.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await auth.service.app.inject({
    method: method as 'GET',
    url: path,
    payload: body as object,
    headers,
  });
  return {
    status: response.statusCode,
    body: response.body ? response.json<unknown>() : undefined,
    headers: response.headers,
  };
}
const session = (body: unknown) => Session.parse(body);
const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;
const asGateway = (s: Session) => ({
  'x-user-id': s.user.id,
  'x-user-nickname': encodeURIComponent(s.user.nickname),
  'x-user-role': s.user.role,
});
let nicknameCounter = 0;
const nickname = (prefix = 'player') => `${prefix}${process.pid % 1000}_${++nicknameCounter}`;

describe('guest sign-in', () => {
  it('issues an EdDSA access token with kid, issuer, audience and a 15-minute life, verifiable by the JWKS', async () => {
    const response = await call('POST', '/api/auth/guest', { nickname: '김코딩' });
    expect(response.status).toBe(201);
    const { accessToken, expiresIn, user } = session(response.body);
    expect(user).toMatchObject({ nickname: '김코딩', role: 'GUEST' });
    expect(expiresIn).toBe(900);

    const jwks = (await call('GET', '/api/auth/.well-known/jwks.json')).body as { keys: { kid: string }[] };
    const header = decodeProtectedHeader(accessToken);
    expect(header.alg).toBe('EdDSA');
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(accessToken, createLocalJWKSet(jwks as never), {
      algorithms: ['EdDSA'],
      issuer: 'corazy-auth',
      audience: ACCESS_TOKEN_AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: user.id, nickname: '김코딩', role: 'GUEST' });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('refuses a nickname already taken, whatever its case', async () => {
    expect((await call('POST', '/api/auth/guest', { nickname: 'TakenName' })).status).toBe(201);
    const clash = await call('POST', '/api/auth/guest', { nickname: 'takenname' });
    expect(clash.status).toBe(409);
    expect(errorCode(clash.body)).toBe('NICKNAME_TAKEN');
  });

  it.each([['a'], ['twentyone_characters_'], ['has space'], ['emoji😀'], ['dash-name'], ['']])(
    'rejects the nickname %j with 400 VALIDATION_FAILED',
    async (bad) => {
      const response = await call('POST', '/api/auth/guest', { nickname: bad });
      expect(response.status).toBe(400);
      expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
    },
  );

  it('rejects a body that is not JSON with a 400 error body', async () => {
    const response = await auth.service.app.inject({
      method: 'POST',
      url: '/api/auth/guest',
      payload: '{nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response.json())).toBe('VALIDATION_FAILED');
  });
});

describe('email and password', () => {
  it('registers with an argon2id hash and signs in with the same password', async () => {
    const registered = await call('POST', '/api/auth/register', {
      email: 'Minji@Example.com',
      password: 'correct horse battery',
      nickname: nickname('minji'),
    });
    expect(registered.status).toBe(201);
    expect(session(registered.body).user).toMatchObject({ email: 'minji@example.com', role: 'USER' });

    const client = new pg.Client({ connectionString: auth.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ password_hash: string }>(
      `SELECT password_hash FROM auth.users WHERE email = 'minji@example.com'`,
    );
    await client.end();
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);

    const login = await call('POST', '/api/auth/login', {
      email: 'minji@example.com',
      password: 'correct horse battery',
    });
    expect(login.status).toBe(200);
    expect(session(login.body).user.email).toBe('minji@example.com');
  });

  it('refuses a second account with the same email', async () => {
    await call('POST', '/api/auth/register', {
      email: 'dup@example.com',
      password: 'password123',
      nickname: nickname(),
    });
    const again = await call('POST', '/api/auth/register', {
      email: 'dup@example.com',
      password: 'password123',
      nickname: nickname(),
    });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('EMAIL_TAKEN');
  });

  it('answers a wrong password and an unknown email alike', async () => {
    await call('POST', '/api/auth/register', {
      email: 'same@example.com',
      password: 'password123',
      nickname: nickname(),
    });
    const wrong = await call('POST', '/api/auth/login', { email: 'same@example.com', password: 'nope-nope' });
    const unknown = await call('POST', '/api/auth/login', {
      email: 'nobody@example.com',
      password: 'nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('locks after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const email = 'target@example.com';
    await call('POST', '/api/auth/register', { email, password: 'the-real-one', nickname: nickname() });
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await call('POST', '/api/auth/login', { email, password: `guess-${attempt}` })).status).toBe(
        401,
      );
    }
    const locked = await call('POST', '/api/auth/login', { email, password: 'the-real-one' });
    expect(locked.status).toBe(429);
    expect(errorCode(locked.body)).toBe('LOGIN_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('locks an unknown email the same way, so a lock reveals nothing', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await call('POST', '/api/auth/login', { email: 'ghost@example.com', password: `guess-${attempt}` });
    }
    const locked = await call('POST', '/api/auth/login', {
      email: 'ghost@example.com',
      password: 'whatever',
    });
    expect(locked.status).toBe(429);
    expect(errorCode(locked.body)).toBe('LOGIN_LOCKED');
  });
});

describe('refresh tokens', () => {
  it('rotates: a refresh returns a new pair and the old refresh token no longer works', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('rot') })).body);
    const refreshed = await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = session(refreshed.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.id).toBe(first.user.id);
  });

  it('revokes the whole family when another client presents a rotated token (401 REFRESH_REUSED)', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('reuse') })).body);
    const second = session(
      (await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken })).body,
    );

    const replay = await call(
      'POST',
      '/api/auth/refresh',
      { refreshToken: first.refreshToken },
      { 'user-agent': 'a thief' },
    );
    expect(replay.status).toBe(401);
    expect(errorCode(replay.body)).toBe('REFRESH_REUSED');

    // The thief's replay also ends the legitimate holder's newer token.
    const afterRevocation = await call('POST', '/api/auth/refresh', { refreshToken: second.refreshToken });
    expect(afterRevocation.status).toBe(401);
    expect(errorCode(afterRevocation.body)).toBe('REFRESH_INVALID');
  });

  it('revokes the family when the same client presents a rotated token after the grace window', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('late') })).body);
    const second = session(
      (await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken })).body,
    );
    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 200));
    const replay = await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(errorCode(replay.body)).toBe('REFRESH_REUSED');
    const afterRevocation = await call('POST', '/api/auth/refresh', { refreshToken: second.refreshToken });
    expect(errorCode(afterRevocation.body)).toBe('REFRESH_INVALID');
  });

  it('gives two concurrent refreshes of one token the same new pair, and the sign-in lives on', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('race') })).body);
    const results = await Promise.all([
      call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken }),
      call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = results.map((r) => session(r.body));
    expect(a!.refreshToken).toBe(b!.refreshToken);
    expect(a!.accessToken).toBe(b!.accessToken);

    const next = await call('POST', '/api/auth/refresh', { refreshToken: a!.refreshToken });
    expect(next.status).toBe(200);
  });

  it('gives a retried refresh within the grace window the pair the first one issued', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('retry') })).body);
    const original = session(
      (await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken })).body,
    );
    const retried = await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken });
    expect(retried.status).toBe(200);
    expect(session(retried.body).refreshToken).toBe(original.refreshToken);
  });

  it('keeps the pair a rotation issued only sealed with the rotated token', async () => {
    const first = session((await call('POST', '/api/auth/guest', { nickname: nickname('seal') })).body);
    const second = session(
      (await call('POST', '/api/auth/refresh', { refreshToken: first.refreshToken })).body,
    );
    const client = new pg.Client({ connectionString: auth.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ successor_sealed: string }>(
      'SELECT successor_sealed FROM auth.refresh_tokens WHERE successor_sealed IS NOT NULL',
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const { successor_sealed } of rows) {
      expect(successor_sealed).not.toContain(second.refreshToken);
      expect(successor_sealed).not.toContain(second.accessToken.split('.')[1]);
    }
  });

  it('stores only hashes of refresh tokens', async () => {
    const issued = session((await call('POST', '/api/auth/guest', { nickname: nickname('hash') })).body);
    const client = new pg.Client({ connectionString: auth.databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM auth.refresh_tokens WHERE token_hash = $1', [
      issued.refreshToken,
    ]);
    await client.end();
    expect(rows).toHaveLength(0);
  });

  it('logout ends the sign-in: its refresh token stops working', async () => {
    const issued = session((await call('POST', '/api/auth/guest', { nickname: nickname('bye') })).body);
    expect((await call('POST', '/api/auth/logout', { refreshToken: issued.refreshToken })).status).toBe(204);
    const after = await call('POST', '/api/auth/refresh', { refreshToken: issued.refreshToken });
    expect(after.status).toBe(401);
    expect(errorCode(after.body)).toBe('REFRESH_INVALID');
  });

  it('rejects an unknown refresh token with 401 REFRESH_INVALID', async () => {
    const response = await call('POST', '/api/auth/refresh', { refreshToken: 'made-up' });
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('REFRESH_INVALID');
  });
});

describe('the signed-in user', () => {
  it('needs the identity the gateway vouches for', async () => {
    const response = await call('GET', '/api/auth/me');
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('UNAUTHENTICATED');
  });

  it('reads and changes its own nickname, refusing one that is taken', async () => {
    const me = session((await call('POST', '/api/auth/guest', { nickname: nickname('me') })).body);
    const other = session((await call('POST', '/api/auth/guest', { nickname: nickname('other') })).body);
    expect((await call('GET', '/api/auth/me', undefined, asGateway(me))).body).toMatchObject({
      id: me.user.id,
    });

    const renamed = await call('PATCH', '/api/auth/me', { nickname: '새이름' }, asGateway(me));
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ nickname: '새이름' });

    const clash = await call('PATCH', '/api/auth/me', { nickname: other.user.nickname }, asGateway(me));
    expect(clash.status).toBe(409);
    expect(errorCode(clash.body)).toBe('NICKNAME_TAKEN');
  });
});

describe('sign-in providers', () => {
  it('says Google is off when OIDC is not configured, and its start answers 503 OIDC_NOT_CONFIGURED', async () => {
    expect(await call('GET', '/api/auth/providers')).toMatchObject({ status: 200, body: { google: false } });
    const start = await call('GET', '/api/auth/oidc/google/start');
    expect([start.status, errorCode(start.body)]).toEqual([503, 'OIDC_NOT_CONFIGURED']);
  });
});

describe('operations', () => {
  it('serves health, readiness and Prometheus metrics with request ids', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
    const metrics = await auth.service.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('http_requests_total');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
    const traced = await call('GET', '/healthz', undefined, { 'x-request-id': 'trace-123' });
    expect(traced.headers['x-request-id']).toBe('trace-123');
  });

  it('answers unknown routes with 404 NOT_FOUND in the error shape', async () => {
    const response = await call('GET', '/api/auth/nope');
    expect(response.status).toBe(404);
    expect(errorCode(response.body)).toBe('NOT_FOUND');
  });
});
