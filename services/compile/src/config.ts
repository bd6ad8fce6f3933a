import { z } from 'zod';
import { env } from '@corazy/service-kit';

/** What the compile service needs to know, whatever its database, Redis and broker are. */
export const CompileSettings = z
  .object({
    PORT: env.port(8082),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: env.logLevel(),
    DRAIN_DELAY_MS: env.int(0),
    /** Where the catalogue folders are; defaults to the one shipped with the package. */
    CATALOGUE_DIR: z.string().optional(),
    /** Seed the catalogue at start (idempotent; unchanged folders are skipped). */
    SEED_CATALOGUE: env.bool(true),
    /** Submissions and runs one signed-in user may make per minute (accepted ones: refusals do not count). */
    JOBS_PER_MINUTE: env.int(30, 1),
    /** Jobs of one signed-in user waiting for a result at once. */
    MAX_ACTIVE_JOBS_PER_USER: env.int(5, 1),
    /** The same for a guest, whom anyone can become at no cost: at most the signed-in values. */
    GUEST_JOBS_PER_MINUTE: env.int(10, 1),
    GUEST_MAX_ACTIVE_JOBS: env.int(2, 1),
    RUN_TIME_LIMIT_MS: env.int(3_000, 100),
    RUN_MEMORY_LIMIT_MB: env.int(256, 16),
    /** A job with no result (and no progress) this long after it was published is presumed lost. */
    JOB_STALL_TIMEOUT_MS: env.int(120_000, 100),
    /** Times a job is handed to the queue before it is given up with INTERNAL_ERROR. */
    MAX_JOB_ENQUEUES: env.int(3, 1),
    OUTBOX_POLL_MS: env.int(500, 10),
    /**
     * Jobs handed to the workers at once, across replicas (docs/grading.md, fair dispatch): the workers'
     * slots together (WORKER_CONCURRENCY of each) plus one. More waits here and is dispatched fairly.
     */
    DISPATCH_WINDOW: env.int(3, 1),
    OUTBOX_BATCH_SIZE: env.int(32, 1),
    WATCHDOG_INTERVAL_MS: env.int(5_000, 50),
    /** Open event streams and long polls re-read the store this often, in case an event was missed. */
    STREAM_REFRESH_MS: env.int(2_000, 50),
    /** SSE comment lines so that proxies keep an idle stream open. */
    SSE_HEARTBEAT_MS: env.int(15_000, 50),
    /** Decompressed test data kept in memory, for building jobs of popular problems quickly. */
    TEST_CACHE_MB: env.int(64, 0),
    /** How long verifying a problem package waits for one submission's result before calling it lost. */
    PACKAGE_VERIFY_TIMEOUT_MS: env.int(300_000, 1_000),
  })
  .refine((settings) => settings.GUEST_JOBS_PER_MINUTE <= settings.JOBS_PER_MINUTE, {
    path: ['GUEST_JOBS_PER_MINUTE'],
    message: 'guests may not get more runs per minute than signed-in users (JOBS_PER_MINUTE)',
  })
  .refine((settings) => settings.GUEST_MAX_ACTIVE_JOBS <= settings.MAX_ACTIVE_JOBS_PER_USER, {
    path: ['GUEST_MAX_ACTIVE_JOBS'],
    message: 'guests may not get more active jobs than signed-in users (MAX_ACTIVE_JOBS_PER_USER)',
  });
export type CompileSettings = z.infer<typeof CompileSettings>;

/** The standalone process: the settings plus where its PostgreSQL, Redis and RabbitMQ are. */
export const CompileConfig = CompileSettings.extend({
  DATABASE_URL: env.url(),
  REDIS_URL: env.url(),
  AMQP_URL: env.url(),
  /** Prefix of exchange and queue names, for deployments sharing a broker; the workers use the same. */
  AMQP_NAMESPACE: z.string().default(''),
});
export type CompileConfig = z.infer<typeof CompileConfig>;
