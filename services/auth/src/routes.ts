import type { FastifyInstance } from 'fastify';
import {
  GuestSignInRequest,
  LoginRequest,
  LogoutRequest,
  OidcExchangeRequest,
  OidcSignupRequest,
  RefreshRequest,
  RegisterRequest,
  UpdateMeRequest,
  UpgradeGuestRequest,
} from '@corazy/contracts';
import { AppError, clientAddress, parseOrThrow, requireIdentity } from '@corazy/service-kit';
import type { Accounts } from './domain/accounts.js';
import { clientFingerprint } from './domain/sessions.js';
import type { KeyRing } from './domain/signing-keys.js';

/** HTTP in, domain calls, HTTP out: nothing else belongs here. */
export function registerRoutes(
  app: FastifyInstance,
  accounts: Accounts,
  keyRing: KeyRing,
  publicUrl: string,
) {
  app.post('/api/auth/guest', async (request, reply) => {
    const { nickname } = parseOrThrow(GuestSignInRequest, request.body);
    return reply.code(201).send(await accounts.signInAsGuest(nickname, clientAddress(request)));
  });

  app.post('/api/auth/register', async (request, reply) => {
    const { email, password, nickname } = parseOrThrow(RegisterRequest, request.body);
    return reply.code(201).send(await accounts.register(email, password, nickname));
  });

  app.post('/api/auth/login', async (request) => {
    const { email, password } = parseOrThrow(LoginRequest, request.body);
    return accounts.login(email, password, clientAddress(request));
  });

  app.post('/api/auth/refresh', async (request) => {
    const { refreshToken } = parseOrThrow(RefreshRequest, request.body);
    return accounts.refresh(
      refreshToken,
      clientFingerprint(clientAddress(request), request.headers['user-agent']),
    );
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const { refreshToken } = parseOrThrow(LogoutRequest, request.body);
    await accounts.logout(refreshToken);
    return reply.code(204).send();
  });

  /** Signs the caller out of every sign-in, this one included. */
  app.post('/api/auth/logout-all', async (request, reply) => {
    await accounts.logoutEverywhere(requireIdentity(request).userId);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request) => accounts.me(requireIdentity(request).userId));

  app.patch('/api/auth/me', async (request) => {
    const { userId } = requireIdentity(request);
    const { nickname } = parseOrThrow(UpdateMeRequest, request.body);
    return accounts.changeNickname(userId, nickname);
  });

  app.post('/api/auth/upgrade', async (request) => {
    const { userId } = requireIdentity(request);
    const { email, password } = parseOrThrow(UpgradeGuestRequest, request.body);
    return accounts.upgradeGuest(userId, email, password);
  });

  app.post<{ Querystring: { returnTo?: string } }>('/api/auth/oidc/google/upgrade', async (request) => {
    const { userId } = requireIdentity(request);
    const url = await accounts.startOidc(request.query.returnTo ?? '/profile', userId);
    return { url: url.toString() };
  });

  app.get('/api/auth/.well-known/jwks.json', async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=300').send(await keyRing.jwks());
  });

  app.get('/api/auth/providers', async () => accounts.providers());

  app.get<{ Querystring: { returnTo?: string } }>('/api/auth/oidc/google/start', async (request, reply) => {
    const url = await accounts.startOidc(request.query.returnTo ?? '/lobby');
    return reply.redirect(url.toString(), 302);
  });

  // The browser arrives here from the provider: failures go back to the web app as an error code
  // it can show, not as a JSON body on a blank page.
  app.get('/api/auth/oidc/google/callback', async (request, reply) => {
    const landing = new URL('/auth/callback', publicUrl);
    try {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const { ticket, returnTo } = await accounts.completeOidc(query);
      landing.searchParams.set('ticket', ticket);
      landing.searchParams.set('returnTo', returnTo);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      request.log.warn({ code: error.code, reason: error.message }, 'oidc callback failed');
      landing.searchParams.set('error', error.code);
    }
    return reply.redirect(landing.toString(), 302);
  });

  app.post('/api/auth/oidc/exchange', async (request) => {
    const { ticket } = parseOrThrow(OidcExchangeRequest, request.body);
    return accounts.exchangeTicket(ticket);
  });

  app.post('/api/auth/oidc/signup', async (request, reply) => {
    const { signupToken, nickname } = parseOrThrow(OidcSignupRequest, request.body);
    return reply.code(201).send(await accounts.signUpWithToken(signupToken, nickname));
  });
}
