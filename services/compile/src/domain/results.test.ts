import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type GradingEvent, type GradingFinal } from '@corazy/contracts';
import {
  connectRabbitQueue,
  deleteTopology,
  inProcessQueue,
  MAX_EVENT_DELIVERIES,
  TOPOLOGY,
  type GradingQueue,
} from '@corazy/grading-queue';
import { createLogger } from '@corazy/service-kit';
import { eventually } from '../test-support/http.js';
import { testAmqpUrl } from '../testing.js';
import { LiveResults } from './live-results.js';
import { UnstorableEventError, type JobRepository } from './ports.js';
import { Results, unstorableMessage } from './results.js';

/**
 * A store that keeps every final it takes, and fails on the ones a test poisons: always with
 * `failure` (a store that throws for one job), never for the INTERNAL_ERROR that replaces them.
 */
class StoreDouble {
  readonly finals = new Map<string, GradingFinal>();
  readonly tries = new Map<string, number>();
  /** The store is away: every write fails. */
  away = false;
  constructor(private readonly poisoned: Map<string, Error>) {}

  asRepository(): JobRepository {
    return {
      recordProgress: async () => {},
      recordFinal: async (event: GradingFinal) => {
        this.tries.set(event.jobId, (this.tries.get(event.jobId) ?? 0) + 1);
        if (this.away) throw new Error('connection refused');
        const failure = this.poisoned.get(event.jobId);
        if (failure && event.verdict !== 'INTERNAL_ERROR') throw failure;
        if (this.finals.has(event.jobId)) return false;
        this.finals.set(event.jobId, event);
        return true;
      },
    } as Partial<JobRepository> as JobRepository;
  }
}

const final = (jobId: string): GradingFinal => ({
  type: 'final',
  jobId,
  verdict: 'ACCEPTED',
  compileOutput: null,
  tests: [],
  skipped: 0,
  timeMs: 1,
  memoryKb: 1,
  attempt: 1,
  finishedAt: new Date().toISOString(),
});

const until = (condition: () => boolean | Promise<boolean>) =>
  eventually(async () => (await condition()) || undefined, 5_000);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const queues: [string, () => Promise<{ queue: GradingQueue; deadEvents: () => Promise<number> }>][] = [
  [
    'RabbitMQ',
    async () => {
      const namespace = `test.results.${randomUUID()}.`;
      const queue = await connectRabbitQueue(testAmqpUrl(), { namespace });
      cleanups.push(async () => {
        await queue.close();
        await deleteTopology(testAmqpUrl(), namespace);
      });
      return { queue, deadEvents: () => inspectDeadEvents(namespace) };
    },
  ],
  ['in-process', async () => ({ queue: inProcessQueue(), deadEvents: async () => 0 })],
];

async function inspectDeadEvents(namespace: string): Promise<number> {
  const amqp = await import('amqplib');
  const connection = await amqp.connect(testAmqpUrl());
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(`${namespace}${TOPOLOGY.deadEventsQueue}`)).messageCount;
  } finally {
    await connection.close();
  }
}

describe.each(queues)('storing results (%s)', (name, open) => {
  async function start(poisoned: Map<string, Error>) {
    const { queue, deadEvents } = await open();
    const store = new StoreDouble(poisoned);
    const deadLettered: GradingEvent[] = [];
    const results = new Results(
      store.asRepository(),
      new LiveResults(),
      queue,
      { stallTimeoutMs: 60_000, retryDelayMs: 50, onDeadLetter: (event) => deadLettered.push(event) },
      createLogger('compile', 'silent'),
    );
    await results.start();
    cleanups.push(() => results.stop());
    return { queue, store, deadLettered, deadEvents };
  }

  it('gives up a result the store keeps failing after a bounded number of deliveries, storing the others meanwhile', async () => {
    const poison = randomUUID();
    const { queue, store, deadLettered, deadEvents } = await start(
      new Map([[poison, new Error('the store is broken for this one')]]),
    );
    await queue.publishFinal(final(poison));
    const others = Array.from({ length: 30 }, () => randomUUID());
    for (const jobId of others) await queue.publishFinal(final(jobId));

    await until(() => others.every((jobId) => store.finals.has(jobId)));
    await until(() => store.finals.has(poison));
    expect(store.finals.get(poison)?.verdict).toBe('INTERNAL_ERROR');
    expect(store.finals.get(poison)?.message).toBe(unstorableMessage);
    // Every delivery tried the poisoned result once, then its INTERNAL_ERROR was stored instead.
    expect(store.tries.get(poison)).toBe(MAX_EVENT_DELIVERIES + 1);
    expect(deadLettered.map((event) => event.jobId)).toEqual([poison]);
    if (name === 'RabbitMQ') await until(async () => (await deadEvents()) === 1);
  });

  it('gives up a result the store refuses at once, without retrying it', async () => {
    const poison = randomUUID();
    const { queue, store, deadLettered } = await start(
      new Map([[poison, new UnstorableEventError('a NUL in jsonb')]]),
    );
    await queue.publishFinal(final(poison));
    await until(() => store.finals.has(poison));
    expect(store.finals.get(poison)?.verdict).toBe('INTERNAL_ERROR');
    expect(store.tries.get(poison)).toBe(2);
    expect(deadLettered).toHaveLength(1);
  });

  it('gives up nothing while the store is away for every result: it is stored once the store is back', async () => {
    const jobId = randomUUID();
    const { queue, store, deadLettered } = await start(new Map());
    store.away = true;
    await queue.publishFinal(final(jobId));
    await until(() => (store.tries.get(jobId) ?? 0) > MAX_EVENT_DELIVERIES + 1);
    store.away = false;
    await until(() => store.finals.has(jobId));
    expect(store.finals.get(jobId)?.verdict).toBe('ACCEPTED');
    expect(deadLettered).toEqual([]);
  });
});
