import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { REQUEST_ID_HEADER, type ErrorBody, type ErrorCode } from '@corazy/contracts';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { redactUrl } from './url-credentials.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency answers; rejects or hangs past the timeout when it does not. */
  check: () => Promise<unknown>;
}

export interface HttpServiceOptions {
  service: string;
  logger: Logger;
  /** Largest request body in bytes; larger ones get 413 PAYLOAD_TOO_LARGE. */
  bodyLimit?: number;
  readiness?: ReadinessCheck[];
  /** Time between failing readiness and closing the listener, so load balancers stop sending first. */
  drainDelayMs?: number;
  /**
   * How long requests in flight (and upgraded sockets) may take to finish once the listener closes;
   * whatever is still open then is cut. 10 s unless given.
   */
  drainTimeoutMs?: number;
  /** Metric label for a request's route; defaults to the matched route pattern. */
  routeLabel?: (request: FastifyRequest) => string;
}

export interface HttpService {
  app: FastifyInstance;
  metrics: Registry;
  logger: Logger;
  /** Runs on stop, after the listener has drained, in registration order (close pools here). */
  onStop(closer: () => Promise<unknown>): void;
  listen(port: number, host: string): Promise<string>;
  /**
   * Fail readiness, wait for the drain delay, stop accepting, finish in-flight requests (cutting those
   * that outlast the drain timeout), then close.
   */
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;
/** Well inside stopOnSignals' grace, and a container runtime's usual 30 s before it kills. */
const DRAIN_TIMEOUT_MS = 10_000;
/** How soon a connection whose last request ended during the drain is closed. */
const IDLE_SWEEP_MS = 50;
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is a sane one, else a new id: logs never carry junk or a flood. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const incoming = headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function createHttpService(options: HttpServiceOptions): HttpService {
  const { service, logger } = options;
  const app: FastifyInstance = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
    loggerInstance: logger,
    // One line per request, written in onResponse below, instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

  const metrics = new Registry();
  metrics.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metrics });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [metrics],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics],
  });
  const routeLabel =
    options.routeLabel ?? ((request: FastifyRequest) => request.routeOptions.url ?? 'unmatched');

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: routeLabel(request), status: String(reply.statusCode) };
    const seconds = reply.elapsedTime / 1000;
    requests.inc(labels);
    durations.observe(labels, seconds);
    // Checked first: building the entry costs something on every request, logged or not.
    if (logger.isLevelEnabled('info')) {
      request.log.info(
        {
          method: request.method,
          url: redactUrl(request.url),
          status: reply.statusCode,
          ms: round(reply.elapsedTime),
        },
        'request',
      );
    }
  });

  let stopping = false;
  const closers: (() => Promise<unknown>)[] = [];

  // Every open connection, upgraded ones included: the listener closes only once they have all ended.
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  /**
   * Stops accepting and waits for the open connections to end. Node closes the connections idle at
   * that moment, but neither one that has not sent a request yet (a pool's spare) nor one whose request
   * ends later: each would stay open as long as its client keeps it, a minute or more for a pool. So
   * they are closed as they become idle, and whatever outlasts the drain timeout (a request that never
   * ends, an upgraded socket its owner did not end) is cut.
   */
  async function closeListener() {
    const closing = app.close();
    const sweep = () => {
      app.server.closeIdleConnections();
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    };
    sweep();
    const sweeping = setInterval(sweep, IDLE_SWEEP_MS);
    const cutOff = setTimeout(() => {
      logger.warn({ connections: sockets.size }, 'drain timed out: closing what is still open');
      for (const socket of sockets) socket.destroy();
    }, options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
    try {
      await closing;
    } finally {
      clearInterval(sweeping);
      clearTimeout(cutOff);
    }
  }

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (stopping) return reply.code(503).send({ status: 'stopping' });
    const results = await Promise.all(
      (options.readiness ?? []).map(async ({ name, check }) => {
        try {
          await withTimeout(check(), READINESS_TIMEOUT_MS);
          return { name, ok: true as const };
        } catch (error) {
          return { name, ok: false as const, error: (error as Error).message };
        }
      }),
    );
    const ready = results.every((result) => result.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results });
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });

  app.setNotFoundHandler(async (request, reply) => {
    return reply
      .code(404)
      .send(errorBody('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`));
  });
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send(errorBody(error.code, error.message, error.details));
    }
    const mapped = mapFrameworkError(error);
    if (mapped) return reply.code(mapped.status).send(errorBody(mapped.code, error.message));
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send(errorBody('INTERNAL_ERROR', 'something went wrong; the request id names it in our logs'));
  });

  return {
    app,
    metrics,
    logger,
    onStop: (closer) => closers.push(closer),
    async listen(port, host) {
      return app.listen({ port, host });
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      logger.info('stopping: readiness failed, draining');
      if (options.drainDelayMs) await sleep(options.drainDelayMs);
      await closeListener();
      for (const close of closers) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, 'closing a dependency failed');
        }
      }
      logger.info('stopped');
    },
  };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

function mapFrameworkError(error: FastifyError): { status: number; code: ErrorCode } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      status: error.statusCode,
      code: error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
    };
  }
  return undefined;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
