import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import replyFrom from '@fastify/reply-from';
import cors from '@fastify/cors';
import { Gauge } from 'prom-client';
import {
  AppError,
  createHttpService,
  errorBody,
  forbidden,
  tooManyRequests,
  unauthenticated,
  type HttpService,
  type Identity,
  type Logger,
  TokenVerifier,
  withoutQueryParameter,
} from '@corazy/service-kit';
import { SessionRevocations, type SharedState, type WindowCheck } from '@corazy/shared-state';
import { clientAddressOf } from './client-address.js';
import type { GatewaySettings } from './config.js';
import { bearerToken, forwardedHeaders } from './forwarded-headers.js';
import { ADMIN_UPLOADS, BODY_LIMITS, isPublic, routeFor, type UpstreamName } from './route-table.js';
import { API_SECURITY_HEADERS } from './security-headers.js';
import { WebSocketTunnels } from './websocket-tunnel.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the gateway decided before reading the body (set on every proxied route). */
    admission: Admission | null;
  }
}

export interface GatewayDependencies {
  config: GatewaySettings;
  state: SharedState;
  logger: Logger;
}

interface Admission {
  upstream: string;
  identity: Identity | undefined;
  address: string;
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
    search: string,
    headers: IncomingHttpHeaders,
    address: string,
  ): Promise<Admission> {
    const route = routeFor(path);
    if (!route) throw new AppError('NOT_FOUND', `no service answers ${path}`);
    const open = isPublic(method, path);
    const token = bearerToken(headers, search);
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
    return { upstream, identity, address };
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
  app.decorateRequest('admission', null);
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
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(API_SECURITY_HEADERS);
  });

  // Node answers `Expect: 100-continue` before any check when left to itself; here the client is
  // told to send its body only once the request is admitted and its declared size fits (below).
  app.server.on('checkContinue', (request, response) => app.server.emit('request', request, response));
  app.addHook('preParsing', async (request, reply, payload) => {
    if (Number(request.headers['content-length']) > request.routeOptions.bodyLimit) {
      reply.header('connection', 'close');
      throw payloadTooLarge(request.routeOptions.bodyLimit);
    }
    if (request.headers.expect?.toLowerCase() === '100-continue') reply.raw.writeContinue();
    return payload;
  });

  /** Identity, rate limits and upstream, decided before a byte of the body is read. */
  const admitRequest = async (request: FastifyRequest) => {
    const queryStart = request.url.indexOf('?');
    const address = clientAddressOf(request.raw, config.TRUSTED_PROXY_HOPS);
    request.admission = await admit(
      request.method,
      queryStart === -1 ? request.url : request.url.slice(0, queryStart),
      queryStart === -1 ? '' : request.url.slice(queryStart + 1),
      request.headers,
      address,
    );
  };

  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    const { upstream, identity, address } = request.admission!;
    // Tokens travel in headers only: one given as a query parameter goes no further than here.
    const url = withoutQueryParameter(request.url, 'access_token');
    const queryStart = url.indexOf('?');
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    return reply.from(`${upstream}${queryStart === -1 ? url : url.slice(0, queryStart)}`, {
      // Without this, reply-from falls back to the client's own query string when none is left.
      queryString: () => (queryStart === -1 ? '' : url.slice(queryStart + 1)),
      // A buffered body was read raw (never parsed) and travels on byte for byte; a streamed one
      // (an administrator's upload) is piped by reply-from from request.body.
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
      onError: (failed, { error }) => {
        const cause = (error as { cause?: unknown }).cause ?? error;
        if (cause instanceof AppError) failed.header('connection', 'close').send(cause);
        else sendUpstreamError(failed, error);
      },
    });
  };

  app.all('/api/*', { onRequest: admitRequest }, forward);
  for (const { method, url, bytes } of BODY_LIMITS) {
    app.route({ method, url, bodyLimit: bytes, onRequest: admitRequest, handler: forward });
  }
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', (_request, payload, done) =>
      done(null, limitedStream(payload, config.LARGE_BODY_LIMIT_BYTES)),
    );
    for (const { method, url } of ADMIN_UPLOADS) {
      uploads.route({
        method,
        url,
        bodyLimit: config.LARGE_BODY_LIMIT_BYTES,
        onRequest: [
          admitRequest,
          async (request) => {
            if (request.admission?.identity?.role !== 'ADMIN') throw forbidden('administrators only');
          },
        ],
        handler: forward,
      });
    }
  });

  const tunnels = new WebSocketTunnels(logger, config.CONNECT_TIMEOUT_MS, async (request, requestId) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const address = clientAddressOf(request, config.TRUSTED_PROXY_HOPS);
    const { upstream, identity } = await admit(
      'GET',
      url.pathname,
      url.search.slice(1),
      request.headers,
      address,
    );
    return {
      upstream: new URL(withoutQueryParameter(`${url.pathname}${url.search}`, 'access_token'), upstream),
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

const payloadTooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `the body is larger than this call accepts (${limit} bytes)`);

/** The body as it streams in, failing with 413 PAYLOAD_TOO_LARGE as soon as it passes `limit`. */
function limitedStream(payload: Readable, limit: number): Readable {
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback(received > limit ? payloadTooLarge(limit) : null, chunk);
    },
  });
  payload.on('error', (error) => counted.destroy(error));
  return payload.pipe(counted);
}
