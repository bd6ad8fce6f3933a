import { fileURLToPath } from 'node:url';
import type { GradingFinal } from '@corazy/contracts';
import { Counter, Gauge } from 'prom-client';
import { migrate, type Database } from '@corazy/database';
import type { GradingQueue } from '@corazy/grading-queue';
import { createHttpService, type HttpService, type Logger } from '@corazy/service-kit';
import type { SharedState } from '@corazy/shared-state';
import { BlobStore } from './adapters/blob-store.js';
import { catalogueOnDisk, PACKAGED_CATALOGUE_DIR } from './adapters/catalogue-files.js';
import { QueueGrader } from './adapters/queue-grader.js';
import { SqlDictationRepository } from './adapters/sql-dictation-repository.js';
import { SqlJobRepository } from './adapters/sql-job-repository.js';
import { SqlProblemRepository } from './adapters/sql-problem-repository.js';
import type { CompileSettings } from './config.js';
import { Catalogue } from './domain/catalogue.js';
import { JobMessages } from './domain/job-messages.js';
import { Jobs } from './domain/jobs.js';
import { LiveResults } from './domain/live-results.js';
import { OutboxRelay } from './domain/outbox-relay.js';
import { ProblemPackages } from './domain/problem-package/package-import.js';
import type { JobRepository } from './domain/ports.js';
import { Results, Watchdog } from './domain/results.js';
import { seedCatalogue, type SeedReport } from './domain/seed.js';
import { registerRoutes } from './routes.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** How long a replica holds an outbox entry it is publishing; past it, another replica may. */
const OUTBOX_LEASE_MS = 30_000;

/** JSON bodies: a run's stdin (1 MiB) may grow when escaped; the domain checks the exact limits. */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface CompileDependencies {
  config: CompileSettings;
  db: Database;
  state: SharedState;
  queue: GradingQueue;
  logger: Logger;
}

export interface CompileService extends HttpService {
  /** What the seed at start did. */
  seedReport: SeedReport | undefined;
}

/**
 * Builds the compile service on the given adapters: migrates its schema, seeds the catalogue, starts
 * the outbox relay, the result consumer and the stuck-job watchdog. The queue is the caller's (and
 * closed by the caller); for RabbitMQ, pass a reconnecting one (`connectResilientRabbitQueue`).
 */
