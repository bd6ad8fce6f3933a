import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradingFinal, GradingJob } from '@corazy/contracts';
import { connectRabbitQueue, deleteTopology, type GradingQueue } from '@corazy/grading-queue';
import { freePort, spawnService, type ServiceProcess } from '@corazy/service-kit/testing';

/**
 * Workers killed with SIGKILL mid-job, again and again, while 200 jobs go through: every job still
 * gets a final result, and none gets a wrong one. A final published just before a kill, but not yet
 * acknowledged, makes the broker deliver the job again, so a job can be graded twice; consumers keep
 * the first final (as the compile service does), and the test bounds how often that happens.
 */
const amqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const JOBS = 200;
const KILLS = 8;

let queue: GradingQueue;
const namespace = `test.${randomUUID()}.`;
const finals = new Map<string, GradingFinal[]>();

beforeAll(async () => {
  queue = await connectRabbitQueue(amqpUrl, { namespace });
  await queue.consumeEvents(async (event) => {
    if (event.type !== 'final') return;
    finals.set(event.jobId, [...(finals.get(event.jobId) ?? []), event]);
  });
});
afterAll(async () => {
  await queue.close();
  await deleteTopology(amqpUrl, namespace);
});

const startWorker = async () =>
  spawnService('compile-worker', await freePort(), {
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    WORKER_CONCURRENCY: '2',
    SANDBOX_BACKEND: 'namespace',
    LOG_LEVEL: 'error',
  });

/** Workspace mounts whose owning process (the directory above them is named by its pid) has died. */
function workspacesOfDeadWorkers(): string[] {
  return readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((mountPoint) => {
      const owner = /corazy-sandbox\/(\d+)\//.exec(mountPoint)?.[1];
      return owner !== undefined && !existsSync(`/proc/${owner}`);
    });
}

describe('workers killed mid-job', () => {
  it(`still give each of ${JOBS} jobs a final result`, async () => {
    const jobs: GradingJob[] = Array.from({ length: JOBS }, (_v, i) => ({
      jobId: randomUUID(),
      kind: 'submission',
      language: 'python',
      source: 'import time\ntime.sleep(0.05)\nprint(int(input()) * 2)',
      tests: [{ id: '1', input: `${i}\n`, expected: `${i * 2}\n` }],
      limits: { timeMs: 2000, memoryMb: 128 },
      checker: { type: 'exact' },
      stopOnFirstFailure: false,
      enqueuedAt: new Date().toISOString(),
    }));
    for (const job of jobs) await queue.enqueue(job);

    let worker: ServiceProcess | undefined;
    let kills = 0;
    while (kills < KILLS && finals.size < JOBS) {
      worker = await startWorker();
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 600));
      await worker.stop('SIGKILL');
      kills++;
    }
    worker = await startWorker();
    const deadline = Date.now() + 120_000;
    while (finals.size < JOBS && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await worker.stop('SIGTERM')).toBe(0);

    expect(kills).toBe(KILLS);
    // The killed workers could not unmount their workspaces; the next sandbox on the host did.
    expect(workspacesOfDeadWorkers()).toEqual([]);
    expect(finals.size).toBe(JOBS);
    for (const job of jobs) {
      const [first] = finals.get(job.jobId)!;
      expect(first?.verdict, `job ${job.jobId}`).toBe('ACCEPTED');
    }
    // The kills landed mid-job: some jobs were finished by a later delivery than the first.
    const redelivered = [...finals.values()].filter((list) => list.some((final) => final.attempt > 1)).length;
    expect(redelivered).toBeGreaterThan(0);
    // A duplicate needs a kill between a final's confirmation and its job's acknowledgement: at most
    // one per job in hand (2) per kill.
    const duplicates = [...finals.values()].reduce((sum, list) => sum + list.length - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(KILLS * 2);
  }, 240_000);
});

describe('a worker asked to stop', () => {
  it('finishes the job in hand, publishes its final, and exits cleanly', async () => {
    const worker = await startWorker();
    const slow: GradingJob = {
      jobId: randomUUID(),
      kind: 'submission',
      language: 'python',
      source: 'import time\ntime.sleep(1.5)\nprint("done")',
      tests: [{ id: '1', input: '', expected: 'done\n' }],
      limits: { timeMs: 1000, memoryMb: 128 },
      checker: { type: 'exact' },
      stopOnFirstFailure: false,
      enqueuedAt: new Date().toISOString(),
    };
    await queue.enqueue(slow);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(finals.get(slow.jobId)?.map((final) => [final.verdict, final.attempt])).toEqual([['ACCEPTED', 1]]);
  }, 60_000);
});
