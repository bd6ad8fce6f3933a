import type { GradingEvent } from '@corazy/contracts';
import { connectRabbitQueue, type GradingQueue, type Subscription } from '@corazy/grading-queue';
import type { Logger } from '@corazy/service-kit';

export interface ResilientQueueOptions {
  logger: Logger;
  /** How often the connection is checked; a failed check reconnects. */
  checkIntervalMs?: number;
  /** First pause between reconnection attempts; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

type EventSubscriber =
  | { kind: 'consume'; handler: Parameters<GradingQueue['consumeEvents']>[0]; current?: Subscription }
  | { kind: 'watch'; handler: (event: GradingEvent) => void; current?: Subscription };

export interface ResilientQueue extends GradingQueue {
  readonly connected: boolean;
}

/**
 * The compile side of a GradingQueue that outlives its broker connection. A RabbitMQ connection
 * that drops stays dead, and the consumers on it silently stop; this wrapper notices (a failed
 * publish, or a failed periodic check), connects again with backoff, and re-subscribes every event
 * consumer. It starts without a connection, so the service starts, and accepts submissions into
 * its outbox, while the broker is away. While disconnected, `enqueue` fails at once: the outbox
 * keeps the job and retries.
 *
 * Only the compile side (enqueue, events, depth, ping) is offered: workers have their own.
 */
export function resilientQueue(
  connect: () => Promise<GradingQueue>,
  options: ResilientQueueOptions,
): ResilientQueue {
  const { logger } = options;
  const checkIntervalMs = options.checkIntervalMs ?? 2_000;
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const subscribers = new Set<EventSubscriber>();
  let current: GradingQueue | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  async function subscribe(queue: GradingQueue, subscriber: EventSubscriber) {
    subscriber.current =
      subscriber.kind === 'consume'
        ? await queue.consumeEvents(subscriber.handler)
        : await queue.watchEvents(subscriber.handler);
  }

  function reconnectSoon() {
    if (closed || connecting || retryTimer) return;
    const delay = failures === 0 ? 0 : Math.min(maxRetryMs, retryMs * 2 ** Math.min(failures - 1, 10));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connecting = attempt().finally(() => (connecting = undefined));
    }, delay);
    retryTimer.unref();
  }

  async function attempt() {
    let queue: GradingQueue | undefined;
    try {
      queue = await connect();
      for (const subscriber of subscribers) await subscribe(queue, subscriber);
      if (closed) return void (await queue.close());
      current = queue;
      if (failures > 0) logger.info({ after: failures }, 'broker connection restored');
      failures = 0;
    } catch (error) {
      await queue?.close().catch(() => undefined);
      failures += 1;
      if (failures === 1 || failures % 20 === 0)
        logger.warn({ err: error, failures }, 'broker unreachable; retrying');
      reconnectSoon();
    }
  }

  /** Drops a connection that failed; every subscriber is re-subscribed on the next one. */
  function broken(queue: GradingQueue, error: unknown) {
    if (current !== queue) return;
    logger.warn({ err: error }, 'broker connection lost; reconnecting');
    current = undefined;
    for (const subscriber of subscribers) subscriber.current = undefined;
    void queue.close().catch(() => undefined);
    failures = Math.max(failures, 1);
    reconnectSoon();
  }

  const check = setInterval(() => {
    const queue = current;
    if (!queue) return reconnectSoon();
    // A connection that stalls (no reset, no answer) fails the check by timing out.
    let timer: NodeJS.Timeout | undefined;
    Promise.race([
      queue.ping(),
      new Promise((_resolve, reject) => {
        // Generous: a busy process answering late is not a dead connection (a reset fails at once anyway).
        timer = setTimeout(
          () => reject(new Error('the broker did not answer a check')),
          Math.max(5_000, checkIntervalMs * 2),
        );
      }),
    ])
      .catch((error: unknown) => broken(queue, error))
      .finally(() => clearTimeout(timer));
  }, checkIntervalMs);
  check.unref();
  reconnectSoon();

  function live(): GradingQueue {
    if (!current) throw new Error('the broker is not connected');
    return current;
  }

  async function addSubscriber(subscriber: EventSubscriber): Promise<Subscription> {
    subscribers.add(subscriber);
    const queue = current;
    if (queue) await subscribe(queue, subscriber).catch((error: unknown) => broken(queue, error));
    return {
      async cancel() {
        subscribers.delete(subscriber);
        await subscriber.current?.cancel().catch(() => undefined);
      },
    };
  }

  const workerSide = () => Promise.reject(new Error('the compile service does not consume jobs'));

  return {
    kind: 'rabbitmq',
    get connected() {
      return current !== undefined;
    },
    async enqueue(job) {
      const queue = live();
      try {
        await queue.enqueue(job);
      } catch (error) {
        broken(queue, error);
        throw error;
      }
    },
    consumeEvents: (handler) => addSubscriber({ kind: 'consume', handler }),
    watchEvents: (handler) => addSubscriber({ kind: 'watch', handler }),
    consumeJobs: workerSide,
    consumeDeadJobs: workerSide,
    publishProgress: workerSide,
    publishFinal: workerSide,
    async depth() {
      return live().depth();
    },
    async ping() {
      await live().ping();
    },
    async close() {
      closed = true;
      clearInterval(check);
      clearTimeout(retryTimer);
      await connecting;
      await current?.close();
      current = undefined;
    },
  };
}

/** RabbitMQ at `url`, reconnecting: what the standalone service uses. */
export function connectResilientRabbitQueue(
  url: string,
  options: ResilientQueueOptions & { namespace?: string },
): ResilientQueue {
  return resilientQueue(() => connectRabbitQueue(url, { namespace: options.namespace }), options);
}
