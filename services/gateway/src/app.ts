import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import replyFrom from '@fastify/reply-from';
import cors from '@fastify/cors';
import { Gauge } from 'prom-client';
import {
  AppError,
  createHttpService,
  errorBody,
  tooManyRequests,
  unauthenticated,
  type HttpService,
  type Identity,
  type Logger,
  TokenVerifier,
} from '@corazy/service-kit';
import { SessionRevocations, type SharedState, type WindowCheck } from '@corazy/shared-state';
import { clientAddressOf } from './client-address.js';
import type { GatewaySettings } from './config.js';
import { bearerToken, forwardedHeaders } from './forwarded-headers.js';
import { isPublic, routeFor, type UpstreamName } from './route-table.js';
import { WebSocketTunnels } from './websocket-tunnel.js';

/** Routes whose bodies may exceed BODY_LIMIT_BYTES: a run's stdin (1 MiB as JSON), problem uploads. */
const LARGE_BODY_ROUTES = [
  { method: 'POST', url: '/api/runs' },
  { method: 'POST', url: '/api/problems/import' },
  { method: 'PUT', url: '/api/problems/:slug/tests/:name' },
] as const;

export interface GatewayDependencies {
  config: GatewaySettings;
  state: SharedState;
  logger: Logger;
}

interface Admission {
  upstream: string;
  identity: Identity | undefined;
}

