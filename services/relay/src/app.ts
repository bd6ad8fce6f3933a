import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { migrate, type Database } from '@corazy/database';
import { createHttpService, TokenVerifier, type HttpService, type Logger } from '@corazy/service-kit';
import { SessionRevocations, type SharedState } from '@corazy/shared-state';
import { compileClient } from './adapters/compile-client.js';
import { sqlArchive } from './adapters/sql-archive.js';
import type { RelaySettings } from './config.js';
import type { Judge } from './domain/judge.js';
import type { RelayStores } from './domain/ports.js';
import { RelayEngine } from './domain/relay-engine.js';
import { relayMetrics } from './metrics.js';
import { roomCreationLimit } from './room-creation-limit.js';
import { registerRoutes } from './routes.js';
import { SocketHub } from './socket-hub.js';
import { startTimerLoop } from './timer-loop.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

export interface RelayDependencies {
  config: RelaySettings;
  /** Redis (connectRedisStores) for replicas, memory (memoryStores) for the embedded platform. */
  stores: RelayStores;
  /** Rate limits shared by replicas (chat). */
  state: SharedState;
  logger: Logger;
  /** The compile service; by default over HTTP at COMPILE_URL. */
  judge?: Judge;
  /**
   * PostgreSQL (or PGlite) for finished games, ratings and dictation bests (schema `relay`, migrated
   * here). Without it they stay in `stores` (Redis or memory).
   */
  db?: Database;
}

export interface RelayService extends HttpService {
  engine: RelayEngine;
  hub: SocketHub;
}

/** Builds the relay on the given adapters: HTTP routes, the WebSocket endpoint and the timer loop. */
export async function createRelayService({
  config,
  stores: sharedStores,
  state,
  logger,
  judge,
  db,
}: RelayDependencies): Promise<RelayService> {
  if (db) await migrate(db, 'relay', MIGRATIONS_DIR);
  const stores: RelayStores = db ? { ...sharedStores, archive: sqlArchive(db) } : sharedStores;
  const replicaId = config.REPLICA_ID ?? `${hostname()}-${randomUUID().slice(0, 8)}`;
  const service = createHttpService({
    service: 'relay',
    logger,
    drainDelayMs: config.DRAIN_DELAY_MS,
    readiness: [
      { name: 'relay-state', check: () => stores.ping() },
      ...(db ? [{ name: 'postgres', check: () => db.ping() }] : []),
    ],
  });
  const metrics = relayMetrics(service.metrics);
  const engine = new RelayEngine(stores, judge ?? compileClient(config.COMPILE_URL), logger);
  const revocations = new SessionRevocations(state);
  const verifier = config.JWKS_URL
    ? new TokenVerifier({
        jwksUrl: config.JWKS_URL,
        issuer: config.TOKEN_ISSUER,
        cooldownMs: config.JWKS_COOLDOWN_MS,
        revocations,
      })
    : undefined;
  const hub = new SocketHub(engine, stores, logger, metrics, {
    replicaId,
    slowClientBytes: config.SLOW_CLIENT_BYTES,
    messagesPerSecond: config.MESSAGES_PER_SECOND,
    messageBurst: config.MESSAGE_BURST,
    heartbeatMs: config.HEARTBEAT_MS,
    chatLimiter: state.rateLimiter({ name: 'relay:chat', points: config.CHAT_PER_10S, windowSeconds: 10 }),
    verifier,
    revocations,
    socketsPerUser: config.SOCKETS_PER_USER,
    openSockets: (userId) => state.expiringSet(`relay:sockets:${userId}`),
  });
  await hub.start();
  // Sockets of a sign-in that ends (logout, sign-out everywhere, a stolen refresh token) close at once.
  const stopFollowingRevocations = await revocations.follow({
    onRevoked: (sessionId) => hub.endSession(sessionId),
    onError: (error) => logger.warn({ err: error }, 'cannot read session revocations; retrying'),
  });
  registerRoutes(service.app, engine, stores, {
    limitRoomCreation: roomCreationLimit(state, {
      perUser: config.ROOMS_PER_MINUTE_PER_USER,
      perAddress: config.ROOMS_PER_MINUTE_PER_ADDRESS,
    }),
  });
  service.app.server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head));
  const timers = startTimerLoop(stores.timers, engine, logger, metrics, {
    pollMs: config.TIMER_POLL_MS,
    leaseMs: config.TIMER_LEASE_MS,
  });
  // Sockets are not HTTP requests: the listener's drain does not end them, so they are closed first.
  const stop = service.stop.bind(service);
  return {
    ...service,
    engine,
    hub,
    async stop() {
      await timers.stop();
      await stopFollowingRevocations();
      await hub.stop();
      await stop();
    },
  };
}
