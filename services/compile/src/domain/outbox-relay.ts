import { internalErrorFinal, type GradingFinal, type GradingJob } from '@corazy/contracts';
import type { GradingQueue } from '@corazy/grading-queue';
import type { Logger } from '@corazy/service-kit';
import type { JobMessages } from './job-messages.js';
import type { JobRepository, OutboxEntry } from './ports.js';

export interface OutboxRelayOptions {
  /** Entries published per pass. */
  batchSize: number;
  /**
   * Jobs out at once (dispatched, result not yet stored), across replicas: the workers' slots together,
   * plus one so that a worker finishing a job finds the next one waiting. Past it, jobs wait here, where
   * the next one out is chosen fairly, rather than in the broker's first-in first-out queue.
   */
  window: number;
  /** How long a claimed entry is ours; past it, another replica may publish it. */
  leaseMs: number;
  /** Idle poll interval; a job stored here wakes the relay at once through `kick`. */
  pollMs: number;
  /** A publish without the broker's confirm by then counts as failed. */
  publishTimeoutMs: number;
  /** A job's result is expected this long after its publish (or its last progress). */
  stallTimeoutMs: number;
}

/**
 * Dispatches jobs from the outbox to the broker, fairly (docs/grading.md): no more than `window` jobs
 * are out at once, and a free slot goes to the waiting job whose owner has the fewest jobs out, oldest
 * first, so a user with nothing running is served at the next free slot whatever others have queued.
 * A pass runs when a job is stored or a result is stored (`kick`), and every `pollMs`. Claims hold a
 * lease, so replicas share the work without publishing an entry twice while its lease holds. An entry is marked published only after the broker confirmed it; a failure (broker
 * down, no confirm) leaves it to be retried with backoff, so with the broker away submissions pile up
 * here and go out when it returns. A publish that succeeded but whose marking failed is published
 * again later: workers may see a job twice, and the first final wins.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;

  constructor(
    private readonly jobs: JobRepository,
    private readonly queue: GradingQueue,
    private readonly messages: JobMessages,
    /** Finishes a job no worker can take (its problem or tests were deleted). */
    private readonly finish: (final: GradingFinal) => Promise<void>,
    private readonly options: OutboxRelayOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Jobs were stored or enqueued again, or a result freed a slot: dispatch now, not at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run() {
    let failures = 0;
    while (this.running) {
      this.kicked = false;
      let published = 0;
      try {
        published = await this.publishPending();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) this.logger.error({ err: error }, 'outbox pass failed');
      }
      // A full batch means there may be more right away; otherwise wait for a kick or the poll.
      if (published < this.options.batchSize && !this.kicked && this.running)
        await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
    });
  }

  /** One pass: claim a batch, publish it concurrently (confirms pipeline), record each outcome. */
  async publishPending(): Promise<number> {
    const entries = await this.jobs.claimOutbox(
      this.options.batchSize,
      this.options.leaseMs,
      this.options.window,
    );
    const outcomes = await Promise.all(entries.map((entry) => this.publish(entry)));
    return outcomes.filter(Boolean).length;
  }

  private async publish(entry: OutboxEntry): Promise<boolean> {
    let job: GradingJob | 'done' | 'gone';
    try {
      job = await this.messages.forJob(entry.jobId);
    } catch (error) {
      await this.jobs.releaseOutbox(entry, errorText(error), this.backoffMs(1));
      return false;
    }
    if (job === 'gone') {
      await this.finish(internalErrorFinal(entry.jobId, 'the problem or its tests no longer exist'));
      await this.jobs.markPublished(entry, this.options.stallTimeoutMs);
      return true;
    }
    if (job === 'done') {
      await this.jobs.markPublished(entry, this.options.stallTimeoutMs);
      return true;
    }
    try {
      await withTimeout(this.queue.enqueue(job), this.options.publishTimeoutMs);
    } catch (error) {
      await this.jobs.releaseOutbox(entry, errorText(error), this.backoffMs(entry.attempts));
      if (entry.attempts === 1)
        this.logger.warn({ jobId: entry.jobId, err: error }, 'publishing a job failed; will retry');
      return false;
    }
    await this.jobs.markPublished(entry, this.options.stallTimeoutMs);
    return true;
  }

  /** 250 ms doubling to 5 s: quick to recover when the broker returns, quiet while it is away. */
  private backoffMs(attempts: number) {
    return Math.min(5_000, 250 * 2 ** Math.min(attempts - 1, 5));
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no confirm from the broker within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