export async function createCompileService({
  config,
  db,
  state,
  queue,
  logger,
}: CompileDependencies): Promise<CompileService> {
  await migrate(db, 'compile', MIGRATIONS_DIR);

  const blobs = new BlobStore(config.TEST_CACHE_MB * 1024 * 1024);
  const problems = new SqlProblemRepository(db, blobs);
  const dictations = new SqlDictationRepository(db);
  const jobStore = new SqlJobRepository(db);
  const seedReport = config.SEED_CATALOGUE
    ? await seedCatalogue(
        catalogueOnDisk(config.CATALOGUE_DIR ?? PACKAGED_CATALOGUE_DIR),
        problems,
        dictations,
        logger,
      )
    : undefined;

  const live = new LiveResults();
  const results = new Results(
    // A stored result frees a slot of the dispatch window: dispatch the next job at once.
    afterStoredFinal(jobStore, () => relay.kick()),
    live,
    queue,
    {
      stallTimeoutMs: config.JOB_STALL_TIMEOUT_MS,
      retryDelayMs: 1_000,
      onDeadLetter: (event) => deadLettered.inc({ type: event.type }),
    },
    logger,
  );
  const jobs = new Jobs(
    problems,
    jobStore,
    live,
    {
      member: {
        maxActive: config.MAX_ACTIVE_JOBS_PER_USER,
        perMinute: state.rateLimiter({
          name: 'compile:jobs',
          points: config.JOBS_PER_MINUTE,
          windowSeconds: 60,
        }),
      },
      guest: {
        maxActive: config.GUEST_MAX_ACTIVE_JOBS,
        perMinute: state.rateLimiter({
          name: 'compile:jobs:guest',
          points: config.GUEST_JOBS_PER_MINUTE,
          windowSeconds: 60,
        }),
      },
      activeCapRetryAfterMs: 5_000,
      refreshMs: config.STREAM_REFRESH_MS,
    },
    () => relay.kick(),
    logger,
  );
  const relay = new OutboxRelay(
    jobStore,
    queue,
    new JobMessages(problems, jobStore, {
      timeLimitMs: config.RUN_TIME_LIMIT_MS,
      memoryLimitMb: config.RUN_MEMORY_LIMIT_MB,
    }),
    (final) => results.finishHere(final),
    {
      batchSize: config.OUTBOX_BATCH_SIZE,
      window: config.DISPATCH_WINDOW,
      leaseMs: OUTBOX_LEASE_MS,
      pollMs: config.OUTBOX_POLL_MS,
      publishTimeoutMs: 10_000,
      stallTimeoutMs: config.JOB_STALL_TIMEOUT_MS,
    },
    logger,
  );
  const watchdog = new Watchdog(
    jobStore,
    queue,
    live,
    () => relay.kick(),
    {
      intervalMs: config.WATCHDOG_INTERVAL_MS,
      maxEnqueues: config.MAX_JOB_ENQUEUES,
      outboxRetentionMs: 7 * 24 * 60 * 60_000,
    },
    logger,
  );

  // Readiness leaves the broker out on purpose: with it away, submissions are still taken (into the
  // outbox), so pulling this replica out of the load balancer would only turn a delay into errors.
  const service = createHttpService({
    service: 'compile',
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    drainDelayMs: config.DRAIN_DELAY_MS,
    readiness: [
      { name: 'postgres', check: () => db.ping() },
      { name: 'shared-state', check: () => state.ping() },
    ],
  });

  const deadLettered = new Counter({
    name: 'compile_results_dead_lettered_total',
    help: 'Grading events that could not be stored and were given up (their job answered INTERNAL_ERROR), by type',
    labelNames: ['type'] as const,
    registers: [service.metrics],
  });
  const accepted = new Counter({
    name: 'compile_jobs_accepted_total',
    help: 'Submissions and runs accepted (answered 202), by kind',
    labelNames: ['kind'] as const,
    registers: [service.metrics],
  });
  let openStreams = 0;
  new Gauge({
    name: 'compile_event_streams_open',
    help: 'Submission event streams (SSE) open on this replica',
    registers: [service.metrics],
    collect() {
      this.set(openStreams);
    },
  });
  new Gauge({
    name: 'compile_outbox_pending',
    help: 'Jobs stored but not yet confirmed by the broker',
    registers: [service.metrics],
    async collect() {
      // A scrape with the database away still answers, with the gauge left as it was.
      const backlog = await jobStore.outboxBacklog().catch(() => undefined);
      if (backlog) this.set(backlog.pending);
    },
  });
  new Gauge({
    name: 'compile_outbox_oldest_seconds',
    help: 'Age of the oldest job waiting in the outbox',
    registers: [service.metrics],
    async collect() {
      const backlog = await jobStore.outboxBacklog().catch(() => undefined);
      if (backlog) this.set(backlog.oldestAgeMs / 1000);
    },
  });
  new Gauge({
    name: 'compile_queue_connected',
    help: '1 while the grading queue is reachable',
    registers: [service.metrics],
    async collect() {
      this.set(
        await queue.ping().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });

  // Verifying a package grades its submissions through the same queue and workers as everyone's.
  const grader = new QueueGrader(queue, config.PACKAGE_VERIFY_TIMEOUT_MS);
  const stopping = new AbortController();
  // Before the listener closes: end event streams and long polls, which would otherwise hold it open.
  service.app.addHook('preClose', async () => stopping.abort());
  registerRoutes(service.app, new Catalogue(problems, dictations), jobs, live, {
    refreshMs: config.STREAM_REFRESH_MS,
    heartbeatMs: config.SSE_HEARTBEAT_MS,
    stopping: stopping.signal,
    onJobAccepted: (kind) => accepted.inc({ kind }),
    streams: { opened: () => (openStreams += 1), closed: () => (openStreams -= 1) },
    packages: new ProblemPackages(problems, grader),
  });

  await results.start();
  relay.start();
  watchdog.start();
  service.onStop(async () => {
    await relay.stop();
    await watchdog.stop();
    await results.stop();
    await grader.stop();
  });
  return Object.assign(service, { seedReport });
}

/** The store, telling `then` each time a final result was stored (not when a duplicate was ignored). */
function afterStoredFinal(store: JobRepository, then: () => void): JobRepository {
  return Object.assign(Object.create(store) as JobRepository, {
    async recordFinal(event: GradingFinal) {
      const stored = await store.recordFinal(event);
      if (stored) then();
      return stored;
    },
  });
}
