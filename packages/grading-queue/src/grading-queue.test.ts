import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradingEvent, GradingFinal, GradingJob } from '@corazy/contracts';
import type { GradingQueue, JobDelivery } from './grading-queue.js';
import { inProcessQueue } from './memory.js';
import { connectRabbitQueue, deleteTopology } from './rabbitmq.js';

const amqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

const job = (overrides: Partial<GradingJob> = {}): GradingJob => ({
  jobId: randomUUID(),
  kind: 'submission',
  language: 'python',
  source: 'print(1)',
  tests: [{ id: '1', input: '', expected: '1' }],
  limits: { timeMs: 1000, memoryMb: 256 },
  checker: { type: 'exact' },
  stopOnFirstFailure: false,
  enqueuedAt: new Date().toISOString(),
  ...overrides,
});

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

function collector<T>() {
  const items: T[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    items,
    add(item: T) {
      items.push(item);
      for (const waiter of waiters.filter((w) => items.length >= w.count)) waiter.resolve();
    },
    async atLeast(count: number, timeoutMs = 10_000) {
      if (items.length >= count) return items;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${items.length} of ${count} arrived`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
      return items;
    },
  };
}

const noMalformed = { onMalformed: async () => {} };

/** One contract, proven against a real RabbitMQ and the in-process stand-in. */
describe.each<[string, () => Promise<{ queue: GradingQueue; cleanup: () => Promise<void> }>]>([
  [
    'rabbitmq',
    async () => {
      const namespace = `test.${randomUUID()}.`;
      const queue = await connectRabbitQueue(amqpUrl, { namespace });
      return { queue, cleanup: async () => (await queue.close(), await deleteTopology(amqpUrl, namespace)) };
    },
  ],
  ['memory', async () => ({ queue: inProcessQueue(), cleanup: async () => {} })],
])('GradingQueue on %s', (_name, open) => {
  let queue: GradingQueue;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ queue, cleanup } = await open()));
  afterAll(() => cleanup());

  it('delivers each job once to one of the competing consumers, and acknowledges it', async () => {
    const seen = collector<JobDelivery>();
    const a = await queue.consumeJobs(async (delivery) => seen.add(delivery), {
      prefetch: 2,
      ...noMalformed,
    });
    const b = await queue.consumeJobs(async (delivery) => seen.add(delivery), {
      prefetch: 2,
      ...noMalformed,
    });
    const jobs = Array.from({ length: 10 }, () => job());
    for (const j of jobs) await queue.enqueue(j);
    await seen.atLeast(10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.items.map((d) => d.job.jobId).sort()).toEqual(jobs.map((j) => j.jobId).sort());
    expect(seen.items.every((d) => d.attempt === 1)).toBe(true);
    await a.cancel();
    await b.cancel();
    expect((await queue.depth()).waiting).toBe(0);
  });

  it('redelivers a job whose handler fails, then dead-letters it after three deliveries', async () => {
    const attempts = collector<number>();
    const deadJobs = collector<GradingJob>();
    const failing = await queue.consumeJobs(
      async ({ attempt }) => {
        attempts.add(attempt);
        throw new Error('worker trouble');
      },
      { prefetch: 1, ...noMalformed },
    );
    const dead = await queue.consumeDeadJobs(async (deadJob) => deadJobs.add(deadJob));
    const doomed = job();
    await queue.enqueue(doomed);
    expect((await deadJobs.atLeast(1))[0]?.jobId).toBe(doomed.jobId);
    expect(attempts.items).toEqual([1, 2, 3]);
    await failing.cancel();
    await dead.cancel();
  });

  it('never runs more handlers at once than the prefetch', async () => {
    let running = 0;
    let peak = 0;
    const done = collector<string>();
    const consumer = await queue.consumeJobs(
      async ({ job: j }) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        done.add(j.jobId);
      },
      { prefetch: 3, ...noMalformed },
    );
    for (let i = 0; i < 12; i++) await queue.enqueue(job());
    await done.atLeast(12);
    expect(peak).toBe(3);
    await consumer.cancel();
  });

  it('hands a malformed job to onMalformed with its id, so its submitter is not left waiting', async () => {
    const malformed = collector<string | undefined>();
    const consumer = await queue.consumeJobs(async () => {}, {
      prefetch: 1,
      onMalformed: async (jobId) => malformed.add(jobId),
    });
    const broken = { ...job(), language: 'cobol' } as unknown as GradingJob;
    await queue.enqueue(broken);
    expect(await malformed.atLeast(1)).toEqual([broken.jobId]);
    await consumer.cancel();
  });

  it('stores each event once across consumers and shows every event to every watcher', async () => {
    const stored = collector<GradingEvent>();
    const watchedA = collector<GradingEvent>();
    const watchedB = collector<GradingEvent>();
    const consumers = [
      await queue.consumeEvents(async (event) => stored.add(event)),
      await queue.consumeEvents(async (event) => stored.add(event)),
      await queue.watchEvents((event) => watchedA.add(event)),
      await queue.watchEvents((event) => watchedB.add(event)),
    ];
    const jobIds = Array.from({ length: 5 }, () => randomUUID());
    for (const jobId of jobIds) {
      await queue.publishProgress({ type: 'progress', jobId, seq: 0, tests: [] });
      await queue.publishFinal(final(jobId));
    }
    await stored.atLeast(10);
    await watchedA.atLeast(10);
    await watchedB.atLeast(10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stored.items).toHaveLength(10);
    expect(
      stored.items
        .filter((e) => e.type === 'final')
        .map((e) => e.jobId)
        .sort(),
    ).toEqual([...jobIds].sort());
    for (const consumer of consumers) await consumer.cancel();
  });

  it('takes a job to a worker and its final back in milliseconds, not in TCP delayed-ACK time', async () => {
    // The compile service's pattern: it acknowledges a stored final, then publishes the next job.
    const back = new Map<string, () => void>();
    const store = await queue.consumeEvents(async (event) => back.get(event.jobId)?.());
    const worker = await queue.consumeJobs(async ({ job: j }) => queue.publishFinal(final(j.jobId)), {
      prefetch: 1,
      ...noMalformed,
    });
    const roundTrips: number[] = [];
    for (let i = 0; i < 21; i++) {
      const sent = job();
      const started = performance.now();
      const stored = new Promise<void>((resolve) => back.set(sent.jobId, resolve));
      await queue.enqueue(sent);
      await stored;
      roundTrips.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5)); // the acknowledgement goes out first
    }
    // With Nagle's algorithm on, a publish right after an acknowledgement waits for the broker's
    // delayed ACK (40 ms at least on Linux), so the median is over 40 ms. Without, the round trip
    // takes a millisecond or so on an idle machine, and stays well under the bound on a busy one.
    expect(roundTrips.sort((x, y) => x - y)[10]).toBeLessThan(35);
    await worker.cancel();
    await store.cancel();
  });
});

describe('GradingQueue on rabbitmq, when a consumer dies mid-job', () => {
  it('delivers the job again to another consumer, counting the attempt', async () => {
    const namespace = `test.${randomUUID()}.`;
    const dying = await connectRabbitQueue(amqpUrl, { namespace });
    const survivor = await connectRabbitQueue(amqpUrl, { namespace });
    try {
      const started = collector<string>();
      await dying.consumeJobs(
        async ({ job: j }) => {
          started.add(j.jobId);
          await new Promise(() => {}); // hangs until its connection dies
        },
        { prefetch: 1, ...noMalformed },
      );
      const interrupted = job();
      await survivor.enqueue(interrupted);
      await started.atLeast(1);

      const redelivered = collector<JobDelivery>();
      await survivor.consumeJobs(async (delivery) => redelivered.add(delivery), {
        prefetch: 1,
        ...noMalformed,
      });
      await dying.close();
      const [delivery] = await redelivered.atLeast(1);
      expect(delivery).toMatchObject({ job: { jobId: interrupted.jobId }, attempt: 2 });
    } finally {
      await survivor.close();
      await deleteTopology(amqpUrl, namespace);
    }
  });
});

/** Has the broker close one connection, found by its name, as an operator or a broker restart would. */
async function closeConnectionNamed(name: string) {
  const run = promisify(execFile);
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties']);
  const line = stdout.split('\n').find((entry) => entry.includes(name));
  const pid = line && /<[^>]+>/.exec(line)?.[0];
  if (!pid) throw new Error(`no connection named ${name}:\n${stdout}`);
  await run('rabbitmqctl', ['close_connection', pid, 'closed by the connection-loss test']);
}

describe('GradingQueue on rabbitmq, when the broker drops the connection', () => {
  it('tells its owner, once, so that a worker can be replaced', async () => {
    const namespace = `test.${randomUUID()}.`;
    const lost = collector<Error | undefined>();
    const connectionName = `connection-loss-test-${randomUUID()}`;
    const queue = await connectRabbitQueue(amqpUrl, {
      namespace,
      connectionName,
      onConnectionLost: (error) => lost.add(error),
    });
    try {
      await closeConnectionNamed(connectionName);
      await lost.atLeast(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(lost.items).toHaveLength(1);
    } finally {
      await queue.close();
      await deleteTopology(amqpUrl, namespace);
    }
  });
});
