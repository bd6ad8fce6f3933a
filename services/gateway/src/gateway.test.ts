import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ACCESS_TOKEN_AUDIENCE, ErrorBody, Session } from '@corazy/contracts';
import { startTestAuth, testRedisUrl, type TestAuth } from '@corazy/auth/testing';
import { pino } from 'pino';
import { createLogger, loadConfig, type HttpService, type Logger } from '@corazy/service-kit';
import { freePort } from '@corazy/service-kit/testing';
import { connectRedisState, type SharedState } from '@corazy/shared-state';
import { createGatewayService } from './app.js';
import { GatewayConfig } from './config.js';

/**
 * The gateway in front of a real auth service (PostgreSQL, Redis) and an echo upstream that reports
 * what reached it, so the tests see exactly what the gateway forwards.
 */
let auth: TestAuth;
let echo: Server;
let echoUrl: string;
let gateway: HttpService;
let gatewayUrl: string;
let state: SharedState;
const seenByEcho: { url: string; headers: IncomingHttpHeaders; bodyBytes: number }[] = [];

async function startGateway(env: Record<string, string>, logger: Logger = createLogger('gateway', 'silent')) {
  const config = loadConfig(GatewayConfig, { REDIS_URL: testRedisUrl(), JWKS_COOLDOWN_MS: '0', ...env });
  const service = await createGatewayService({ config, state, logger });
  const url = await service.listen(0, '127.0.0.1');
  return { service, url };
}

