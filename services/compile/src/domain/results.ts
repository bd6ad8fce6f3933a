import { internalErrorFinal, type GradingEvent, type GradingFinal } from '@corazy/contracts';
import {
  DeadLetter,
  MAX_EVENT_DELIVERIES,
  type EventDelivery,
  type GradingQueue,
  type Subscription,
} from '@corazy/grading-queue';
import type { Logger } from '@corazy/service-kit';
import type { LiveResults } from './live-results.js';
import { UnstorableEventError, type JobRepository } from './ports.js';

export interface ResultOptions {
  stallTimeoutMs: number;
  /** After a failed store, wait this long before the event is handed back to the broker. */
  retryDelayMs: number;
  /** Told of every event given up, for the dead-letter metric. */
  onDeadLetter: (event: GradingEvent) => void;
}

export const unstorableMessage = 'the result could not be stored; please submit again';

/**
 * Stores grading events and feeds the live view. Storing takes the durable, competing stream (each
 * event reaches one replica, again if storing fails); the live view takes the fan-out stream (every
 * event reaches every replica). Storing is idempotent: progress adds only unknown tests, and only
 * the first final of a job is kept, so redelivered or duplicated finals change nothing.
 */
export class Results {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly jobs: JobRepository,
    private readonly live: LiveResults,
    private readonly queue: GradingQueue,
    private readonly options: ResultOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscriptions.push(await this.queue.watchEvents((event) => this.live.deliver(event)));
    this.subscriptions.push(await this.queue.consumeEvents((event, delivery) => this.store(event, delivery)));
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) await subscription.cancel();
  }

  /**
   * A delivery that fails is handed back, up to MAX_EVENT_DELIVERIES (at once when the store refused
   * the event itself); then the event is given up: its job is finished with INTERNAL_ERROR and the
   * event dead-lettered. Only when that INTERNAL_ERROR is stored (so the store works, and it is this
   * event it cannot take): a store that is away gives no event up, and loses none.
   */
  async store(event: GradingEvent, delivery: EventDelivery = { attempt: 1 }): Promise<void> {
    try {
      await this.record(event);
    } catch (error) {
      if (error instanceof UnstorableEventError || delivery.attempt >= MAX_EVENT_DELIVERIES) {
        const givenUp = await this.giveUp(event, error).then(
          () => true,
          () => false,
        );
        if (givenUp) throw new DeadLetter(`${event.type} of job ${event.jobId}: ${String(error)}`);
      }
      this.logger.warn(
        { err: error, jobId: event.jobId, attempt: delivery.attempt },
        'storing a grading event failed; it will come again',
      );
      // The broker redelivers at once: without a pause, a database outage becomes a hot loop.
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      throw error;
    }
  }

  private async record(event: GradingEvent): Promise<void> {
    if (event.type === 'progress') await this.jobs.recordProgress(event, this.options.stallTimeoutMs);
    else if (await this.jobs.recordFinal(event))
      this.logger.info(
        { jobId: event.jobId, verdict: event.verdict, attempt: event.attempt },
        'job finished',
      );
  }

  private async giveUp(event: GradingEvent, error: unknown): Promise<void> {
    // A progress event needs no answer of its own: its job's final repeats its tests, and is given
    // up in turn if it cannot be stored either.
    if (event.type === 'final')
      await this.finishHere(internalErrorFinal(event.jobId, unstorableMessage, event.attempt));
    this.options.onDeadLetter(event);
    this.logger.error(
      { err: error, jobId: event.jobId, event: event.type },
      'a grading event could not be stored; dead-lettered',
    );
  }

  /** A final decided here rather than by a worker: stored, and shown to streams open on this replica. */
  async finishHere(final: GradingFinal): Promise<void> {
    await this.jobs.recordFinal(final);
    this.live.deliver(final);
  }
}

export interface WatchdogOptions {
  intervalMs: number;
  /** Published outbox entries are kept this long (for inspection), then deleted. */
  outboxRetentionMs: number;
  /** Enqueues of one job (the first included) before it is given up with INTERNAL_ERROR. */
  maxEnqueues: number;
}

/**
 * Finds jobs that got no result by their deadline and enqueues them again: a job lost with a broker
 * that lost its queue, or with the in-process queue of a restarted all-in-one. While the job queue
 * has messages waiting, late results are explained by the backlog (the job is most likely still in
 * it), so nothing is re-enqueued then. A job out of attempts is finished with INTERNAL_ERROR, so its
 * submitter gets an answer rather than a spinner.
 */
export class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private failures = 0;
  private lastPrune = 0;

  constructor(
    private readonly jobs: JobRepository,
    private readonly queue: GradingQueue,
    private readonly live: LiveResults,
    private readonly onRequeued: () => void,
    private readonly options: WatchdogOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.pass ??= this.check()
        .then(() => void (this.failures = 0))
        .catch((error: unknown) => {
          // Fails every interval while the broker or the database is away: say so once, then rarely.
          if (this.failures++ % 60 === 0) this.logger.warn({ err: error }, 'stuck-job check failed');
        })
        .finally(() => (this.pass = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  async check(): Promise<{ requeued: string[]; failed: string[] }> {
    if (Date.now() - this.lastPrune > 60 * 60_000) {
      this.lastPrune = Date.now();
      await this.jobs.pruneOutbox(this.options.outboxRetentionMs);
    }
    const { waiting } = await this.queue.depth();
    if (waiting > 0) return { requeued: [], failed: [] };
    const stuck = await this.jobs.handleStuck(this.options.maxEnqueues, 100);
    if (stuck.requeued.length > 0) {
      this.logger.warn({ jobs: stuck.requeued }, 'jobs without a result past their deadline: enqueued again');
      this.onRequeued();
    }
    for (const jobId of stuck.failed) {
      this.logger.error({ jobId }, 'job without a result after every attempt: INTERNAL_ERROR');
      // Stored already by handleStuck; streams open here learn of it now, others at their next read.
      this.live.deliver(
        internalErrorFinal(jobId, stuckMessage(this.options.maxEnqueues), this.options.maxEnqueues),
      );
    }
    return stuck;
  }
}

export const stuckMessage = (attempts: number) =>
  `no grader answered after ${attempts} attempts; please submit again`;
