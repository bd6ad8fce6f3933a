import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JobAccepted,
  RunResult,
  SubmissionList,
  SubmissionView,
  type GradingFinal,
  type ProblemInput,
} from '@corazy/contracts';
import { PACKAGED_CATALOGUE_DIR } from './adapters/catalogue-files.js';
import { SqlJobRepository } from './adapters/sql-job-repository.js';
import { GraderDouble, outcome } from './test-support/grader-double.js';
import { call, errorCode, eventually, openSse } from './test-support/http.js';
import { asUser, startTestCompile, testAmqpUrl, type TestCompile } from './testing.js';

let compile: TestCompile;
let grader: GraderDouble;

beforeAll(async () => {
  compile = await startTestCompile({
    env: {
      JOBS_PER_MINUTE: '6',
      MAX_ACTIVE_JOBS_PER_USER: '3',
      GUEST_JOBS_PER_MINUTE: '4',
      GUEST_MAX_ACTIVE_JOBS: '2',
      STREAM_REFRESH_MS: '200',
      SSE_HEARTBEAT_MS: '100',
      RUN_TIME_LIMIT_MS: '2500',
    },
  });
  grader = await GraderDouble.onRabbit(testAmqpUrl(), compile.namespace);
});
afterAll(async () => {
  await grader?.close();
  await compile?.close();
});

const submit = (headers: Record<string, string>, body: object) =>
  call(compile.url, 'POST', '/api/submissions', body, headers);
const get = (path: string, headers: Record<string, string>) =>
  call(compile.url, 'GET', path, undefined, headers);
const submission = async (id: string, headers: Record<string, string>) =>
  SubmissionView.parse((await get(`/api/submissions/${id}`, headers)).body);
const aPlusB = {
  problem: 'a-plus-b',
  language: 'python',
  source: 'a, b = map(int, input().split())\nprint(a + b)\n',
};

async function jobsOf(userId: string) {
  const [row] = await compile.db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM compile.jobs WHERE user_id = $1',
    [userId],
  );
  return row!.count;
}

