import { z } from 'zod';
import { env } from '@corazy/service-kit';

/** What the relay needs to know, whatever its Redis is. */
export const RelaySettings = z.object({
  PORT: env.port(8084),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** The compile service, called directly inside the cluster (problems, submissions, their streams). */
  COMPILE_URL: env.url().default('http://127.0.0.1:8082'),
  /** Names this replica in logs and in `welcome`; the pod name in Kubernetes. */
  REPLICA_ID: z.string().max(100).optional(),
  /** How often every replica looks for due room timers. */
  TIMER_POLL_MS: env.int(100, 10),
  /** A claimed timer returns to the queue after this long if its replica died before firing it. */
  TIMER_LEASE_MS: env.int(5_000, 100),
  /** Presence and lobby heartbeats; a connection is considered gone 3 beats after its replica's last. */
  HEARTBEAT_MS: env.int(5_000, 100),
  /** Unsent bytes after which a client that stopped reading is dropped. */
  SLOW_CLIENT_BYTES: env.int(1024 * 1024, 1024),
  MESSAGES_PER_SECOND: env.int(30, 1),
  MESSAGE_BURST: env.int(60, 1),
  /** Chat messages (lobby and rooms together) a user may send per 10 s, across replicas. */
  CHAT_PER_10S: env.int(8, 1),
  /** The auth service's published keys, for access tokens renewed over a socket (`auth.renew`). */
  JWKS_URL: env.url().optional(),
  TOKEN_ISSUER: z.string().default('corazy-auth'),
  /** After fetching the key set, no refetch for an unknown `kid` sooner than this. */
  JWKS_COOLDOWN_MS: env.int(30_000),
  /** Open sockets per user, across replicas; one more is closed at once with 4429. */
  SOCKETS_PER_USER: env.int(5, 1),
  /** Rooms a user, and an address, may create per minute (429 RATE_LIMITED with Retry-After). */
  ROOMS_PER_MINUTE_PER_USER: env.int(3, 1),
  ROOMS_PER_MINUTE_PER_ADDRESS: env.int(20, 1),
  DRAIN_DELAY_MS: env.int(0),
});
export type RelaySettings = z.infer<typeof RelaySettings>;

/** The standalone process: the settings plus where its Redis (and PostgreSQL) are. */
export const RelayConfig = RelaySettings.extend({
  REDIS_URL: env.url(),
  /** Finished games, ratings and dictation bests; in Redis when unset. */
  DATABASE_URL: env.url().optional(),
  /** Lets several deployments share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('corazy:relay:'),
});
export type RelayConfig = z.infer<typeof RelayConfig>;
