import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobAccepted, type GradingJob } from '@corazy/contracts';
import { GraderDouble } from './test-support/grader-double.js';
import { call } from './test-support/http.js';
import { asUser, startTestCompile, testAmqpUrl, type TestCompile } from './testing.js';

const SLEEPER = { language: 'python', source: 'import time\ntime.sleep(6.5)' };

/**
 * Five users keep their active jobs full while a newcomer submits one run: with two jobs out at once, the
 * newcomer's must be the next one dispatched when a slot frees, however many the others have waiting.
 * Proven by the order in which the workers' side receives jobs, on RabbitMQ and on the embedded queue.
 */
describe.each(['rabbitmq', 'memory'] as const)('fair dispatch on %s', (queueKind) => {
  let compile: TestCompile;
  let grader: GraderDouble;

  beforeAll(async () => {
    compile = await startTestCompile({
      queue: queueKind,
      env: {
        DISPATCH_WINDOW: '2',
        MAX_ACTIVE_JOBS_PER_USER: '5',
        JOBS_PER_MINUTE: '100',
        GUEST_MAX_ACTIVE_JOBS: '5',
        GUEST_JOBS_PER_MINUTE: '100',
      },
    });
    grader =
      queueKind === 'memory'
        ? await GraderDouble.onQueue(compile.queue)
        : await GraderDouble.onRabbit(testAmqpUrl(), compile.namespace);
  });
  afterAll(async () => {
    await grader?.close();
    await compile?.close();
  });

  const owners = new Map<string, string>();
  const run = async (headers: Record<string, string>, body: object) => {
    const response = await call(compile.url, 'POST', '/api/runs', body, headers);
    expect(response.status).toBe(202);
    const { id } = JobAccepted.parse(response.body);
    owners.set(id, headers['x-user-id']!);
    return id;
  };
  /** Finishes the job, as a worker would, and returns who owns the next one delivered. */
  const finishAndTakeNext = async (job: GradingJob) => {
    await grader.final(job);
    return (await grader.take()).job;
  };

  it('serves a user with nothing running at the next free slot, ahead of every backlog', async () => {
    const backlogged = Array.from({ length: 5 }, () => asUser({ role: 'GUEST' }));
    for (const user of backlogged) for (let i = 0; i < 5; i += 1) await run(user, SLEEPER);

    // Only the window's two go out; the other 23 wait in the compile service, not in the broker.
    const out = [(await grader.take()).job, (await grader.take()).job];
    await expect(grader.take(undefined, 500)).rejects.toThrow(/no job/);

    // Past the start, every backlogged user has been served once: the steady state of the scenario.
    const served = new Set(out.map((job) => owners.get(job.jobId)));
    while (served.size < backlogged.length) {
      const next = await finishAndTakeNext(out.shift()!);
      served.add(owners.get(next.jobId));
      out.push(next);
    }

    const newcomer = asUser({ role: 'USER' });
    const print = await run(newcomer, { language: 'python', source: 'print(1)' });
    const next = await finishAndTakeNext(out.shift()!);
    expect(next.jobId).toBe(print);

    // Two out at once never belonged to one user while others waited with none out.
    expect(owners.get(out[0]!.jobId)).not.toBe(owners.get(next.jobId));
  });
});
