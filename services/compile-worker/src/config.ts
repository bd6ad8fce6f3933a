import { cpus } from 'node:os';
import { z } from 'zod';
import { NAMESPACE_ENGINES } from '@corazy/sandbox';
import { env } from '@corazy/service-kit';

/** What the worker needs to know, whatever its queue is. */
export const WorkerSettings = z.object({
  /** Port of /metrics, /healthz and /readyz: the worker has no other inbound port. */
  PORT: env.port(9464),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: env.logLevel(),
  /** `auto` takes the namespace sandbox where it works, else Docker; never none. */
  SANDBOX_BACKEND: z.enum(['auto', 'namespace', 'docker']).default('auto'),
  /** Who builds the namespace backend's sandboxes: its own root helper (faster) or bubblewrap (docs/sandbox.md). */
  SANDBOX_NAMESPACE_ENGINE: z.enum(NAMESPACE_ENGINES).default('native'),
  /** Jobs graded at once (the queue's prefetch); tests within a job share the sandbox's run slots. */
  WORKER_CONCURRENCY: env.int(cpus().length, 1),
  /** Per-test results are sent in batches at most this far apart. */
  PROGRESS_INTERVAL_MS: env.int(250, 10),
  /** On SIGTERM, jobs still running after this are left to the broker to hand to another worker. */
  SHUTDOWN_GRACE_MS: env.int(20_000, 0),
});
export type WorkerSettings = z.infer<typeof WorkerSettings>;

export const WorkerConfig = WorkerSettings.extend({
  AMQP_URL: env.url(),
  /** Prefix of exchange and queue names, when deployments share a broker. */
  AMQP_NAMESPACE: z.string().default(''),
});
export type WorkerConfig = z.infer<typeof WorkerConfig>;