export async function createGatewayService({
  config,
  state,
  logger,
}: GatewayDependencies): Promise<HttpService> {
  const upstreams: Record<UpstreamName, string | undefined> = {
    auth: config.AUTH_URL,
    relay: config.RELAY_URL,
    compile: config.COMPILE_URL,
  };
  const jwksUrl = config.JWKS_URL ?? (config.AUTH_URL && `${config.AUTH_URL}/api/auth/.well-known/jwks.json`);
  const revocations = new SessionRevocations(state);
  const stopFollowingRevocations = await revocations.follow({
    onError: (error) => logger.warn({ err: error }, 'cannot read session revocations; retrying'),
  });
  const verifier = jwksUrl
    ? new TokenVerifier({
        jwksUrl,
        issuer: config.TOKEN_ISSUER,
        cooldownMs: config.JWKS_COOLDOWN_MS,
        revocations,
      })
    : undefined;
  // Both budgets are checked in one round trip to Redis: this runs on every request.
  const windowsFor = (address: string, identity: Identity | undefined): WindowCheck[] => [
    { key: `gateway:address:${address}`, points: config.RATE_LIMIT_PER_IP, windowSeconds: 60 },
    ...(identity
      ? [{ key: `gateway:user:${identity.userId}`, points: config.RATE_LIMIT_PER_USER, windowSeconds: 60 }]
      : []),
  ];

  const service = createHttpService({
    service: 'gateway',
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    drainDelayMs: config.DRAIN_DELAY_MS,
    readiness: [{ name: 'shared-state', check: () => state.ping() }],
    routeLabel: (request) => {
      const route = routeFor(request.url.split('?')[0]!);
      return route ? `${route.prefix}/*` : (request.routeOptions.url ?? 'unmatched');
    },
  });
  const { app } = service;

  /** The checks every request passes, HTTP or WebSocket: route, identity, rate limits, upstream. */
  async function admit(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    address: string,
  ): Promise<Admission> {
    const route = routeFor(path);
    if (!route) throw new AppError('NOT_FOUND', `no service answers ${path}`);
    const open = isPublic(method, path);
    const token = bearerToken(headers, query);
    let identity: Identity | undefined;
    if (token !== undefined) {
      if (!verifier) throw new AppError('SERVICE_UNAVAILABLE', 'token verification is not configured');
      try {
        identity = await verifier.verify(token);
      } catch (error) {
        // On a public route a stale token is no reason to refuse; the caller is simply anonymous.
        if (!open || (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE')) throw error;
      }
    } else if (!open) {
      throw unauthenticated('an access token is required');
    }
    await enforceRateLimits(address, identity);
    const upstream = upstreams[route.upstream];
    if (!upstream)
      throw new AppError('SERVICE_UNAVAILABLE', `the ${route.upstream} service is not running here yet`);
    return { upstream, identity };
  }

  async function enforceRateLimits(address: string, identity: Identity | undefined) {
    try {
      const refused = (await state.consumeWindows(windowsFor(address, identity))).filter(
        (decision) => !decision.allowed,
      );
      if (refused.length > 0)
        throw tooManyRequests(Math.max(...refused.map((decision) => decision.retryAfterMs)));
    } catch (error) {
      if (error instanceof AppError) throw error;
      // A rate limiter that cannot reach Redis lets traffic through rather than take the site down.
      logger.warn({ err: error }, 'rate limiter unavailable; admitting');
    }
  }

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  await app.register(replyFrom, {
    undici: {
      connections: 256,
      pipelining: 1,
      connect: { timeout: config.CONNECT_TIMEOUT_MS },
      headersTimeout: config.RESPONSE_TIMEOUT_MS,
      bodyTimeout: config.RESPONSE_TIMEOUT_MS,
    },
    disableRequestLogging: true,
    // Its connections to the upstreams end with the gateway (kept, they held up an upstream's stop).
    destroyAgent: true,
  });
  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: config.CORS_ORIGINS,
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
  }

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const [path, search = ''] = request.url.split('?') as [string, string?];
    const query = new URLSearchParams(search);
    const address = clientAddressOf(request.raw, config.TRUSTED_PROXY_HOPS);
    const { upstream, identity } = await admit(request.method, path, query, request.headers, address);
    query.delete('access_token');
    const target = `${upstream}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    return reply.from(target, {
      // The body was read raw (never parsed), and travels on byte for byte.
      ...(body && { body, contentType: request.headers['content-type'] ?? 'application/octet-stream' }),
      rewriteRequestHeaders: (_request, headers) =>
        forwardedHeaders(headers, {
          identity,
          requestId: request.id,
          clientAddress: address,
          protocol: request.protocol,
          host: request.headers.host,
        }),
      retryDelay: () => null,
      onError: (failed, { error }) => sendUpstreamError(failed, error),
    });
  };

  app.all('/api/*', forward);
  // Calls that carry more than the default body limit: the upstream checks the exact size.
  for (const { method, url } of LARGE_BODY_ROUTES) {
    app.route({ method, url, bodyLimit: config.LARGE_BODY_LIMIT_BYTES, handler: forward });
  }

  const tunnels = new WebSocketTunnels(logger, config.CONNECT_TIMEOUT_MS, async (request, requestId) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const address = clientAddressOf(request, config.TRUSTED_PROXY_HOPS);
    const { upstream, identity } = await admit(
      'GET',
      url.pathname,
      url.searchParams,
      request.headers,
      address,
    );
    url.searchParams.delete('access_token');
    return {
      upstream: new URL(`${url.pathname}${url.search}`, upstream),
      headers: forwardedHeaders(
        request.headers,
        { identity, requestId, clientAddress: address, protocol: 'http', host: request.headers.host },
        { keepUpgrade: true },
      ),
    };
  });
  app.server.on('upgrade', (request, socket, head) => tunnels.handle(request, socket, head));
  // Before the server closes: it would otherwise wait for these long-lived sockets to end by themselves.
  app.addHook('preClose', async () => tunnels.closeAll());
  service.onStop(stopFollowingRevocations);
  new Gauge({
    name: 'gateway_websocket_tunnels_open',
    help: 'WebSocket connections currently proxied',
    registers: [service.metrics],
    collect() {
      this.set(tunnels.size);
    },
  });
  return service;
}

/** Maps what went wrong reaching the upstream to 502 (unreachable) or 504 (too slow). */
function sendUpstreamError(
  reply: { code(status: number): { send(body: unknown): unknown }; log: Pick<Logger, 'warn'> },
  error: Error & { cause?: unknown },
) {
  const cause = (error.cause ?? error) as { code?: string; name?: string };
  const timedOut =
    cause.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    cause.code === 'UND_ERR_BODY_TIMEOUT' ||
    cause.code === 'UND_ERR_CONNECT_TIMEOUT' ||
    cause.name === 'TimeoutError';
  reply.log.warn({ err: error }, 'upstream request failed');
  if (timedOut)
    reply.code(504).send(errorBody('UPSTREAM_TIMEOUT', 'the service behind this address took too long'));
  else
    reply.code(502).send(errorBody('UPSTREAM_UNAVAILABLE', 'the service behind this address is unavailable'));
}
