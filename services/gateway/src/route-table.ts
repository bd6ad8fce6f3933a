/** Which service answers which part of /api, and which calls need no access token. */

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
