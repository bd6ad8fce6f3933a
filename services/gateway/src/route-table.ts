/** Which service answers which part of /api, which calls need no access token, and how large a body each takes. */
import { MAX_SOURCE_BYTES, MAX_STDIN_BYTES } from '@corazy/contracts';

export type UpstreamName = 'auth' | 'relay' | 'compile';

export interface Route {
  prefix: string;
  upstream: UpstreamName;
}

export const ROUTES: readonly Route[] = [
  { prefix: '/api/auth', upstream: 'auth' },
  { prefix: '/api/relay', upstream: 'relay' },
  { prefix: '/api/rankings', upstream: 'relay' },
  { prefix: '/api/problems', upstream: 'compile' },
  { prefix: '/api/dictations', upstream: 'compile' },
  { prefix: '/api/submissions', upstream: 'compile' },
  { prefix: '/api/runs', upstream: 'compile' },
];

/**
 * Calls anyone may make. Everything else under /api needs a valid access token. A pattern ending in
 * `/*` matches the path below it.
 */
export const PUBLIC_ROUTES: readonly { method: string; path: string }[] = [
  { method: 'POST', path: '/api/auth/guest' },
  { method: 'POST', path: '/api/auth/register' },
  { method: 'POST', path: '/api/auth/login' },
  { method: 'POST', path: '/api/auth/refresh' },
  { method: 'POST', path: '/api/auth/logout' },
  { method: 'POST', path: '/api/auth/oidc/exchange' },
  { method: 'POST', path: '/api/auth/oidc/signup' },
  { method: 'GET', path: '/api/auth/.well-known/jwks.json' },
  { method: 'GET', path: '/api/auth/providers' },
  { method: 'GET', path: '/api/auth/oidc/google/start' },
  { method: 'GET', path: '/api/auth/oidc/google/callback' },
  { method: 'GET', path: '/api/problems' },
  { method: 'GET', path: '/api/problems/*' },
  { method: 'GET', path: '/api/dictations' },
  { method: 'GET', path: '/api/dictations/*' },
  { method: 'GET', path: '/api/rankings' },
  { method: 'GET', path: '/api/rankings/*' },
];

export function routeFor(path: string): Route | undefined {
  return ROUTES.find((route) => path === route.prefix || path.startsWith(`${route.prefix}/`));
}

export function isPublic(method: string, path: string): boolean {
  const normalizedMethod = method === 'HEAD' ? 'GET' : method;
  return PUBLIC_ROUTES.some(
    (route) =>
      route.method === normalizedMethod &&
      (route.path.endsWith('/*') ? path.startsWith(route.path.slice(0, -1)) : path === route.path),
  );
}

/**
 * A JSON body carrying `textBytes` of program text: escaping at most doubles ordinary text (newlines,
 * quotes, tabs and backslashes take two bytes), plus room for the other fields. Control characters
 * escape to six bytes, so a stdin made mostly of them is refused here before compile would see it.
 */
const jsonCarrying = (textBytes: number) => 2 * textBytes + 16 * 1024;

/** Calls whose body may exceed the default limit, and by how much: what the upstream accepts. */
export const BODY_LIMITS: readonly { method: string; url: string; bytes: number }[] = [
  { method: 'POST', url: '/api/runs', bytes: jsonCarrying(MAX_SOURCE_BYTES + MAX_STDIN_BYTES) },
  { method: 'POST', url: '/api/submissions', bytes: jsonCarrying(MAX_SOURCE_BYTES) },
];

/**
 * Administrators' uploads (problem archives, test files): admitted only for the ADMIN role, before a
 * byte of the body is read, then streamed to the upstream instead of held in the gateway's memory.
 */
export const ADMIN_UPLOADS: readonly { method: string; url: string }[] = [
  { method: 'POST', url: '/api/problems/import' },
  { method: 'PUT', url: '/api/problems/:slug/tests/:name' },
];
