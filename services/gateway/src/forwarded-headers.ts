import type { IncomingHttpHeaders } from 'node:http';
import { IdentityHeader, REQUEST_ID_HEADER } from '@corazy/contracts';
import type { Identity } from '@corazy/service-kit';

/** Headers that never travel upstream as the client sent them. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  // Answered by the gateway itself (see app.ts); undici refuses to send it on.
  'expect',
]);

/**
 * The headers a request carries upstream: every client-sent `X-User-*` and the credentials removed,
 * then the identity the gateway verified, the request id and the client's address added.
 */
export function forwardedHeaders(
  incoming: IncomingHttpHeaders,
  context: {
    identity: Identity | undefined;
    requestId: string;
    clientAddress: string;
    protocol: string;
    /** The Host the client asked for. */
    host: string | undefined;
  },
  options: { keepUpgrade?: boolean } = {},
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (name.startsWith('x-user-') || name === 'authorization' || name === 'cookie') continue;
    if (name.startsWith('x-forwarded-') || name === 'forwarded') continue;
    if (HOP_BY_HOP.has(name)) continue;
    if (!options.keepUpgrade && name === 'upgrade') continue;
    headers[name] = value;
  }
  if (context.identity) {
    headers[IdentityHeader.userId] = context.identity.userId;
    headers[IdentityHeader.nickname] = encodeURIComponent(context.identity.nickname);
    headers[IdentityHeader.role] = context.identity.role;
    if (context.identity.sessionId) headers[IdentityHeader.sessionId] = context.identity.sessionId;
    if (context.identity.expiresAt) headers[IdentityHeader.expiresAt] = String(context.identity.expiresAt);
  }
  headers[REQUEST_ID_HEADER] = context.requestId;
  headers['x-forwarded-for'] = context.clientAddress;
  headers['x-forwarded-proto'] = context.protocol;
  if (context.host) headers['x-forwarded-host'] = context.host;
  if (options.keepUpgrade) headers.connection = 'Upgrade';
  return headers;
}

/**
 * The bearer token of a request: the Authorization header, or the `access_token` query parameter
 * (by its decoded name) for what cannot set headers: WebSocket upgrades and EventSource.
 */
export function bearerToken(headers: IncomingHttpHeaders, search: string): string | undefined {
  const authorization = headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ?? '';
  }
  if (search === '') return undefined;
  return new URLSearchParams(search).get('access_token') ?? undefined;
}
