import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobAccepted, RunResult, SubmissionView } from '@corazy/contracts';
import { deleteTopology } from '@corazy/grading-queue';
import type { ResilientQueue } from './adapters/resilient-queue.js';
import { SqlJobRepository } from './adapters/sql-job-repository.js';
import { GraderDouble, outcome } from './test-support/grader-double.js';
import { call, eventually, openSse } from './test-support/http.js';
import { TcpProxy } from '@corazy/service-kit/testing';
import { asUser, startTestCompile, testAmqpUrl, type TestCompile } from './testing.js';

const aPlusB = { problem: 'a-plus-b', language: 'c', source: 'int main(){return 0;}', mode: 'sample' };

async function submit(compile: TestCompile, player: Record<string, string>, body: object = aPlusB) {
  const response = await call(compile.url, 'POST', '/api/submissions', body, player);
  expect(response.status).toBe(202);
  return JobAccepted.parse(response.body).id;
}

const view = async (compile: TestCompile, id: string, player: Record<string, string>) =>
  SubmissionView.parse((await call(compile.url, 'GET', `/api/submissions/${id}`, undefined, player)).body);

const doneView = (compile: TestCompile, id: string, player: Record<string, string>, timeoutMs = 10_000) =>
  eventually(async () => {
    const current = await view(compile, id, player);
    return current.status === 'done' ? current : undefined;
  }, timeoutMs);

async function unpublished(compile: TestCompile) {
  const [row] = await compile.db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM compile.outbox WHERE published_at IS NULL',
  );
  return row!.count;
}

