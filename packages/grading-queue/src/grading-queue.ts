import type { GradingEvent, GradingFinal, GradingJob, GradingProgress } from '@corazy/contracts';

/** A job failing this many deliveries is dead-lettered, and gets an INTERNAL_ERROR final. */
export const MAX_JOB_DELIVERIES = 3;

/**
 * Deliveries of one grading event to the store before the store gives it up (see `DeadLetter`): a
 * result that cannot be stored must not circle for ever, holding a consumer's slots.
 */
export const MAX_EVENT_DELIVERIES = 5;

/** One delivery of a grading event to the store. */
export interface EventDelivery {
  /** 1 on the first delivery; more after the handler failed. */
  attempt: number;
}

/**
 * Thrown by an event handler that gives an event up: the event is not delivered again, but moved
 * aside (RabbitMQ: to the dead-letter queue of events, for inspection; in-process: dropped).
 */
export class DeadLetter extends Error {
  override readonly name = 'DeadLetter';
}

export interface JobDelivery {
  job: GradingJob;
  /** 1 on the first delivery; more after a failed or interrupted attempt. */
  attempt: number;
}

export interface Subscription {
  /** Stops taking new messages; messages being handled finish (or are requeued if the process dies). */
  cancel(): Promise<void>;
}

export interface JobConsumerOptions {
  /** Jobs handled at once by this consumer. */
  prefetch: number;
  /**
   * A message that is not a valid job. When its job id can be read it is passed here, so that the
   * submitter gets a final result instead of waiting forever; the message is then dropped.
   */
  onMalformed: (jobId: string | undefined, reason: string) => Promise<void>;
}

/**
 * The grading pipeline's messaging, seen from both ends. Jobs are durable and acknowledged only when
 * their handler resolves; a handler that throws, or a consumer that dies, gets the job delivered
 * again, up to MAX_JOB_DELIVERIES, after which the job goes to the dead-letter queue.
 */
export interface GradingQueue {
  readonly kind: 'rabbitmq' | 'memory';

  /** Compile side. Resolves once the broker has taken responsibility for the job. */
  enqueue(job: GradingJob): Promise<void>;
  /**
   * Compile side: every event of every job, for storing. Competing consumers: each event reaches one
   * replica. A handler that throws gets the event again, later and not ahead of other events (so one
   * event never holds the others back), unless it throws `DeadLetter`.
   */
  consumeEvents(
    handler: (event: GradingEvent, delivery: EventDelivery) => Promise<void>,
  ): Promise<Subscription>;
  /** Compile side: every event, to every subscribed process, for live streams; not durable. */
  watchEvents(handler: (event: GradingEvent) => void): Promise<Subscription>;

  /** Worker side. */
  consumeJobs(
    handler: (delivery: JobDelivery) => Promise<void>,
    options: JobConsumerOptions,
  ): Promise<Subscription>;
  /** Worker side: jobs that exhausted their deliveries. */
  consumeDeadJobs(handler: (job: GradingJob) => Promise<void>): Promise<Subscription>;
  /** Best effort: not awaited by the broker's confirmation. */
  publishProgress(event: GradingProgress): Promise<void>;
  /** Resolves once the broker has confirmed the final result. */
  publishFinal(event: GradingFinal): Promise<void>;

  /** Jobs waiting and being handled, for metrics and autoscaling. */
  depth(): Promise<{ waiting: number; consumers: number }>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Reads a job id out of a message that failed validation, if it has one. */
export function salvageJobId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const jobId = (raw as { jobId?: unknown }).jobId;
  return typeof jobId === 'string' && /^[0-9a-f-]{36}$/i.test(jobId) ? jobId : undefined;
}