beforeAll(async () => {
  auth = await startTestAuth();
  state = connectRedisState(testRedisUrl(), `test:${randomUUID()}:`);
  echo = createServer((request, response) => {
    const seen = { url: request.url!, headers: request.headers, bodyBytes: 0 };
    seenByEcho.push(seen);
    if (request.url?.startsWith('/api/problems/slow')) return; // never answers
    request.on('data', (chunk: Buffer) => (seen.bodyBytes += chunk.length));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ url: request.url, headers: request.headers, bodyBytes: seen.bodyBytes }));
    });
  });
  const sockets = new WebSocketServer({ server: echo });
  sockets.on('connection', (socket, request) => {
    seenByEcho.push({ url: request.url!, headers: request.headers, bodyBytes: 0 });
    socket.on('message', (data: Buffer) => socket.send(`echo:${data.toString()}`));
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  ({ service: gateway, url: gatewayUrl } = await startGateway({
    AUTH_URL: auth.url,
    COMPILE_URL: echoUrl,
    RELAY_URL: echoUrl,
    RESPONSE_TIMEOUT_MS: '500',
  }));
});
afterAll(async () => {
  await gateway.stop();
  await auth.close();
  await state.close();
  echo.closeAllConnections();
  await new Promise((resolve) => echo.close(resolve));
});

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const response = await fetch(`${gatewayUrl}${path}`, { ...init, headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}
const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

async function guest(prefix = 'gw') {
  const response = await call('/api/auth/guest', {
    method: 'POST',
    body: JSON.stringify({ nickname: `${prefix}${randomUUID().slice(0, 8)}` }),
  });
  return Session.parse(response.body);
}

/** The auth service's current private key, to forge tokens that differ from real ones in one way. */
async function realSigningKey() {
  const client = new pg.Client({ connectionString: auth.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ kid: string; private_jwk: JWK }>(
    'SELECT kid, private_jwk FROM auth.signing_keys ORDER BY activates_at DESC LIMIT 1',
  );
  await client.end();
  return { kid: rows[0]!.kid, key: await importJWK(rows[0]!.private_jwk, 'EdDSA') };
}

function tokenBuilder(session: Session, role = session.user.role) {
  return new SignJWT({ nickname: session.user.nickname, role })
    .setSubject(session.user.id)
    .setIssuer('corazy-auth')
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m');
}

describe('through the gateway', () => {
  it('signs in as a guest, reads me, refreshes and logs out', async () => {
    const session = await guest();
    const me = await call('/api/auth/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: session.user.id });

    const refreshed = await call('/api/auth/refresh', {
      method: 'POST',
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(refreshed.status).toBe(200);
    const next = Session.parse(refreshed.body);
    expect(
      (
        await call('/api/auth/logout', {
          method: 'POST',
          body: JSON.stringify({ refreshToken: next.refreshToken }),
        })
      ).status,
    ).toBe(204);
  });

  it('forwards the verified identity and a request id, and strips credentials and the token parameter', async () => {
    const session = await guest('ident');
    const response = await call('/api/submissions/42?access_token=leak&x=1', {
      token: session.accessToken,
      headers: { 'x-request-id': 'req-abc' },
    });
    const seen = response.body as { url: string; headers: IncomingHttpHeaders };
    expect(seen.url).toBe('/api/submissions/42?x=1');
    expect(seen.headers).toMatchObject({
      'x-user-id': session.user.id,
      'x-user-nickname': encodeURIComponent(session.user.nickname),
      'x-user-role': 'GUEST',
      'x-request-id': 'req-abc',
    });
    expect(seen.headers.authorization).toBeUndefined();
    expect(response.headers.get('x-request-id')).toBe('req-abc');
  });

  it('ignores spoofed identity headers from the client', async () => {
    const victim = await guest('victim');
    const attacker = await guest('attacker');
    const spoofed = { 'x-user-id': victim.user.id, 'x-user-role': 'ADMIN', 'x-user-nickname': 'victim' };

    const me = await call('/api/auth/me', { token: attacker.accessToken, headers: spoofed });
    expect(me.body).toMatchObject({ id: attacker.user.id });

    const anonymous = await call('/api/problems', { headers: spoofed });
    const seen = (anonymous.body as { headers: IncomingHttpHeaders }).headers;
    expect(Object.keys(seen).filter((name) => name.startsWith('x-user-'))).toEqual([]);

    expect((await call('/api/auth/me', { headers: spoofed })).status).toBe(401);
  });

  it('requires a token outside the public routes', async () => {
    const response = await call('/api/submissions');
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('UNAUTHENTICATED');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
    const response = await call('/api/auth/guest', {
      method: 'POST',
      body: JSON.stringify({ nickname: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(errorCode(response.body)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets a run carry a 1 MiB stdin, escaped to twice that as JSON, byte for byte', async () => {
    const session = await guest('upload');
    const stdin = '\n'.repeat(1024 * 1024);
    const response = await call('/api/runs', {
      method: 'POST',
      token: session.accessToken,
      body: JSON.stringify({ language: 'python', source: 'print(1)', stdin }),
    });
    expect(response.status).toBe(200);
    expect(seenByEcho.at(-1)?.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify({ language: 'python', source: 'print(1)', stdin }))),
    );
  });

  it('answers 504 UPSTREAM_TIMEOUT when the upstream does not answer in time', async () => {
    const session = await guest('slow');
    const response = await call('/api/problems/slow', { token: session.accessToken });
    expect(response.status).toBe(504);
    expect(errorCode(response.body)).toBe('UPSTREAM_TIMEOUT');
  });

  it('answers 502 with the upstream down and 503 for a service that does not exist yet', async () => {
    const session = await guest('down');
    const closedPort = await freePort();
    const partial = await startGateway({ AUTH_URL: auth.url, RELAY_URL: `http://127.0.0.1:${closedPort}` });
    try {
      const down = await fetch(`${partial.url}/api/relay/rooms`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      expect(down.status).toBe(502);
      expect(errorCode(await down.json())).toBe('UPSTREAM_UNAVAILABLE');
      const missing = await fetch(`${partial.url}/api/runs`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      expect(missing.status).toBe(503);
      expect(errorCode(await missing.json())).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await partial.service.stop();
    }
  });

  it('closes its keep-alive connections to the upstreams when it stops', async () => {
    // Left open, they lingered in a stopped gateway, and an upstream stopped after it (as in the
    // all-in-one) could wait for one until Fastify's keep-alive timeout of 72 s.
    const session = await guest('stop');
    const upstream = createServer((_request, response) => response.end('{}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const openConnections = () =>
      new Promise<number>((resolve, reject) =>
        upstream.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    const own = await startGateway({
      AUTH_URL: auth.url,
      RELAY_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    });
    try {
      const response = await fetch(`${own.url}/api/relay/rooms`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      await response.text();
      expect(await openConnections()).toBe(1);
      await own.service.stop();
      await expect.poll(openConnections, { timeout: 2_000 }).toBe(0);
    } finally {
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});

describe('forged and broken access tokens are refused', () => {
  let session: Session;
  beforeAll(async () => {
    session = await guest('forge');
  });

  const expectRefused = async (token: string, code = 'TOKEN_INVALID') => {
    const response = await call('/api/auth/me', { token });
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe(code);
  };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('alg none', async () => {
    const [, payload] = session.accessToken.split('.');
    await expectRefused(`${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`);
  });

  it('HS256 signed with the public key as the secret', async () => {
    const jwks = (await call('/api/auth/.well-known/jwks.json')).body as { keys: (JWK & { kid: string })[] };
    const publicKey = jwks.keys[0]!;
    const secret = new TextEncoder().encode(JSON.stringify(publicKey));
    for (const candidate of [secret, Buffer.from(publicKey.x!, 'base64url')]) {
      const forged = await tokenBuilder(session)
        .setProtectedHeader({ alg: 'HS256', kid: publicKey.kid, typ: 'at+jwt' })
        .sign(candidate);
      await expectRefused(forged);
    }
  });

  it('an unknown kid, after exactly one refetch of the key set', async () => {
    const rogue = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await tokenBuilder(session)
      .setProtectedHeader({ alg: 'EdDSA', kid: 'rogue', typ: 'at+jwt' })
      .sign(rogue.privateKey);
    const fetchesBefore = await jwksFetches();
    await expectRefused(forged);
    expect((await jwksFetches()) - fetchesBefore).toBe(1);
  });

  it('expired, not yet valid, wrong issuer and wrong audience, even when signed with the real key', async () => {
    const { kid, key } = await realSigningKey();
    const header = { alg: 'EdDSA', kid, typ: 'at+jwt' };
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await tokenBuilder(session)
        .setProtectedHeader(header)
        .setIssuedAt(now - 3600)
        .setExpirationTime(now - 1800)
        .sign(key),
      'TOKEN_EXPIRED',
    );
    await expectRefused(
      await tokenBuilder(session)
        .setProtectedHeader(header)
        .setNotBefore(now + 3600)
        .sign(key),
    );
    await expectRefused(
      await tokenBuilder(session).setProtectedHeader(header).setIssuer('someone-else').sign(key),
    );
    await expectRefused(
      await tokenBuilder(session).setProtectedHeader(header).setAudience('another-app').sign(key),
    );
    // …and the same key with nothing wrong passes, so the refusals above are about the one change.
    expect(
      (
        await call('/api/auth/me', {
          token: await tokenBuilder(session).setProtectedHeader(header).sign(key),
        })
      ).status,
    ).toBe(200);
  });

  it('a token it accepted before, once that token expires', async () => {
    const { kid, key } = await realSigningKey();
    const shortLived = await tokenBuilder(session)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(key);
    expect((await call('/api/auth/me', { token: shortLived })).status).toBe(200);
    expect((await call('/api/auth/me', { token: shortLived })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expectRefused(shortLived, 'TOKEN_EXPIRED');
  });

  it('a tampered payload', async () => {
    const [header, payload, signature] = session.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    await expectRefused(`${header}.${b64({ ...claims, role: 'ADMIN' })}.${signature}`);
  });

  it.each([['garbage'], ['a.b.c'], [''], ['eyJhbGciOiJFZERTQSJ9..']])('garbage %j', async (token) => {
    await expectRefused(token);
  });

  async function jwksFetches() {
    const metrics = await (await fetch(`${auth.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find(
        (l) => l.startsWith('http_requests_total') && l.includes('jwks.json') && l.includes('status="200"'),
      );
    return Number(line?.split(' ').pop() ?? 0);
  }
});

describe('WebSocket upgrades', () => {
  it('tunnels an authenticated socket with the identity attached and the token removed', async () => {
    const session = await guest('ws');
    const socket = new WebSocket(
      `${gatewayUrl.replace('http', 'ws')}/api/relay/ws?access_token=${session.accessToken}`,
      {
        headers: { 'x-user-id': 'spoofed' },
      },
    );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    );
    socket.send('hello');
    expect(await reply).toBe('echo:hello');
    socket.close();
    const seen = seenByEcho.findLast((entry) => entry.url.startsWith('/api/relay/ws'))!;
    expect(seen.url).toBe('/api/relay/ws');
    expect(seen.headers['x-user-id']).toBe(session.user.id);
  });

  it('refuses an upgrade without a valid token with 401', async () => {
    const socket = new WebSocket(`${gatewayUrl.replace('http', 'ws')}/api/relay/ws?access_token=forged`);
    const status = await new Promise<number>((resolve) =>
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode!)),
    );
    expect(status).toBe(401);
  });
});

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the gateway said `100 Continue` before answering. */
  continued: boolean;
  /** Body bytes the client managed to send before the answer came. */
  sent: number;
}

/**
 * A request as curl sends an upload: optionally `Expect: 100-continue` (the body waits for the
 * gateway's go-ahead), the body written in 1 MiB chunks with backpressure until `bodyBytes` or
 * until the gateway answers, whichever comes first.
 */
function upload(
  path: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; bodyBytes: number; expectContinue?: boolean },
): Promise<RawAnswer> {
  const url = new URL(path, gatewayUrl);
  return new Promise((resolve, reject) => {
    let continued = false;
    let sent = 0;
    let answered = false;
    const request = httpRequest(url, {
      method: options.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.expectContinue && { expect: '100-continue' }),
        ...options.headers,
      },
    });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const writeBody = async () => {
      while (sent < options.bodyBytes && !answered && !request.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.bodyBytes - sent));
        sent += piece.length;
        if (!request.write(piece)) await new Promise((drained) => request.once('drain', drained));
      }
      if (!answered && !request.destroyed) request.end();
    };
    request.on('continue', () => {
      continued = true;
      void writeBody();
    });
    if (!options.expectContinue) void writeBody();
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.on('data', (data: Buffer) => (body += data.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body, continued, sent }),
      );
    });
    // Once the gateway has answered and closed, the rest of the upload fails to write: expected.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
  });
}

const MiB = 1024 * 1024;

describe('request bodies at the edge', () => {
  it('answers Expect: 100-continue and forwards the body, on every proxied route', async () => {
    const body = JSON.stringify({ nickname: `exp${randomUUID().slice(0, 8)}` });
    const signIn = await new Promise<RawAnswer>((resolve, reject) => {
      const request = httpRequest(new URL('/api/auth/guest', gatewayUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', expect: '100-continue' },
      });
      let continued = false;
      request.on('continue', () => {
        continued = true;
        request.end(body);
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (data: Buffer) => (text += data.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: text,
            continued,
            sent: 0,
          }),
        );
      });
      request.on('error', reject);
    });
    expect(signIn.continued).toBe(true);
    expect(signIn.status).toBe(201);
    const session = Session.parse(JSON.parse(signIn.body));

    const run = await upload('/api/runs', {
      headers: { authorization: `Bearer ${session.accessToken}` },
      bodyBytes: 1536 * 1024,
      expectContinue: true,
    });
    expect(run).toMatchObject({ status: 200, continued: true });
    expect(JSON.parse(run.body)).toMatchObject({ bodyBytes: 1536 * 1024 });
  });

  it('refuses a declared oversize body with 413 before asking for it', async () => {
    const session = await guest('declared');
    const answer = await upload('/api/runs', {
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-length': String(60 * MiB) },
      bodyBytes: 60 * MiB,
      expectContinue: true,
    });
    expect(answer).toMatchObject({ status: 413, continued: false, sent: 0 });
    expect(errorCode(JSON.parse(answer.body))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('cuts an undeclared (chunked) oversize body with 413 as soon as it passes the route limit', async () => {
    const session = await guest('chunked');
    const answer = await upload('/api/runs', {
      headers: { authorization: `Bearer ${session.accessToken}` },
      bodyBytes: 60 * MiB,
    });
    expect(answer.status).toBe(413);
    expect(errorCode(JSON.parse(answer.body))).toBe('PAYLOAD_TOO_LARGE');
    // The limit is about 2.1 MiB: the answer came long before the client could send the rest.
    expect(answer.sent).toBeLessThan(16 * MiB);
  });

  it('refuses a submission larger than its source limit allows, and an oversize auth call', async () => {
    const session = await guest('submission');
    const submission = await upload('/api/submissions', {
      headers: { authorization: `Bearer ${session.accessToken}` },
      bodyBytes: 1 * MiB,
    });
    expect(submission.status).toBe(413);
    const signIn = await upload('/api/auth/guest', { bodyBytes: 2 * MiB });
    expect(signIn.status).toBe(413);
  });

  it('refuses an unauthenticated or non-admin upload before reading its body', async () => {
    const session = await guest('player');
    const anonymous = await upload('/api/problems/import', { bodyBytes: 10 * MiB, expectContinue: true });
    expect(anonymous).toMatchObject({ status: 401, continued: false, sent: 0 });
    const player = await upload('/api/problems/import', {
      headers: { authorization: `Bearer ${session.accessToken}` },
      bodyBytes: 10 * MiB,
      expectContinue: true,
    });
    expect(player).toMatchObject({ status: 403, continued: false, sent: 0 });
    expect(errorCode(JSON.parse(player.body))).toBe('FORBIDDEN');
  });

  it("streams an administrator's upload to the upstream, and cuts one past the upload limit", async () => {
    const session = await guest('importer');
    const { kid, key } = await realSigningKey();
    const admin = await tokenBuilder(session, 'ADMIN')
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
      .sign(key);
    const imported = await upload('/api/problems/import', {
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/gzip' },
      bodyBytes: 20 * MiB,
      expectContinue: true,
    });
    expect(imported).toMatchObject({ status: 200, continued: true });
    expect(JSON.parse(imported.body)).toMatchObject({ bodyBytes: 20 * MiB });

    const small = await startGateway({
      AUTH_URL: auth.url,
      COMPILE_URL: echoUrl,
      LARGE_BODY_LIMIT_BYTES: String(4 * MiB),
    });
    try {
      const tooLarge = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(new URL('/api/problems/seed/tests/01', small.url), {
          method: 'PUT',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/octet-stream' },
        });
        request.on('response', (response) => resolve(response.statusCode!));
        request.on('error', (error) => (request.writableEnded ? undefined : reject(error)));
        // Chunked, so that only counting the streamed bytes can catch it.
        const chunk = Buffer.alloc(MiB);
        void (async () => {
          for (let i = 0; i < 40 && !request.destroyed; i++)
            if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
          request.end();
        })();
      });
      expect(tooLarge).toBe(413);
    } finally {
      await small.service.stop();
    }
  });
});

describe('tokens in URLs', () => {
  it.each([['access_token'], ['access%5Ftoken'], ['%61ccess_token']])(
    '?%s= authenticates, is never forwarded and never logged',
    async (parameter) => {
      const session = await guest('qtoken');
      const lines: string[] = [];
      const logger = pino(
        { level: 'info' },
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            lines.push(chunk.toString());
            callback();
          },
        }),
      );
      const logged = await startGateway({ AUTH_URL: auth.url, COMPILE_URL: echoUrl }, logger);
      try {
        for (const query of [
          `?${parameter}=${session.accessToken}`,
          `?x=1&${parameter}=${session.accessToken}`,
        ]) {
          const response = await fetch(`${logged.url}/api/submissions/7${query}`);
          expect(response.status).toBe(200);
          const seen = (await response.json()) as { url: string; headers: IncomingHttpHeaders };
          expect(seen.url).toBe(query.startsWith('?x=1') ? '/api/submissions/7?x=1' : '/api/submissions/7');
          expect(seen.headers['x-user-id']).toBe(session.user.id);
        }
      } finally {
        await logged.service.stop();
      }
      const log = lines.join('');
      expect(log).toContain('/api/submissions/7');
      expect(log).not.toContain(session.accessToken.split('.')[2]);
    },
  );
});

describe('security headers', () => {
  it('come with every API answer, errors included', async () => {
    for (const response of [
      await fetch(`${gatewayUrl}/api/problems`),
      await fetch(`${gatewayUrl}/api/nowhere`),
    ]) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('permissions-policy')).toContain('camera=()');
    }
  });
});
