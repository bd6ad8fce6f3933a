import { connectRabbitQueue } from '@corazy/grading-queue';
import { createSandbox, SandboxUnavailableError } from '@corazy/sandbox';
import { configOrExit, createLogger, loadConfig, stopOnSignals } from '@corazy/service-kit';
import { createWorkerService } from './app.js';
import { WorkerConfig } from './config.js';

const config = configOrExit(() => loadConfig(WorkerConfig));
const logger = createLogger('compile-worker', config.LOG_LEVEL);

// Untrusted code never runs without a sandbox: no backend, no worker, and a message saying what to install.
const sandbox = await createSandbox(config.SANDBOX_BACKEND, {
  namespace: { concurrency: config.WORKER_CONCURRENCY, engine: config.SANDBOX_NAMESPACE_ENGINE },
}).catch((error: unknown) => {
  if (error instanceof SandboxUnavailableError) {
    logger.fatal({ probe: error.probe }, `no sandbox can run untrusted code here: ${error.message}`);
    process.exit(69); // EX_UNAVAILABLE
  }
  throw error;
});
const queue = await connectRabbitQueue(config.AMQP_URL, {
  namespace: config.AMQP_NAMESPACE,
  connectionName: 'compile-worker',
  onConnectionLost: (error) => {
    // Fail fast: the supervisor (Kubernetes, Compose, the platform) starts a fresh worker, and the
    // broker hands this one's unfinished jobs to others.
    logger.fatal({ err: error }, 'lost the broker connection; exiting');
    process.exit(70); // EX_SOFTWARE
  },
});
const service = await createWorkerService({ config, queue, sandbox, logger });
service.onStop(() => queue.close());
service.onStop(() => sandbox.close());
await service.listen(config.PORT, config.HOST);
logger.info({ backend: sandbox.backend, concurrency: config.WORKER_CONCURRENCY }, 'taking grading jobs');
stopOnSignals([service], logger);
