import type { GradingQueue } from '@corazy/grading-queue';
import type { Sandbox } from '@corazy/sandbox';
import { createHttpService, type HttpService, type Logger } from '@corazy/service-kit';
import type { WorkerSettings } from './config.js';
import { GradingWorker } from './grading-worker.js';
import { createWorkerMetrics } from './metrics.js';

export interface WorkerDependencies {
  config: WorkerSettings;
  queue: GradingQueue;
  sandbox: Sandbox;
  logger: Logger;
}

/**
 * The worker: a consumer of grading jobs, plus the small HTTP server every service has (metrics,
 * health, readiness) and nothing else. Stopping it stops taking jobs, lets the ones in hand finish,
 * then closes the server.
 */
export async function createWorkerService({
  config,
  queue,
  sandbox,
  logger,
}: WorkerDependencies): Promise<HttpService> {
  const service = createHttpService({
    service: 'compile-worker',
    logger,
    readiness: [
      { name: 'queue', check: () => queue.ping() },
      {
        name: 'sandbox',
        check: async () => {
          const probe = await sandbox.probe();
          if (!probe.available) throw new Error(probe.problems.join('; '));
        },
      },
    ],
  });
  const worker = new GradingWorker({
    queue,
    sandbox,
    metrics: createWorkerMetrics(service.metrics),
    logger,
    concurrency: config.WORKER_CONCURRENCY,
    progressIntervalMs: config.PROGRESS_INTERVAL_MS,
  });
  await worker.start();
  // Stop consuming before the HTTP server goes: onStop closers run after it, so wrap stop instead.
  const stopHttp = service.stop.bind(service);
  service.stop = async () => {
    await worker.stop(config.SHUTDOWN_GRACE_MS);
    await stopHttp();
  };
  return service;
}
