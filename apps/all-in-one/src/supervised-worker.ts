import { createWorkerService, type WorkerDependencies } from '@corazy/compile-worker';
import type { GradingQueue } from '@corazy/grading-queue';
import type { HttpService } from '@corazy/service-kit';

/** Opens the worker's own broker connection; `onLost` is called if that connection dies. */
export type ConnectWorkerQueue = (onLost: () => void) => Promise<GradingQueue>;

/**
 * The grading worker on RabbitMQ, started again whenever its broker connection is lost (and retried
 * while the broker is away). A standalone worker exits instead and lets Kubernetes start a new one;
 * inside the one-process platform, this loop plays that part. The broker redelivers whatever the lost
 * worker had not finished.
 */
export async function superviseWorker(
  dependencies: Omit<WorkerDependencies, 'queue'>,
  connect: ConnectWorkerQueue,
  retryMs = 1_000,
): Promise<{ stop(): Promise<void> }> {
  const { logger } = dependencies;
  let current: { service: HttpService; queue: GradingQueue } | undefined;
  let stopped = false;
  let restarting: Promise<void> | undefined;

  async function start(): Promise<void> {
    while (!stopped) {
      try {
        const queue = await connect(() => {
          if (!stopped) restarting ??= restart().finally(() => (restarting = undefined));
        });
        const service = await createWorkerService({ ...dependencies, queue });
        await service.listen(0, '127.0.0.1');
        current = { service, queue };
        return;
      } catch (error) {
        logger.warn({ err: error }, `the grading worker cannot reach the broker; retrying in ${retryMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  async function restart(): Promise<void> {
    logger.warn('the grading worker lost its broker connection; starting a new one');
    const lost = current;
    current = undefined;
    await lost?.service.stop().catch(() => undefined);
    await lost?.queue.close().catch(() => undefined);
    await start();
  }

  // The platform does not wait for the broker: the first start runs on, retrying, in the background.
  const first = start();
  await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  return {
    async stop() {
      stopped = true;
      await restarting;
      await current?.service.stop();
      await current?.queue.close();
    },
  };
}
