import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { GradingEvent, GradingJob } from '@corazy/contracts';
import {
  DeadLetter,
  MAX_JOB_DELIVERIES,
  salvageJobId,
  type GradingQueue,
  type JobConsumerOptions,
  type JobDelivery,
  type Subscription,
} from './grading-queue.js';

export const TOPOLOGY = {
  jobsExchange: 'corazy.grading.jobs',
  jobsQueue: 'corazy.grading.jobs',
  deadExchange: 'corazy.grading.dead',
  deadQueue: 'corazy.grading.jobs.dead',
  eventsExchange: 'corazy.grading.events',
  eventsQueue: 'corazy.grading.events.store',
  /** Events the store gave up (or could not parse), kept for inspection; nobody consumes them. */
  deadEventsQueue: 'corazy.grading.events.dead',
} as const;

/** The dead events kept; past it the oldest go (they are logged and counted when given up). */
const DEAD_EVENTS_KEPT = 10_000;

export interface RabbitOptions {
  /** Prefix for every exchange and queue name, so that tests and deployments can share a broker. */
  namespace?: string;
  /** Shown by the broker's tools (`rabbitmqctl list_connections client_properties`), e.g. `compile-worker`. */
  connectionName?: string;
  /**
   * Called once if the connection ends without `close()`: its consumers have stopped for good. A
   * worker exits so that its supervisor starts a fresh one; the broker redelivers its unfinished jobs.
   */
  onConnectionLost?: (error: Error | undefined) => void;
}

/**
 * RabbitMQ topology:
 *  - jobs: a durable direct exchange into a quorum queue (replicated, survives broker restarts) with
 *    a delivery limit; jobs past it are dead-lettered to a quorum queue of their own;
 *  - events: a durable fanout exchange into one quorum queue for storing (competing consumers) and
 *    one exclusive queue per process that watches live.
 * Publishing uses confirm channels; jobs and finals are persistent.
 */
