import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ACCESS_TOKEN_AUDIENCE, RelayCloseCode, RoomList, Session } from '@corazy/contracts';
import { startTestAuth, type TestAuth } from '@corazy/auth/testing';
import { createGatewayService, GatewayConfig } from '@corazy/gateway';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { connectRedisState, type SharedState } from '@corazy/shared-state';
import { headersOf, RelayClient, startTestRelay, testRedisUrl, testUser, type TestRelay } from './testing.js';

/**
 * Sockets and rooms of real sign-ins: a browser's path (auth, gateway, relay on one Redis), sockets
 * that end with their session or their token, renewal over the socket, and the caps on sockets and
 * rooms.
 */
let auth: TestAuth;
let relay: TestRelay;
let gateway: HttpService;
let gatewayUrl: string;
let state: SharedState;
const SOCKETS_PER_USER = 3;

beforeAll(async () => {
  const prefix = `test:relay:${randomUUID()}:`;
  state = connectRedisState(testRedisUrl(), prefix);
  auth = await startTestAuth({ state });
  relay = await startTestRelay({
    prefix,
    env: {
      JWKS_URL: `${auth.url}/api/auth/.well-known/jwks.json`,
      SOCKETS_PER_USER: String(SOCKETS_PER_USER),
      ROOMS_PER_MINUTE_PER_USER: '2',
      ROOMS_PER_MINUTE_PER_ADDRESS: '3',
    },
  });
  gateway = await createGatewayService({
    config: loadConfig(GatewayConfig, {
      REDIS_URL: testRedisUrl(),
      AUTH_URL: auth.url,
      RELAY_URL: relay.url,
    }),
    state,
    logger: createLogger('gateway', 'silent'),
  });
  gatewayUrl = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway.stop();
  await relay.close();
  await auth.close();
  await state.close();
});