describe('bad input', () => {
  const player = asUser();
  const userId = player['x-user-id']!;

  it.each<[string, object, number, string]>([
    [
      'source over 64 KiB of UTF-8',
      { ...aPlusB, mode: 'full', source: 'ㄱ'.repeat(21_846) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['an unknown language', { ...aPlusB, mode: 'full', language: 'cobol' }, 400, 'LANGUAGE_UNSUPPORTED'],
    ['an unknown problem', { ...aPlusB, mode: 'full', problem: 'no-such-problem' }, 404, 'NOT_FOUND'],
    [
      'an unknown problem id',
      { ...aPlusB, mode: 'full', problem: '00000000-0000-4000-8000-000000000000' },
      404,
      'NOT_FOUND',
    ],
    ['an unknown mode', { ...aPlusB, mode: 'everything' }, 400, 'VALIDATION_FAILED'],
    ['an empty source', { ...aPlusB, mode: 'full', source: '' }, 400, 'VALIDATION_FAILED'],
    ['no problem', { language: 'python', source: 'x', mode: 'full' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s with %i %s and stores nothing', async (_what, body, status, code) => {
    const response = await submit(player, body);
    expect(response.status).toBe(status);
    expect(errorCode(response.body)).toBe(code);
    expect(await jobsOf(userId)).toBe(0);
  });

  it('refuses a body that is not JSON with 400, and a wrong content type with 415', async () => {
    const broken = await fetch(`${compile.url}/api/submissions`, {
      method: 'POST',
      headers: { ...player, 'content-type': 'application/json' },
      body: '{"problem": "a-plus-b",',
    });
    expect(broken.status).toBe(400);
    expect(errorCode(await broken.json())).toBe('VALIDATION_FAILED');
    const form = await fetch(`${compile.url}/api/submissions`, {
      method: 'POST',
      headers: { ...player, 'content-type': 'application/xml' },
      body: '<submission/>',
    });
    expect(form.status).toBe(415);
    expect(errorCode(await form.json())).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await jobsOf(userId)).toBe(0);
  });

  it('refuses a run with stdin over 1 MiB (413) or an unknown language (400)', async () => {
    const big = await call(
      compile.url,
      'POST',
      '/api/runs',
      { language: 'python', source: 'print(input())', stdin: 'x'.repeat(1024 * 1024 + 1) },
      player,
    );
    expect(big.status).toBe(413);
    expect(errorCode(big.body)).toBe('PAYLOAD_TOO_LARGE');
    const ok = 'x'.repeat(1024 * 1024);
    const unknown = await call(
      compile.url,
      'POST',
      '/api/runs',
      { language: 'brainfuck', source: 'x', stdin: ok },
      player,
    );
    expect(unknown.status).toBe(400);
    expect(errorCode(unknown.body)).toBe('LANGUAGE_UNSUPPORTED');
    expect(await jobsOf(userId)).toBe(0);
  });

  it('refuses a language the problem does not accept', async () => {
    const admin = asUser({ role: 'ADMIN' });
    const onlyPython: ProblemInput = {
      slug: 'python-only',
      difficulty: 'easy',
      tags: [],
      timeLimitMs: 1000,
      memoryLimitMb: 64,
      checker: { type: 'exact' },
      languages: ['python'],
      texts: {
        ko: { title: '파이썬', statement: '가', input: '나', output: '다' },
        en: { title: 'Python', statement: 'a', input: 'b', output: 'c' },
      },
      starterCode: {},
    };
    expect((await call(compile.url, 'POST', '/api/problems', onlyPython, admin)).status).toBe(201);
    expect(
      (
        await call(
          compile.url,
          'PUT',
          '/api/problems/python-only/tests/sample-1',
          { input: '', output: '', sample: true },
          admin,
        )
      ).status,
    ).toBe(204);
    const response = await submit(player, {
      problem: 'python-only',
      language: 'java',
      source: 'class Main {}',
      mode: 'sample',
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('LANGUAGE_UNSUPPORTED');
    expect((response.body as { error: { details: unknown } }).error.details).toEqual({
      supported: ['python'],
    });
  });

  it('refuses callers the gateway did not identify', async () => {
    expect((await call(compile.url, 'POST', '/api/submissions', { ...aPlusB, mode: 'full' })).status).toBe(
      401,
    );
    expect((await call(compile.url, 'POST', '/api/runs', { language: 'python', source: 'x' })).status).toBe(
      401,
    );
    expect((await call(compile.url, 'GET', '/api/submissions?mine=1')).status).toBe(401);
  });

  it('answers 429 QUEUE_LIMIT_REACHED with Retry-After past the cap of jobs waiting for a result', async () => {
    const busy = asUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await submit(busy, { ...aPlusB, mode: 'sample' });
      expect(response.status).toBe(202);
      ids.push(JobAccepted.parse(response.body).id);
    }
    const refused = await submit(busy, { ...aPlusB, mode: 'sample' });
    expect(refused.status).toBe(429);
    expect(errorCode(refused.body)).toBe('QUEUE_LIMIT_REACHED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await jobsOf(busy['x-user-id']!)).toBe(3);

    // Once one is judged, there is room again.
    await grader.final((await grader.take(ids[0])).job);
    await eventually(async () => ((await submission(ids[0]!, busy)).status === 'done' ? true : undefined));
    expect((await submit(busy, { ...aPlusB, mode: 'sample' })).status).toBe(202);
  });

  it('answers 429 RATE_LIMITED with Retry-After past the submissions allowed per minute', async () => {
    const eager = asUser();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i += 1) {
      // Runs count too; each finishes at once so the cap on waiting jobs is not what refuses.
      const response = await call(
        compile.url,
        'POST',
        '/api/runs',
        { language: 'python', source: 'print(1)' },
        eager,
      );
      statuses.push(response.status);
      if (response.status === 202) {
        const { id } = JobAccepted.parse(response.body);
        await grader.final((await grader.take(id)).job);
        await eventually(async () =>
          RunResult.parse((await get(`/api/runs/${id}`, eager)).body).status === 'done' ? true : undefined,
        );
      } else {
        expect(errorCode(response.body)).toBe('RATE_LIMITED');
        retryAfter = response.headers.get('retry-after');
      }
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});

describe('refusals and guests', () => {
  const finishAll = async (ids: string[], headers: Record<string, string>) => {
    for (const id of ids) await grader.final((await grader.take(id)).job);
    await eventually(async () => {
      for (const id of ids) if ((await submission(id, headers)).status !== 'done') return undefined;
      return true;
    });
  };

  it('never counts a refused request as a run: refusals past the active cap do not lock the user out', async () => {
    const hasty = asUser();
    const accept = async () => {
      const response = await submit(hasty, { ...aPlusB, mode: 'sample' });
      expect(response.status).toBe(202);
      return JobAccepted.parse(response.body).id;
    };
    const first = [await accept(), await accept(), await accept()];
    // Ten more while three wait: each refused for the cap, none taking from the rate.
    for (let i = 0; i < 10; i += 1) {
      const refused = await submit(hasty, { ...aPlusB, mode: 'sample' });
      expect(errorCode(refused.body)).toBe('QUEUE_LIMIT_REACHED');
    }
    await finishAll(first, hasty);
    // Six a minute: three more are accepted, and the seventh is the first the rate refuses.
    for (let i = 0; i < 3; i += 1) await accept();
    expect(errorCode((await submit(hasty, { ...aPlusB, mode: 'sample' })).body)).toBe('RATE_LIMITED');
  });

  it('gives guests lower caps than signed-in users: fewer active jobs and fewer runs a minute', async () => {
    const guest = asUser({ role: 'GUEST' });
    const member = asUser({ role: 'USER' });
    const guestIds: string[] = [];
    for (let i = 0; i < 2; i += 1)
      guestIds.push(JobAccepted.parse((await submit(guest, { ...aPlusB, mode: 'sample' })).body).id);
    const third = await submit(guest, { ...aPlusB, mode: 'sample' });
    expect(errorCode(third.body)).toBe('QUEUE_LIMIT_REACHED');
    expect((third.body as { error: { message: string } }).error.message).toMatch(/at most 2 may/);
    const memberIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await submit(member, { ...aPlusB, mode: 'sample' });
      expect(response.status).toBe(202);
      memberIds.push(JobAccepted.parse(response.body).id);
    }
    await finishAll([...guestIds, ...memberIds], asUser({ role: 'ADMIN' }));
    // Four a minute for a guest: two done, two more, then refused for the rate.
    for (let i = 0; i < 2; i += 1)
      expect((await submit(guest, { ...aPlusB, mode: 'sample' })).status).toBe(202);
    expect(errorCode((await submit(guest, { ...aPlusB, mode: 'sample' })).body)).toBe('RATE_LIMITED');
  });
});

describe('submitting', () => {
  it('stores the submission and answers 202 at once; the job carries the samples only in sample mode', async () => {
    const player = asUser();
    const response = await submit(player, { ...aPlusB, mode: 'sample', roomId: 'room-7' });
    expect(response.status).toBe(202);
    const accepted = JobAccepted.parse(response.body);
    expect(response.headers.get('location')).toBe(`/api/submissions/${accepted.id}`);

    const { job, attempt } = await grader.take(accepted.id);
    expect(attempt).toBe(1);
    const folder = join(PACKAGED_CATALOGUE_DIR, 'problems/a-plus-b');
    expect(job).toMatchObject({ kind: 'submission', language: 'python', source: aPlusB.source });
    expect(job.limits).toEqual({ timeMs: 1000, memoryMb: 256 });
    expect(job.tests.map((test) => test.id)).toEqual(['sample-01', 'sample-02']);
    expect(job.tests[0]!.input).toBe(await readFile(join(folder, 'tests/sample-01.in'), 'utf8'));
    expect(job.tests[0]!.expected).toBe(await readFile(join(folder, 'tests/sample-01.out'), 'utf8'));

    const view = await submission(accepted.id, player);
    expect(view).toMatchObject({
      status: 'queued',
      mode: 'sample',
      roomId: 'room-7',
      testCount: 2,
      verdict: null,
    });
    expect(view.problem.slug).toBe('a-plus-b');
    expect(view.source).toBe(aPlusB.source);
  });

  it('sends every test in full mode, samples first, with the problem own limits and checker', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse(
      (
        await submit(player, {
          problem: 'polygon-area',
          language: 'cpp',
          source: 'int main(){}',
          mode: 'full',
        })
      ).body,
    );
    const { job } = await grader.take(id);
    const names = (await readdir(join(PACKAGED_CATALOGUE_DIR, 'problems/polygon-area/tests')))
      .filter((name) => name.endsWith('.in'))
      .map((name) => name.slice(0, -3));
    expect(job.tests.map((test) => test.id).sort()).toEqual(names.sort());
    expect(job.tests.slice(0, 2).map((test) => test.id)).toEqual(['sample-01', 'sample-02']);
    expect(job.checker).toEqual({ type: 'float', absError: 1e-6, relError: 1e-9 });
    // Natural order: 2 before 10.
    const hidden = job.tests.slice(2).map((test) => Number(test.id));
    expect(hidden).toEqual([...hidden].sort((a, b) => a - b));
  });

  it('records progress and the final result; hidden tests keep their checker message from players', async () => {
    const player = asUser();
    const admin = asUser({ role: 'ADMIN' });
    const { id } = JobAccepted.parse((await submit(player, { ...aPlusB, mode: 'full' })).body);
    const { job } = await grader.take(id);
    await grader.progress(job, 0, [outcome('sample-01')], { ok: true, output: 'compiled' });
    const judging = await eventually(async () => {
      const view = await submission(id, player);
      return view.tests.length === 1 ? view : undefined;
    });
    expect(judging).toMatchObject({ status: 'judging', compileOutput: 'compiled' });

    const tests = job.tests.map((test) =>
      outcome(test.id, test.id === '03' || test.id === 'sample-02' ? 'WRONG_ANSWER' : 'ACCEPTED'),
    );
    await grader.final(job, { tests });
    const done = await eventually(async () => {
      const view = await submission(id, player);
      return view.status === 'done' ? view : undefined;
    });
    expect(done.verdict).toBe('WRONG_ANSWER');
    expect(done.tests.map((test) => test.testId)).toEqual(job.tests.map((test) => test.id));
    expect(done.tests.find((test) => test.testId === 'sample-02')).toMatchObject({
      sample: true,
      message: outcome('sample-02', 'WRONG_ANSWER').message,
    });
    expect(done.tests.find((test) => test.testId === '03')).not.toHaveProperty('message');
    expect(done.finishedAt).not.toBeNull();
    const asAdmin = await submission(id, admin);
    expect(asAdmin.tests.find((test) => test.testId === '03')).toHaveProperty('message');
  });

  it('keeps the first final of a job: a duplicate or a later different one changes nothing', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse((await submit(player, { ...aPlusB, mode: 'sample' })).body);
    const { job } = await grader.take(id);
    const first = await grader.final(job);
    await eventually(async () => ((await submission(id, player)).status === 'done' ? true : undefined));
    const stored = await submission(id, player);

    // A worker killed after publishing: the same final again, and a re-graded one that differs.
    await grader.queue.publishFinal(first);
    await grader.final(job, {
      verdict: 'TIME_LIMIT_EXCEEDED',
      attempt: 2,
      tests: job.tests.map((t) => outcome(t.id, 'TIME_LIMIT_EXCEEDED')),
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await submission(id, player)).toEqual(stored);
    expect(stored.verdict).toBe('ACCEPTED');

    // The same, without the broker's timing: the store takes a job's first final only.
    const store = new SqlJobRepository(compile.db);
    expect(await store.recordFinal({ ...first, verdict: 'RUNTIME_ERROR' } satisfies GradingFinal)).toBe(
      false,
    );
    const rows = await compile.db.query('SELECT test_id FROM compile.job_tests WHERE job_id = $1', [id]);
    expect(rows).toHaveLength(2);
    expect((await submission(id, player)).verdict).toBe('ACCEPTED');
  });

  it('lists a player own submissions newest first, a page at a time', async () => {
    const player = asUser();
    const other = asUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { id } = JobAccepted.parse((await submit(player, { ...aPlusB, mode: 'sample' })).body);
      ids.push(id);
      await grader.final((await grader.take(id)).job);
      await eventually(async () => ((await submission(id, player)).status === 'done' ? true : undefined));
    }
    await submit(other, { ...aPlusB, mode: 'sample' });
    const first = SubmissionList.parse((await get('/api/submissions?mine=1&limit=2', player)).body);
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const second = SubmissionList.parse(
      (await get(`/api/submissions?mine=1&limit=2&cursor=${first.nextCursor}`, player)).body,
    );
    expect(second.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
    const byProblem = SubmissionList.parse((await get('/api/submissions?mine=1&problem=lis', player)).body);
    expect(byProblem.items).toEqual([]);
  });

  it('shows a submission to its owner and administrators only', async () => {
    const owner = asUser();
    const { id } = JobAccepted.parse((await submit(owner, { ...aPlusB, mode: 'sample' })).body);
    const stranger = await get(`/api/submissions/${id}`, asUser());
    expect(stranger.status).toBe(404);
    const events = await get(`/api/submissions/${id}/events`, asUser());
    expect(events.status).toBe(404);
    expect((await get(`/api/submissions/${id}`, asUser({ role: 'ADMIN' }))).status).toBe(200);
    expect((await get('/api/submissions/not-a-uuid', owner)).status).toBe(404);
    // A submission is not a run, nor the other way round.
    expect((await get(`/api/runs/${id}`, owner)).status).toBe(404);
    await grader.final((await grader.take(id)).job);
  });
});

describe('live results over Server-Sent Events', () => {
  it('gives a late client every stored test, then the live ones, each once, and ends with the final', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse((await submit(player, { ...aPlusB, mode: 'full' })).body);
    const { job } = await grader.take(id);
    const [a, b, c, ...rest] = job.tests.map((test) => outcome(test.id));
    await grader.progress(job, 0, [a!], { ok: true, output: '' });
    await grader.progress(job, 1, [b!]);
    await eventually(async () => ((await submission(id, player)).tests.length === 2 ? true : undefined));

    const stream = await openSse(`${compile.url}/api/submissions/${id}/events`, player);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await eventually(async () =>
      stream.events.filter((e) => e.event === 'test').length === 2 ? true : undefined,
    );

    // Live now: one new test, a repeated one (a stale progress), then the final with all of them.
    await grader.progress(job, 2, [c!, a!]);
    await eventually(async () =>
      stream.events.filter((e) => e.event === 'test').length === 3 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    await grader.final(job, { tests: [a!, b!, c!, ...rest] });
    await stream.until('final');
    await stream.ended;

    const names = stream.events.map((event) => event.event);
    expect(names[0]).toBe('snapshot');
    expect(names[1]).toBe('compile');
    expect(names.at(-1)).toBe('final');
    const testIds = stream.events
      .filter((e) => e.event === 'test')
      .map((e) => (e.data as { testId: string }).testId);
    expect(testIds.sort()).toEqual(job.tests.map((test) => test.id).sort());
    expect(new Set(testIds).size).toBe(testIds.length);
    expect((stream.events.at(-1)!.data as SubmissionView).verdict).toBe('ACCEPTED');
    expect(stream.heartbeats).toBeGreaterThan(0);
  });

  it('gives a client that comes after the end the whole story at once', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse((await submit(player, { ...aPlusB, mode: 'sample' })).body);
    const { job } = await grader.take(id);
    await grader.final(job, {
      tests: job.tests.map((t) => outcome(t.id, 'RUNTIME_ERROR')),
      verdict: 'RUNTIME_ERROR',
    });
    await eventually(async () => ((await submission(id, player)).status === 'done' ? true : undefined));

    const stream = await openSse(`${compile.url}/api/submissions/${id}/events`, player);
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['snapshot', 'compile', 'test', 'test', 'final']);
    expect((stream.events[4]!.data as SubmissionView).verdict).toBe('RUNTIME_ERROR');
  });

  it('streams to a client that connected before anything happened', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse(
      (await submit(player, { ...aPlusB, mode: 'sample', source: 'syntax error(' })).body,
    );
    const stream = await openSse(`${compile.url}/api/submissions/${id}/events`, player);
    await stream.until('snapshot');
    const { job } = await grader.take(id);
    await grader.final(job, {
      verdict: 'COMPILE_ERROR',
      compileOutput: 'SyntaxError: invalid syntax',
      tests: [],
      skipped: 2,
    });
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(['snapshot', 'compile', 'final']);
    expect(stream.events[1]!.data).toEqual({ ok: false, output: 'SyntaxError: invalid syntax' });
    expect(stream.events[2]!.data).toMatchObject({
      verdict: 'COMPILE_ERROR',
      compileOutput: 'SyntaxError: invalid syntax',
    });
  });
});

describe('runs', () => {
  it('runs the user stdin and holds GET ?wait=N until the output is there', async () => {
    const player = asUser();
    const response = await call(
      compile.url,
      'POST',
      '/api/runs',
      { language: 'javascript', source: 'console.log(1)', stdin: '5\n' },
      player,
    );
    expect(response.status).toBe(202);
    const { id } = JobAccepted.parse(response.body);
    const { job } = await grader.take(id);
    expect(job).toMatchObject({
      kind: 'run',
      language: 'javascript',
      limits: { timeMs: 2500, memoryMb: 256 },
      checker: null,
    });
    expect(job.tests).toEqual([{ id: 'stdin', input: '5\n', expected: '' }]);

    const waiting = RunResult.parse((await get(`/api/runs/${id}`, player)).body);
    expect(waiting).toMatchObject({ status: 'queued', stdout: null, verdict: null });

    const started = Date.now();
    const held = get(`/api/runs/${id}?wait=10`, player);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await grader.final(job, {
      tests: [outcome('stdin')],
      run: { stdout: '1\n', stderr: '', exitCode: 0, truncated: false },
    });
    const result = RunResult.parse((await held).body);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({
      status: 'done',
      verdict: 'ACCEPTED',
      stdout: '1\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('answers a wait with what is known when the time is up, and hides runs from other users', async () => {
    const player = asUser();
    const { id } = JobAccepted.parse(
      (
        await call(
          compile.url,
          'POST',
          '/api/runs',
          { language: 'python', source: 'while True: pass' },
          player,
        )
      ).body,
    );
    const started = Date.now();
    const result = RunResult.parse((await get(`/api/runs/${id}?wait=1`, player)).body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(result.status).not.toBe('done');
    expect((await get(`/api/runs/${id}?wait=1`, asUser())).status).toBe(404);
    expect((await get(`/api/runs/${id}?wait=-1`, player)).status).toBe(400);
    await grader.final((await grader.take(id)).job, { verdict: 'TIME_LIMIT_EXCEEDED' });
  });
});
