import type { Logger } from '@corazy/service-kit';
import type { TimerQueue } from './domain/ports.js';
import type { RelayEngine } from './domain/relay-engine.js';
import type { Metrics } from './metrics.js';

export interface TimerLoopOptions {
  pollMs: number;
  /** How long a claimed timer is this replica's; if it dies holding it, another replica fires it after. */
  leaseMs: number;
}

/**
 * Every replica polls the shared timer queue. A due timer is leased to one replica, fired, then
 * completed; a replica that dies between claim and completion leaves it to be claimed again when the
 * lease ends. Firing twice is harmless: a timer names its turn or phase, and one already over is a no-op.
 */
export function startTimerLoop(
  timers: TimerQueue,
  engine: RelayEngine,
  logger: Logger,
  metrics: Metrics,
  options: TimerLoopOptions,
) {
  let running = true;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    const now = Date.now();
    const due = await timers.claimDue(now, options.leaseMs, 50);
    await Promise.all(
      due.map(async (key) => {
        try {
          await engine.fireTimer(key);
          await timers.complete(key);
          metrics.timersFired.inc();
        } catch (error) {
          // Left leased: it fires again, here or elsewhere, when the lease ends.
          logger.error({ err: error, timer: key }, 'firing a timer failed');
        }
      }),
    );
  };
  const loop = async () => {
    while (running) {
      current = tick().catch((error: unknown) => logger.warn({ err: error }, 'polling timers failed'));
      await current;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    }
  };
  void loop();
  return {
    async stop() {
      running = false;
      await current;
    },
  };
}
