import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, Session } from '@corazy/contracts';
import { startTestAuth, testRedisUrl, type TestAuth } from '@corazy/auth/testing';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { connectRedisState, inProcessState, type SharedState } from '@corazy/shared-state';
import { createGatewayService } from './app.js';
import { GatewayConfig } from './config.js';

/**
 * Sessions that end: the auth service revokes, and the gateways refuse the sign-in's access tokens
 * at once. Against Redis with two gateway replicas, and against the embedded in-process state.
 */
describe.each<[string, () => { state: SharedState; peer: SharedState }]>([
  [
    'redis',
    () => {
      const prefix = `test:${randomUUID()}:`;
      return {
        state: connectRedisState(testRedisUrl(), prefix),
        peer: connectRedisState(testRedisUrl(), prefix),
      };
    },
  ],
  [
    'memory',
    () => {
      const state = inProcessState();
      return { state, peer: state };
    },
  ],
])('sessions that end, on %s', (_name, open) => {
  const { state, peer } = open();
  let auth: TestAuth;
  const gateways: HttpService[] = [];
  let gatewayUrl: string;
  let otherGatewayUrl: string;

  async function startGateway(gatewayState: SharedState) {
    const config = loadConfig(GatewayConfig, { REDIS_URL: testRedisUrl(), AUTH_URL: auth.url });
    const service = await createGatewayService({
      config,
      state: gatewayState,
      logger: createLogger('gateway', 'silent'),
    });
    gateways.push(service);
    return service.listen(0, '127.0.0.1');
  }

  beforeAll(async () => {
    auth = await startTestAuth({ state });
    gatewayUrl = await startGateway(state);
    otherGatewayUrl = await startGateway(peer);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await auth.close();
    await state.close();
    await peer.close();
  });

  async function call(path: string, init: RequestInit & { token?: string; via?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    const response = await fetch(`${init.via ?? gatewayUrl}${path}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
  const post = (path: string, body: unknown, init: RequestInit & { token?: string } = {}) =>
    call(path, { ...init, method: 'POST', body: JSON.stringify(body) });
  const guest = async () =>
    Session.parse((await post('/api/auth/guest', { nickname: `ses${randomUUID().slice(0, 8)}` })).body);
  const meStatus = async (token: string, via?: string) => {
    const response = await call('/api/auth/me', { token, via });
    return response.status === 200 ? 200 : `${response.status} ${ErrorBody.parse(response.body).error.code}`;
  };

  it('refuses the access token at once after logout, at every gateway, and only that sign-in', async () => {
    const ended = await guest();
    const other = await guest();
    // Verified (and cached) before the logout: the cache must not outlive the sign-in.
    expect(await meStatus(ended.accessToken)).toBe(200);
    expect(await meStatus(ended.accessToken, otherGatewayUrl)).toBe(200);

    expect((await post('/api/auth/logout', { refreshToken: ended.refreshToken })).status).toBe(204);

    expect(await meStatus(ended.accessToken)).toBe('401 TOKEN_REVOKED');
    expect(await meStatus(ended.accessToken, otherGatewayUrl)).toBe('401 TOKEN_REVOKED');
    expect(await meStatus(other.accessToken)).toBe(200);
  });

  it('ends every sign-in of the user on sign-out everywhere', async () => {
    const first = await guest();
    const second = Session.parse(
      (
        await post(
          '/api/auth/refresh',
          { refreshToken: first.refreshToken },
          { headers: { 'user-agent': 'tab 2' } },
        )
      ).body,
    );
    expect((await post('/api/auth/logout-all', {}, { token: second.accessToken })).status).toBe(204);
    expect(await meStatus(first.accessToken)).toBe('401 TOKEN_REVOKED');
    expect(await meStatus(second.accessToken, otherGatewayUrl)).toBe('401 TOKEN_REVOKED');
    expect((await post('/api/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
  });

  it("ends the winner's access token too when a stolen refresh token is replayed", async () => {
    const victim = await guest();
    const rotated = Session.parse(
      (await post('/api/auth/refresh', { refreshToken: victim.refreshToken })).body,
    );
    expect(await meStatus(rotated.accessToken)).toBe(200);
    const replay = await post(
      '/api/auth/refresh',
      { refreshToken: victim.refreshToken },
      { headers: { 'user-agent': 'a thief' } },
    );
    expect(ErrorBody.parse(replay.body).error.code).toBe('REFRESH_REUSED');
    expect(await meStatus(rotated.accessToken)).toBe('401 TOKEN_REVOKED');
  });

  it('still lets a signed-out client reach the public routes', async () => {
    const ended = await guest();
    await post('/api/auth/logout', { refreshToken: ended.refreshToken });
    const again = await post(
      '/api/auth/guest',
      { nickname: `ses${randomUUID().slice(0, 8)}` },
      {
        token: ended.accessToken,
      },
    );
    expect(again.status).toBe(201);
  });
});
