import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradingJob, SubmissionTestResult } from '@corazy/contracts';
import { startTestCompile, type TestCompile } from '@corazy/compile/testing';
import type { JobDelivery } from '@corazy/grading-queue';
import type { Identity } from '@corazy/service-kit';
import { TcpProxy } from '@corazy/service-kit/testing';
import { compileClient } from './compile-client.js';

/**
 * The relay's client of the real compile service (PostgreSQL, in-process queue whose worker side the
 * test plays), reached through a TCP proxy that cuts the judgement's event stream mid-way.
 */
let compile: TestCompile;
let proxy: TcpProxy;
const deliveries: JobDelivery[] = [];

beforeAll(async () => {
  compile = await startTestCompile({
    queue: 'memory',
    env: { STREAM_REFRESH_MS: '200', SSE_HEARTBEAT_MS: '100' },
  });
  await compile.queue.consumeJobs(async (delivery) => void deliveries.push(delivery), {
    prefetch: 8,
    onMalformed: async () => {},
  });
  proxy = await TcpProxy.start('127.0.0.1', Number(new URL(compile.url).port));
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await compile?.close();
});

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const outcome = (testId: string) => ({ testId, verdict: 'ACCEPTED' as const, timeMs: 3, memoryKb: 1024 });

describe('following a judgement', () => {
  it('survives its event stream being cut mid-way: reconnects, passes each test on once, and ends with the final', async () => {
    const judge = compileClient(`http://127.0.0.1:${proxy.port}`);
    const player: Identity = { userId: randomUUID(), nickname: 'relay-player', role: 'USER' };
    const id = await judge.submit(player, {
      problem: 'a-plus-b',
      language: 'python',
      source: 'print(1)',
      mode: 'full',
    });
    await until(() => deliveries.some((delivery) => delivery.job.jobId === id));
    const job: GradingJob = deliveries.find((delivery) => delivery.job.jobId === id)!.job;
    expect(job.tests.length).toBeGreaterThan(1);

    const passedOn: SubmissionTestResult[] = [];
    const following = judge.follow(player, id, async (test) => void passedOn.push(test));
    const [first, ...rest] = job.tests;
    await compile.queue.publishProgress({ type: 'progress', jobId: id, seq: 0, tests: [outcome(first!.id)] });
    await until(() => passedOn.length === 1);

    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.restore();
    await compile.queue.publishFinal({
      type: 'final',
      jobId: id,
      verdict: 'ACCEPTED',
      compileOutput: null,
      tests: job.tests.map((test) => outcome(test.id)),
      skipped: 0,
      timeMs: 3,
      memoryKb: 1024,
      attempt: 1,
      finishedAt: new Date().toISOString(),
    });
    const final = await following;
    expect(final.verdict).toBe('ACCEPTED');
    expect(passedOn.map((test) => test.testId).sort()).toEqual(
      [first!, ...rest].map((test) => test.id).sort(),
    );
  });
});
