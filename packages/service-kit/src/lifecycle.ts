import { ConfigError } from './config.js';
import type { Logger } from './logger.js';

/**
 * Loads configuration or ends the process with the list of bad keys; a service never starts half
 * configured.
 */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        JSON.stringify({ level: 'fatal', msg: 'invalid configuration', problems: error.problems }) + '\n',
      );
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * On SIGTERM or SIGINT, stops everything in order, then exits. A second signal, or a stop that takes
 * longer than `graceMs`, ends the process at once.
 */
export function stopOnSignals(
  stoppables: { stop(): Promise<void> }[],
  logger: Logger,
  graceMs = 25_000,
): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    void (async () => {
      for (const stoppable of stoppables) await stoppable.stop();
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