export async function connectRabbitQueue(url: string, options: RabbitOptions = {}): Promise<GradingQueue> {
  const name = (base: string) => `${options.namespace ?? ''}${base}`;
  const connection: ChannelModel = await amqp.connect(url, {
    timeout: 5_000,
    // amqplib leaves Nagle's algorithm on: a publish written while a small frame (an acknowledgement)
    // is still unacknowledged by TCP then waits for the broker's delayed ACK, 40 ms, before it leaves.
    noDelay: true,
    clientProperties: { connection_name: options.connectionName ?? 'corazy' },
  });
  let closing = false;
  let lastError: Error | undefined;
  connection.on('error', (error: Error) => (lastError = error)); // 'close' follows
  connection.on('close', () => {
    if (!closing) options.onConnectionLost?.(lastError);
  });
  const publisher: ConfirmChannel = await connection.createConfirmChannel();
  await declareTopology(publisher, name);
  const consumers: Channel[] = [];

  const publish = (exchange: string, body: unknown, persistent: boolean, messageId: string) =>
    new Promise<void>((resolve, reject) => {
      publisher.publish(
        exchange,
        '',
        Buffer.from(JSON.stringify(body)),
        {
          persistent,
          messageId,
          contentType: 'application/json',
          timestamp: Math.floor(Date.now() / 1000),
        },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });

  const sendToQueue = (queue: string, message: ConsumeMessage) =>
    new Promise<void>((resolve, reject) => {
      publisher.sendToQueue(queue, message.content, { ...message.properties, persistent: true }, (error) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      );
    });

  async function consumerChannel(prefetch: number): Promise<Channel> {
    const channel = await connection.createChannel();
    await channel.prefetch(prefetch);
    consumers.push(channel);
    return channel;
  }

  const subscription = (channel: Channel, consumerTag: string): Subscription => ({
    async cancel() {
      await channel.cancel(consumerTag).catch(() => undefined);
    },
  });

  return {
    kind: 'rabbitmq',

    enqueue: (job) => publish(name(TOPOLOGY.jobsExchange), job, true, job.jobId),

    async consumeEvents(handler) {
      const channel = await consumerChannel(64);
      const deadLetter = async (message: ConsumeMessage) => {
        await sendToQueue(name(TOPOLOGY.deadEventsQueue), message);
        ignoreClosed(() => channel.ack(message));
      };
      const { consumerTag } = await channel.consume(name(TOPOLOGY.eventsQueue), (message) => {
        if (!message) return;
        const event = GradingEvent.safeParse(parseJson(message));
        const work = event.success
          ? handler(event.data, { attempt: attemptOf(message) })
          : Promise.reject(new DeadLetter(event.error.message));
        work.then(
          () => ignoreClosed(() => channel.ack(message)),
          (error: unknown) =>
            error instanceof DeadLetter
              ? // Not moved (the publish failed): it comes again, and is given up again.
                deadLetter(message).catch(() => ignoreClosed(() => channel.nack(message, false, true)))
              : ignoreClosed(() => channel.nack(message, false, true)),
        );
      });
      return subscription(channel, consumerTag);
    },

    async watchEvents(handler) {
      const channel = await consumerChannel(256);
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      await channel.bindQueue(queue, name(TOPOLOGY.eventsExchange), '');
      const { consumerTag } = await channel.consume(
        queue,
        (message) => {
          if (!message) return;
          const event = GradingEvent.safeParse(parseJson(message));
          if (event.success) handler(event.data);
        },
        { noAck: true },
      );
      return subscription(channel, consumerTag);
    },

    async consumeJobs(handler: (delivery: JobDelivery) => Promise<void>, options: JobConsumerOptions) {
      const channel = await consumerChannel(options.prefetch);
      const { consumerTag } = await channel.consume(name(TOPOLOGY.jobsQueue), (message) => {
        if (!message) return;
        const raw = parseJson(message);
        const job = GradingJob.safeParse(raw);
        if (!job.success) {
          settle(channel, message, options.onMalformed(salvageJobId(raw), job.error.message));
          return;
        }
        settle(channel, message, handler({ job: job.data, attempt: attemptOf(message) }));
      });
      return subscription(channel, consumerTag);
    },

    async consumeDeadJobs(handler) {
      const channel = await consumerChannel(4);
      const { consumerTag } = await channel.consume(name(TOPOLOGY.deadQueue), (message) => {
        if (!message) return;
        const job = GradingJob.safeParse(parseJson(message));
        if (!job.success) return channel.ack(message); // nobody waits for a job we cannot even name
        settle(channel, message, handler(job.data));
      });
      return subscription(channel, consumerTag);
    },

    async publishProgress(event) {
      // Not awaited: progress is advisory (the final repeats every test), and waiting for each
      // confirmation would slow grading down.
      publish(name(TOPOLOGY.eventsExchange), event, false, `${event.jobId}:${event.seq}`).catch(
        () => undefined,
      );
    },

    publishFinal: (event) => publish(name(TOPOLOGY.eventsExchange), event, true, `${event.jobId}:final`),

    async depth() {
      const { messageCount, consumerCount } = await publisher.checkQueue(name(TOPOLOGY.jobsQueue));
      return { waiting: messageCount, consumers: consumerCount };
    },

    async ping() {
      await publisher.checkQueue(name(TOPOLOGY.jobsQueue));
    },

    async close() {
      closing = true;
      for (const channel of consumers) await channel.close().catch(() => undefined);
      await publisher.waitForConfirms().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

async function declareTopology(channel: Channel, name: (base: string) => string) {
  const quorum = { 'x-queue-type': 'quorum' };
  await channel.assertExchange(name(TOPOLOGY.jobsExchange), 'fanout', { durable: true });
  await channel.assertExchange(name(TOPOLOGY.deadExchange), 'fanout', { durable: true });
  await channel.assertExchange(name(TOPOLOGY.eventsExchange), 'fanout', { durable: true });
  await channel.assertQueue(name(TOPOLOGY.jobsQueue), {
    durable: true,
    arguments: {
      ...quorum,
      // Quorum queues count deliveries; past the limit the job is dead-lettered.
      'x-delivery-limit': MAX_JOB_DELIVERIES - 1,
      'x-dead-letter-exchange': name(TOPOLOGY.deadExchange),
    },
  });
  await channel.assertQueue(name(TOPOLOGY.deadQueue), { durable: true, arguments: quorum });
  await channel.assertQueue(name(TOPOLOGY.eventsQueue), { durable: true, arguments: quorum });
  await channel.assertQueue(name(TOPOLOGY.deadEventsQueue), {
    durable: true,
    arguments: { ...quorum, 'x-max-length': DEAD_EVENTS_KEPT },
  });
  await channel.bindQueue(name(TOPOLOGY.jobsQueue), name(TOPOLOGY.jobsExchange), '');
  await channel.bindQueue(name(TOPOLOGY.deadQueue), name(TOPOLOGY.deadExchange), '');
  await channel.bindQueue(name(TOPOLOGY.eventsQueue), name(TOPOLOGY.eventsExchange), '');
}

/**
 * Settles a delivery after its handler: acknowledge on success, requeue on failure. On a channel that
 * has died meanwhile both throw; the broker has already requeued the message, so nothing is lost and
 * there is nothing left to do.
 */
function settle(channel: Channel, message: ConsumeMessage, work: Promise<unknown>): void {
  work.then(
    () => ignoreClosed(() => channel.ack(message)),
    () => ignoreClosed(() => channel.nack(message, false, true)),
  );
}

function ignoreClosed(action: () => void) {
  try {
    action();
  } catch {
    // channel closed: see settle
  }
}

function parseJson(message: ConsumeMessage): unknown {
  try {
    return JSON.parse(message.content.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Quorum queues count earlier deliveries in `x-delivery-count`. */
function attemptOf(message: ConsumeMessage): number {
  const count = Number(message.properties.headers?.['x-delivery-count'] ?? 0);
  return (Number.isFinite(count) ? count : 0) + 1;
}

/** Removes a namespace's exchanges and queues (tests make one namespace each). */
export async function deleteTopology(url: string, namespace: string): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of [
      TOPOLOGY.jobsQueue,
      TOPOLOGY.deadQueue,
      TOPOLOGY.eventsQueue,
      TOPOLOGY.deadEventsQueue,
    ]) {
      await channel.deleteQueue(`${namespace}${queue}`);
    }
    for (const exchange of [TOPOLOGY.jobsExchange, TOPOLOGY.deadExchange, TOPOLOGY.eventsExchange]) {
      await channel.deleteExchange(`${namespace}${exchange}`);
    }
  } finally {
    await connection.close();
  }
}