async function guest(): Promise<Session> {
  const response = await fetch(`${gatewayUrl}/api/auth/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: `rs${randomUUID().slice(0, 8)}` }),
  });
  return Session.parse(await response.json());
}

const userOf = (session: Session) => ({ userId: session.user.id, nickname: session.user.nickname });
const connect = (session: Session, token = session.accessToken) =>
  RelayClient.connect(gatewayUrl, userOf(session), token);

/** An access token of `session`'s user, signed with the auth service's real key, living `seconds`. */
async function shortLivedToken(session: Session, seconds: number) {
  const client = new pg.Client({ connectionString: auth.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ kid: string; private_jwk: JWK }>(
    'SELECT kid, private_jwk FROM auth.signing_keys ORDER BY activates_at DESC LIMIT 1',
  );
  await client.end();
  return new SignJWT({ nickname: session.user.nickname, role: session.user.role, sid: randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', kid: rows[0]!.kid, typ: 'at+jwt' })
    .setSubject(session.user.id)
    .setIssuer('corazy-auth')
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(await importJWK(rows[0]!.private_jwk, 'EdDSA'));
}

const stillOpen = async (client: RelayClient) => {
  await client.request({ type: 'heartbeat' });
  return client.socket.readyState === WebSocket.OPEN;
};

describe('a socket of a sign-in', () => {
  it('closes with 4403 at logout, and no other sign-in’s socket does', async () => {
    const leaving = await guest();
    const staying = await guest();
    const [socket, otherSocket] = await Promise.all([connect(leaving), connect(staying)]);
    const response = await fetch(`${gatewayUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: leaving.refreshToken }),
    });
    expect(response.status).toBe(204);
    expect(await socket.closed).toBe(RelayCloseCode.sessionEnded);
    expect(await stillOpen(otherSocket)).toBe(true);
    await otherSocket.close();
  });

  it('closes with 4401 when its access token expires', async () => {
    const session = await guest();
    const socket = await connect(session, await shortLivedToken(session, 2));
    expect(await stillOpen(socket)).toBe(true);
    expect(await socket.closed).toBe(RelayCloseCode.tokenExpired);
  });

  it('stays open past the first token’s expiry once renewed with a fresh token', async () => {
    const session = await guest();
    const socket = await connect(session, await shortLivedToken(session, 2));
    const renewed = (await socket.request({ type: 'auth.renew', accessToken: session.accessToken })) as {
      expiresAt: number;
    };
    expect(renewed.expiresAt).toBeGreaterThan(Date.now() / 1000 + 60);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await stillOpen(socket)).toBe(true);
    await socket.close();
  });

  it("refuses a renewal with another user's token, and still closes at expiry", async () => {
    const session = await guest();
    const stranger = await guest();
    const socket = await connect(session, await shortLivedToken(session, 2));
    await expect(
      socket.request({ type: 'auth.renew', accessToken: stranger.accessToken }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(socket.request({ type: 'auth.renew', accessToken: 'not-a-token' })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    expect(await socket.closed).toBe(RelayCloseCode.tokenExpired);
  });

  it('refuses a renewal with a token of an ended sign-in', async () => {
    const session = await guest();
    const socket = await connect(session, await shortLivedToken(session, 30));
    await fetch(`${gatewayUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    await expect(
      socket.request({ type: 'auth.renew', accessToken: session.accessToken }),
    ).rejects.toMatchObject({
      code: 'TOKEN_REVOKED',
    });
    await socket.close();
  });
});

/** Opens a socket straight to the relay and resolves with how it ended: welcomed, or its close code. */
function openRaw(user: { userId: string; nickname: string }) {
  const socket = new WebSocket(`${relay.url.replace(/^http/, 'ws')}/api/relay/ws`, {
    headers: headersOf(user),
  });
  const outcome = new Promise<'welcome' | number>((resolve) => {
    socket.once('message', () => resolve('welcome'));
    socket.once('close', (code) => resolve(code));
  });
  return { socket, outcome };
}

describe('caps', () => {
  it(`refuses a user's socket beyond ${SOCKETS_PER_USER} with 4429, and admits one again after a close`, async () => {
    const user = testUser('many');
    const open = Array.from({ length: SOCKETS_PER_USER }, () => openRaw(user));
    expect(await Promise.all(open.map((socket) => socket.outcome))).toEqual(
      Array(SOCKETS_PER_USER).fill('welcome'),
    );
    const extra = openRaw(user);
    expect(await extra.outcome).toBe(RelayCloseCode.tooManySockets);
    expect(await openRaw(testUser('other')).outcome).toBe('welcome');

    const closed = new Promise((resolve) => open[0]!.socket.once('close', resolve));
    open[0]!.socket.close();
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = openRaw(user);
    expect(await again.outcome).toBe('welcome');
    for (const { socket } of [...open, again]) socket.close();
  });

  const createRoom = (user: { userId: string; nickname: string }, address: string) =>
    fetch(`${relay.url}/api/relay/rooms`, {
      method: 'POST',
      headers: { ...headersOf(user), 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ name: 'cap', language: 'python' }),
    });
  const leave = (user: { userId: string; nickname: string }, roomId: string) =>
    fetch(`${relay.url}/api/relay/rooms/${roomId}/leave`, { method: 'POST', headers: headersOf(user) });

  it('answers 429 with Retry-After to a user creating rooms too fast', async () => {
    const user = testUser('host');
    const address = `10.1.${randomUUID().slice(0, 2).charCodeAt(0)}.1`;
    for (let i = 0; i < 2; i++) {
      const created = await createRoom(user, address);
      expect(created.status).toBe(201);
      await leave(user, ((await created.json()) as { id: string }).id);
    }
    const refused = await createRoom(user, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('answers 429 to many guests creating rooms from one address, not to another address', async () => {
    const address = '10.2.0.7';
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await createRoom(testUser(`g${i}`), address)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect((await createRoom(testUser('elsewhere'), '10.2.0.8')).status).toBe(201);
  });

  it('pages the room list, newest first, without repeats, and refuses a made-up cursor', async () => {
    for (let i = 0; i < 5; i++) expect((await createRoom(testUser(`p${i}`), `10.3.0.${i}`)).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = new URL(`${relay.url}/api/relay/rooms`);
      url.searchParams.set('limit', '2');
      if (cursor) url.searchParams.set('cursor', cursor);
      const page = RoomList.parse(
        await (await fetch(url, { headers: headersOf(testUser('reader')) })).json(),
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((room) => `${room.createdAt}:${room.id}`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    const createdAts = seen.map((key) => Number(key.split(':')[0]));
    expect(createdAts).toEqual([...createdAts].sort((a, b) => b - a));

    const bad = await fetch(`${relay.url}/api/relay/rooms?cursor=bm9wZQ`, {
      headers: headersOf(testUser('r')),
    });
    expect(bad.status).toBe(400);
  });
});
