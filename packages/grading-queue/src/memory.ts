import { GradingJob, type GradingEvent } from '@corazy/contracts';
import {
  DeadLetter,
  MAX_JOB_DELIVERIES,
  salvageJobId,
  type GradingQueue,
  type JobConsumerOptions,
  type Subscription,
} from './grading-queue.js';

interface Pending<T> {
  message: T;
  deliveries: number;
}

/**
 * A queue with RabbitMQ's delivery semantics inside one process: acknowledge on success, redeliver
 * on failure, dead-letter after MAX_JOB_DELIVERIES, competing consumers with prefetch, and fan-out
 * to watchers. Nothing survives the process; the embedded platform trades durability for needing
 * nothing installed.
 */
export function inProcessQueue(): GradingQueue {
  const jobs = new Lane<unknown>();
  const dead = new Lane<GradingJob>();
  // Failed events go to the back: storing is idempotent and order-free, and one event that keeps
  // failing must not hold every later result behind it.
  const stored = new Lane<GradingEvent>('back');
  const watchers = new Set<(event: GradingEvent) => void>();

  const publishEvent = (event: GradingEvent) => {
    stored.push(structuredClone(event));
    for (const watch of watchers) watch(structuredClone(event));
  };

  return {
    kind: 'memory',
    async enqueue(job) {
      jobs.push(structuredClone(job));
    },
    async consumeEvents(handler) {
      return stored.consume(EVENT_PREFETCH, async ({ message, deliveries }) =>
        handler(message, { attempt: deliveries }),
      );
    },
    async watchEvents(handler) {
      watchers.add(handler);
      return { cancel: async () => void watchers.delete(handler) };
    },
    async consumeJobs(handler, options: JobConsumerOptions) {
      return jobs.consume(
        options.prefetch,
        async ({ message, deliveries }) => {
          const job = GradingJob.safeParse(message);
          if (!job.success) return options.onMalformed(salvageJobId(message), job.error.message);
          return handler({ job: job.data, attempt: deliveries });
        },
        (message) => {
          const job = GradingJob.safeParse(message);
          if (job.success) dead.push(job.data);
        },
      );
    },
    async consumeDeadJobs(handler) {
      return dead.consume(1, async ({ message }) => handler(message));
    },
    async publishProgress(event) {
      publishEvent(event);
    },
    async publishFinal(event) {
      publishEvent(event);
    },
    async depth() {
      return { waiting: jobs.waiting, consumers: jobs.consumers };
    },
    async ping() {},
    async close() {
      jobs.close();
      dead.close();
      stored.close();
      watchers.clear();
    },
  };
}

/** Events stored at once, as RabbitMQ's store consumer does (there 64). */
const EVENT_PREFETCH = 16;

type Handler<T> = (pending: Pending<T>) => Promise<void>;

/** One queue and its competing consumers. */
class Lane<T> {
  private readonly queue: Pending<T>[] = [];
  private readonly consumerSet = new Set<Consumer<T>>();
  private closed = false;

  /** Where a message whose handler failed goes back: before the others, or behind them. */
  constructor(private readonly retry: 'front' | 'back' = 'front') {}

  get waiting() {
    return this.queue.length;
  }
  get consumers() {
    return this.consumerSet.size;
  }

  push(message: T) {
    this.queue.push({ message, deliveries: 0 });
    this.dispatch();
  }

  consume(prefetch: number, handler: Handler<T>, onDeadLetter?: (message: T) => void): Subscription {
    const consumer: Consumer<T> = { prefetch, inFlight: 0, handler, onDeadLetter };
    this.consumerSet.add(consumer);
    this.dispatch();
    return { cancel: async () => void this.consumerSet.delete(consumer) };
  }

  close() {
    this.closed = true;
    this.consumerSet.clear();
  }

  private dispatch() {
    if (this.closed) return;
    for (const consumer of this.consumerSet) {
      while (consumer.inFlight < consumer.prefetch && this.queue.length > 0) {
        const pending = this.queue.shift()!;
        pending.deliveries += 1;
        consumer.inFlight += 1;
        // Handlers run on a later tick, like network deliveries, never inside the publisher's call.
        setImmediate(() => {
          consumer
            .handler(pending)
            .catch((error: unknown) => {
              if (error instanceof DeadLetter) return;
              if (pending.deliveries >= MAX_JOB_DELIVERIES && consumer.onDeadLetter)
                consumer.onDeadLetter(pending.message);
              else if (this.retry === 'back') this.queue.push(pending);
              else this.queue.unshift(pending);
            })
            .finally(() => {
              consumer.inFlight -= 1;
              this.dispatch();
            });
        });
      }
    }
  }
}

interface Consumer<T> {
  prefetch: number;
  inFlight: number;
  handler: Handler<T>;
  onDeadLetter: ((message: T) => void) | undefined;
}