describe('with the broker down', () => {
  const namespace = `test.compile.${randomUUID()}.`;
  let proxy: TcpProxy;
  let compile: TestCompile;
  let grader: GraderDouble;

  beforeAll(async () => {
    const direct = new URL(testAmqpUrl());
    proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5672));
    const throughProxy = new URL(direct);
    throughProxy.port = String(proxy.port);
    compile = await startTestCompile({ amqpUrl: throughProxy.toString(), namespace });
    // The worker reaches the broker directly: only the compile service loses it.
    grader = await GraderDouble.onRabbit(testAmqpUrl(), namespace);
  });
  afterAll(async () => {
    await grader?.close();
    await compile?.close();
    await proxy?.close();
    await deleteTopology(testAmqpUrl(), namespace).catch(() => undefined);
  });

  it('still answers 202, keeps the jobs in the outbox, and has them judged once the broker is back', async () => {
    const player = asUser();
    const queue = compile.queue as ResilientQueue;
    await eventually(async () => (queue.connected ? true : undefined));
    // Working to begin with.
    const before = await submit(compile, player);
    await grader.final((await grader.take(before)).job);
    await doneView(compile, before, player);

    proxy.cut();
    await eventually(async () => (queue.connected ? undefined : true));
    const ids = [await submit(compile, player), await submit(compile, player), await submit(compile, player)];
    expect(await unpublished(compile)).toBe(3);
    // Ready all the same: taking submissions into the outbox is what this replica is for now.
    expect((await call(compile.url, 'GET', '/readyz')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(grader.received.filter((d) => ids.includes(d.job.jobId))).toHaveLength(0);
    expect((await view(compile, ids[0]!, player)).status).toBe('queued');

    proxy.restore();
    for (const id of ids) await grader.final((await grader.take(id, 15_000)).job);
    for (const id of ids) expect((await doneView(compile, id, player)).verdict).toBe('ACCEPTED');
    expect(await unpublished(compile)).toBe(0);
  });

  it('streams results again after the connection comes back', async () => {
    const player = asUser();
    const queue = compile.queue as ResilientQueue;
    await eventually(async () => (queue.connected ? true : undefined));
    const id = await submit(compile, player);
    const { job } = await grader.take(id);
    const stream = await openSse(`${compile.url}/api/submissions/${id}/events`, player);
    await stream.until('snapshot');
    proxy.cut();
    // Published while this replica cannot hear: it learns of it from the store once reconnected.
    await grader.progress(job, 0, [outcome('sample-01')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.restore();
    await grader.final(job);
    await stream.until('final', 15_000);
    const tests = stream.events
      .filter((e) => e.event === 'test')
      .map((e) => (e.data as { testId: string }).testId);
    expect(tests.sort()).toEqual(['sample-01', 'sample-02']);
  });
});

describe('jobs without a result', () => {
  let compile: TestCompile;
  let grader: GraderDouble;

  beforeAll(async () => {
    compile = await startTestCompile({
      env: {
        JOB_STALL_TIMEOUT_MS: '1500',
        WATCHDOG_INTERVAL_MS: '100',
        MAX_JOB_ENQUEUES: '3',
        STREAM_REFRESH_MS: '200',
      },
    });
    grader = await GraderDouble.onRabbit(testAmqpUrl(), compile.namespace);
  });
  afterAll(async () => {
    await grader?.close();
    await compile?.close();
  });

  it('are enqueued again after their deadline, and judged then', async () => {
    const player = asUser();
    const id = await submit(compile, player);
    // The first delivery is taken and lost (a worker that vanished with it after acknowledging).
    const lost = await grader.take(id);
    const again = await grader.take(id, 10_000);
    expect(again.job.tests).toEqual(lost.job.tests);
    await grader.final(again.job);
    expect((await doneView(compile, id, player)).verdict).toBe('ACCEPTED');
    const [row] = await compile.db.query<{ enqueue_count: number }>(
      'SELECT enqueue_count FROM compile.jobs WHERE id = $1',
      [id],
    );
    expect(row!.enqueue_count).toBe(2);
  });

  it('are left alone while they report progress', async () => {
    const player = asUser();
    const id = await submit(compile, player);
    const { job } = await grader.take(id);
    // Three times the stall timeout in all, a progress every fifth of it.
    for (let seq = 0; seq < 15; seq += 1) {
      await grader.progress(job, seq, []);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await grader.final(job);
    await doneView(compile, id, player);
    expect(grader.received.filter((d) => d.job.jobId === id)).toHaveLength(0);
  });

  it('end with INTERNAL_ERROR after the last attempt, and a stream open on them says so', async () => {
    const player = asUser();
    const id = await submit(compile, player);
    const stream = await openSse(`${compile.url}/api/submissions/${id}/events`, player);
    for (let attempt = 1; attempt <= 3; attempt += 1) await grader.take(id, 10_000);
    await stream.until('final', 10_000);
    const final = stream.events.at(-1)!.data as SubmissionView;
    expect(final).toMatchObject({ status: 'done', verdict: 'INTERNAL_ERROR' });
    expect(final.message).toMatch(/3 attempts/);
    expect(await doneView(compile, id, player)).toMatchObject({ verdict: 'INTERNAL_ERROR' });
  });
});

describe('the outbox', () => {
  it('publishes a job as soon as it is stored, without waiting for a relay pass', async () => {
    const compile = await startTestCompile({ env: { OUTBOX_POLL_MS: '600000' } });
    const grader = await GraderDouble.onRabbit(testAmqpUrl(), compile.namespace);
    try {
      const id = await submit(compile, asUser());
      expect((await grader.take(id, 2_000)).job.jobId).toBe(id);
      await eventually(async () => ((await unpublished(compile)) === 0 ? true : undefined));
    } finally {
      await grader.close();
      await compile.close();
    }
  });

  it('forgets published entries after their retention, and only those', async () => {
    const compile = await startTestCompile({ queue: 'memory', env: { SEED_CATALOGUE: 'false' } });
    try {
      const store = new SqlJobRepository(compile.db);
      const job = (id: string) => ({
        id,
        kind: 'run' as const,
        userId: 'u',
        language: 'python' as const,
        source: 'print(1)',
        stdin: '',
        testPlan: [{ id: 'stdin', sample: true }],
      });
      const [old, recent, pending] = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of [old, recent, pending]) await store.create(job(id), 10);
      await compile.db.query(
        `UPDATE compile.outbox SET published_at = now() - interval '8 days' WHERE job_id = $1`,
        [old],
      );
      await compile.db.query(`UPDATE compile.outbox SET published_at = now() WHERE job_id = $1`, [recent]);
      expect(await store.pruneOutbox(7 * 24 * 60 * 60_000)).toBe(1);
      const left = await compile.db.query<{ job_id: string }>('SELECT job_id FROM compile.outbox');
      expect(left.map((row) => row.job_id).sort()).toEqual([recent, pending].sort());
    } finally {
      await compile.close();
    }
  });
});

describe('two replicas', () => {
  let a: TestCompile;
  let b: TestCompile;
  let grader: GraderDouble;

  beforeAll(async () => {
    // Store re-reads are turned off (a minute apart), so what a replica streams can only have come
    // through the broker's fan-out; outbox relays poll all the time, racing each job's own publish.
    const env = { STREAM_REFRESH_MS: '60000', OUTBOX_POLL_MS: '10' };
    a = await startTestCompile({ env });
    // The second replica: the same database and broker namespace.
    b = await startTestCompile({ databaseUrl: a.databaseUrl, namespace: a.namespace, env });
    grader = await GraderDouble.onRabbit(testAmqpUrl(), a.namespace);
  });
  afterAll(async () => {
    await grader?.close();
    await b?.close();
    await a?.close();
  });

  it('streams from the replica that did not take the submission', async () => {
    const player = asUser();
    const id = await submit(a, player, { ...aPlusB, mode: 'full' });
    const stream = await openSse(`${b.url}/api/submissions/${id}/events`, player);
    await stream.until('snapshot');
    const { job } = await grader.take(id);
    for (const [seq, test] of job.tests.entries()) await grader.progress(job, seq, [outcome(test.id)]);
    await eventually(async () =>
      stream.events.filter((e) => e.event === 'test').length === job.tests.length ? true : undefined,
    );
    await grader.final(job);
    await stream.until('final');
    await stream.ended;
    expect(stream.events.filter((e) => e.event === 'test')).toHaveLength(job.tests.length);
  });

  it('answers a long poll for a run on the other replica', async () => {
    const player = asUser();
    const response = await call(
      a.url,
      'POST',
      '/api/runs',
      { language: 'python', source: 'print(7)' },
      player,
    );
    const { id } = JobAccepted.parse(response.body);
    const held = call(b.url, 'GET', `/api/runs/${id}?wait=10`, undefined, player);
    const { job } = await grader.take(id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await grader.final(job, { run: { stdout: '7\n', stderr: '', exitCode: 0, truncated: false } });
    expect(RunResult.parse((await held).body)).toMatchObject({ status: 'done', stdout: '7\n' });
  });

  it('share the outbox: every job is published once, whichever replica stored it, however often they poll', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i % 2 ? a : b, asUser())));
    for (const id of ids) await grader.final((await grader.take(id)).job);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const extra = grader.received.filter((d) => ids.includes(d.job.jobId));
    expect(extra).toHaveLength(0);
    const [row] = await a.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM compile.outbox WHERE job_id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
      [ids],
    );
    expect(row!.count).toBe(20);
  });
});
