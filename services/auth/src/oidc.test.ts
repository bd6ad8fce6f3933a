import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, OidcExchangeResponse, Session } from '@corazy/contracts';
import { freePort, startTestAuth, type TestAuth } from './testing.js';

/**
 * Sign-in with an external OpenID Connect provider, end to end, against a real provider (the
 * certified `oidc-provider`) that the test runs on localhost, standing in for Google.
 */
let provider: Server;
let issuer: string;
let auth: TestAuth;
let publicUrl: string;

beforeAll(async () => {
  provider = createServer();
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  const authPort = await freePort();
  publicUrl = `http://127.0.0.1:${authPort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'corazy-arcade',
        client_secret: 'test-secret',
        redirect_uris: [`${publicUrl}/api/auth/oidc/google/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.com`, email_verified: true, name: `${id} Kim` }),
    }),
    cookies: { keys: ['cookie-signing-key-for-tests'] },
    pkce: { required: () => true },
  });
  const handle = oidc.callback();
  provider.on('request', (request, response) => void handle(request, response));
  auth = await startTestAuth({
    port: authPort,
    env: {
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'corazy-arcade',
      OIDC_CLIENT_SECRET: 'test-secret',
      OIDC_ALLOW_HTTP: 'true',
    },
  });
});
afterAll(async () => {
  await auth.close();
  await new Promise((resolve) => provider.close(resolve));
});

/** A browser's part: follows redirects with cookies and answers the provider's login and consent. */
async function signInAtProvider(account: string, returnTo = '/lobby'): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = new URL(`${auth.url}/api/auth/oidc/google/start?returnTo=${encodeURIComponent(returnTo)}`);
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!, value.join('='));
    }
    method = 'GET';
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      if (url.pathname === '/auth/callback') return url;
      continue;
    }
    const page = await response.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (response.status !== 200 || !prompt)
      throw new Error(`unexpected page at ${url.href}: ${response.status}`);
    method = 'POST';
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt },
    ).toString();
  }
  throw new Error('too many redirects');
}

async function post(path: string, body: unknown) {
  const response = await fetch(`${auth.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('sign-in with an OpenID Connect provider', () => {
  let firstUserId: string;

  it('makes a new user choose a nickname with a single-use signup token before any token is issued', async () => {
    const landing = await signInAtProvider('alice', '/room/42');
    expect(landing.origin).toBe(publicUrl);
    expect(landing.searchParams.get('returnTo')).toBe('/room/42');
    const ticket = landing.searchParams.get('ticket')!;

    const exchanged = OidcExchangeResponse.parse((await post('/api/auth/oidc/exchange', { ticket })).body);
    if (exchanged.status !== 'NICKNAME_REQUIRED') throw new Error('expected the nickname step');
    expect(exchanged.expiresIn).toBe(300);
    expect(exchanged.suggestedNickname).toBe('aliceKim');
    expect(exchanged).not.toHaveProperty('session');

    const ticketAgain = await post('/api/auth/oidc/exchange', { ticket });
    expect(ErrorBody.parse(ticketAgain.body).error.code).toBe('OIDC_STATE_INVALID');

    await post('/api/auth/guest', { nickname: 'takenByGuest' });
    const clash = await post('/api/auth/oidc/signup', {
      signupToken: exchanged.signupToken,
      nickname: 'takenByGuest',
    });
    expect(clash.status).toBe(409);

    const signedUp = await post('/api/auth/oidc/signup', {
      signupToken: exchanged.signupToken,
      nickname: '앨리스',
    });
    expect(signedUp.status).toBe(201);
    const session = Session.parse(signedUp.body);
    expect(session.user).toMatchObject({ nickname: '앨리스', role: 'USER' });
    firstUserId = session.user.id;

    const tokenAgain = await post('/api/auth/oidc/signup', {
      signupToken: exchanged.signupToken,
      nickname: 'another',
    });
    expect(tokenAgain.status).toBe(400);
    expect(ErrorBody.parse(tokenAgain.body).error.code).toBe('SIGNUP_TOKEN_INVALID');
  });

  it('signs a returning user straight in', async () => {
    const landing = await signInAtProvider('alice');
    const exchanged = OidcExchangeResponse.parse(
      (await post('/api/auth/oidc/exchange', { ticket: landing.searchParams.get('ticket') })).body,
    );
    if (exchanged.status !== 'SIGNED_IN') throw new Error('expected a session');
    expect(exchanged.session.user.id).toBe(firstUserId);
  });

  it('refuses a callback whose state it never issued', async () => {
    const response = await fetch(`${auth.url}/api/auth/oidc/google/callback?code=stolen&state=forged`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('OIDC_STATE_INVALID');
  });

  it('offers Google among the sign-in providers', async () => {
    const response = await fetch(`${auth.url}/api/auth/providers`);
    expect(await response.json()).toEqual({ google: true });
  });

  it('never redirects back to another site', async () => {
    const landing = await signInAtProvider('bob', 'https://evil.example/steal');
    expect(landing.searchParams.get('returnTo')).toBe('/lobby');
  });
});
