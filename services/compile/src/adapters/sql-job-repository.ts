import type { Database } from '@corazy/database';
import type {
  GradingFinal,
  GradingProgress,
  JobStatus,
  Language,
  SubmissionMode,
  TestOutcome,
  Verdict,
} from '@corazy/contracts';
import { compileOf } from '../domain/job-state.js';
import type {
  JobListFilter,
  JobRecord,
  JobRepository,
  NewJob,
  OutboxEntry,
  PlannedTest,
  RunOutput,
  StuckJobs,
} from '../domain/ports.js';
import { stuckMessage } from '../domain/results.js';
import { iso, json } from './sql-helpers.js';

/** Grading jobs (`compile.jobs`), their per-test outcomes (`compile.job_tests`) and the outbox. */

interface JobRow {
  id: string;
  kind: 'submission' | 'run';
  user_id: string;
  language: Language;
  source: string;
  stdin: string | null;
  problem_id: string | null;
  slug: string | null;
  title_ko: string | null;
  title_en: string | null;
  mode: SubmissionMode | null;
  room_id: string | null;
  test_plan: PlannedTest[];
  status: JobStatus;
  verdict: Verdict | null;
  compile_ok: boolean | null;
  compile_output: string | null;
  run_output: RunOutput | null;
  time_ms: number | null;
  memory_kb: number | null;
  message: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

interface JobTestRow {
  job_id: string;
  test_id: string;
  verdict: Verdict;
  time_ms: number;
  memory_kb: number;
  message: string | null;
}

const JOB_SELECT = `SELECT j.id, j.kind, j.user_id, j.language, j.source, j.stdin, j.problem_id, p.slug,
    p.title_ko, p.title_en, j.mode, j.room_id, j.test_plan, j.status, j.verdict, j.compile_ok, j.compile_output,
    j.run_output, j.time_ms, j.memory_kb, j.message, j.created_at, j.finished_at
  FROM compile.jobs j LEFT JOIN compile.problems p ON p.id = j.problem_id`;

function toJob(row: JobRow, tests: JobTestRow[]): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    language: row.language,
    source: row.source,
    stdin: row.stdin,
    problem:
      row.problem_id && row.slug
        ? { id: row.problem_id, slug: row.slug, title: { ko: row.title_ko!, en: row.title_en! } }
        : null,
    mode: row.mode,
    roomId: row.room_id,
    testPlan: row.test_plan,
    status: row.status,
    verdict: row.verdict,
    compile: row.compile_ok === null ? null : { ok: row.compile_ok, output: row.compile_output ?? '' },
    tests: new Map(
      tests.map((test): [string, TestOutcome] => [
        test.test_id,
        {
          testId: test.test_id,
          verdict: test.verdict,
          timeMs: test.time_ms,
          memoryKb: test.memory_kb,
          ...(test.message !== null && { message: test.message }),
        },
      ]),
    ),
    runOutput: row.run_output,
    timeMs: row.time_ms,
    memoryKb: row.memory_kb,
    message: row.message,
    createdAt: iso(row.created_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
  };
}

/**
 * Per-test outcomes into `compile.job_tests` for the job id the statement's `source` yields (a CTE
 * that returns `id`, so that nothing is inserted when it returns no row), from parameters
 * `$first`…`$first+4` (`testParams`); `onConflict` decides whether a known test is kept or replaced.
 */
const insertTestsFrom = (source: string, first: number, onConflict: string) =>
  `INSERT INTO compile.job_tests (job_id, test_id, verdict, time_ms, memory_kb, message)
   SELECT ${source}.id, t.* FROM ${source},
     unnest($${first}::text[], $${first + 1}::text[], $${first + 2}::int[], $${first + 3}::int[], $${first + 4}::text[]) AS t
   ON CONFLICT (job_id, test_id) ${onConflict}`;
const testParams = (tests: TestOutcome[]) => [
  tests.map((t) => t.testId),
  tests.map((t) => t.verdict),
  tests.map((t) => t.timeMs),
  tests.map((t) => t.memoryKb),
  tests.map((t) => t.message ?? null),
];

export class SqlJobRepository implements JobRepository {
  constructor(private readonly db: Database) {}

  async create(job: NewJob, activeCap: number, leaseMs: number) {
    return this.db.transaction(async (tx) => {
      // Serialises one user's submissions, so two at once cannot both pass the cap. The count runs in
      // a statement after the lock's, so that its snapshot sees every job stored under the lock.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`compile:jobs:${job.userId}`]);
      // One round trip: the count, the job and its outbox entry, leased to this replica (attempt 1).
      const [row] = await tx.query<{ active: number; outbox_id: string | number | null }>(
        `WITH active AS (
           SELECT count(*)::int AS active FROM compile.jobs WHERE user_id = $3 AND status <> 'done'),
         job AS (
           INSERT INTO compile.jobs (id, kind, user_id, problem_id, mode, room_id, language, source, stdin, test_plan, status)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, 'queued' FROM active WHERE active < $11
           RETURNING id),
         entry AS (
           INSERT INTO compile.outbox (job_id, attempts, available_at)
           SELECT id, 1, now() + make_interval(secs => $12::double precision / 1000) FROM job
           RETURNING id)
         SELECT active, (SELECT id FROM entry) AS outbox_id FROM active`,
        [
          job.id,
          job.kind,
          job.userId,
          job.problemId ?? null,
          job.mode ?? null,
          job.roomId ?? null,
          job.language,
          job.source,
          job.stdin ?? null,
          json(job.testPlan),
          activeCap,
          leaseMs,
        ],
      );
      if (!row?.outbox_id) return { created: false as const, active: row?.active ?? 0 };
      return {
        created: true as const,
        outbox: { outboxId: Number(row.outbox_id), jobId: job.id, attempts: 1 },
      };
    });
  }

  async find(id: string) {
    const [row] = await this.db.query<JobRow>(`${JOB_SELECT} WHERE j.id = $1`, [id]);
    if (!row) return undefined;
    const tests = await this.db.query<JobTestRow>('SELECT * FROM compile.job_tests WHERE job_id = $1', [id]);
    return toJob(row, tests);
  }

  async list(filter: JobListFilter, after: { createdAt: string; id: string } | undefined, limit: number) {
    const params: unknown[] = [limit];
    const add = (value: unknown) => (params.push(value), `$${params.length}`);
    const clauses = [`j.kind = 'submission'`];
    if (filter.userId) clauses.push(`j.user_id = ${add(filter.userId)}`);
    if (filter.problemId) clauses.push(`j.problem_id = ${add(filter.problemId)}`);
    if (filter.roomId) clauses.push(`j.room_id = ${add(filter.roomId)}`);
    if (after)
      clauses.push(`(j.created_at, j.id) < (${add(after.createdAt)}::timestamptz, ${add(after.id)}::uuid)`);
    const rows = await this.db.query<JobRow>(
      `${JOB_SELECT} WHERE ${clauses.join(' AND ')} ORDER BY j.created_at DESC, j.id DESC LIMIT $1`,
      params,
    );
    return rows.map((row) => toJob(row, []));
  }

  // The writes below are single statements (data-modifying CTEs): atomic without a transaction, and
  // one round trip each, which is what a job's path through the service waits for.

  async recordProgress(event: GradingProgress, stallTimeoutMs: number) {
    await this.db.query(
      `WITH alive AS (
         UPDATE compile.jobs SET status = 'judging', started_at = coalesce(started_at, now()),
           deadline_at = now() + make_interval(secs => $2::double precision / 1000),
           compile_ok = coalesce(compile_ok, $3), compile_output = coalesce(compile_output, $4)
         WHERE id = $1 AND status <> 'done' RETURNING id)
       ${insertTestsFrom('alive', 5, 'DO NOTHING')}`,
      [
        event.jobId,
        stallTimeoutMs,
        event.compiled?.ok ?? null,
        event.compiled?.output ?? null,
        ...testParams(event.tests),
      ],
    );
  }

  async recordFinal(event: GradingFinal) {
    const compile = compileOf(event);
    // The status check makes the first final win, atomically: a duplicate updates no row, and so
    // writes no test either.
    const [row] = await this.db.query<{ stored: boolean }>(
      `WITH stored AS (
         UPDATE compile.jobs SET status = 'done', verdict = $2, compile_ok = coalesce($3, compile_ok),
           compile_output = coalesce($4, compile_output), run_output = $5::jsonb, time_ms = $6, memory_kb = $7,
           message = $8, finished_at = $9, started_at = coalesce(started_at, $9), deadline_at = NULL
         WHERE id = $1 AND status <> 'done' RETURNING id),
       tests AS (${insertTestsFrom(
         'stored',
         10,
         'DO UPDATE SET verdict = EXCLUDED.verdict, time_ms = EXCLUDED.time_ms, memory_kb = EXCLUDED.memory_kb, message = EXCLUDED.message',
       )}),
       -- A re-enqueue still waiting in the outbox has nothing left to do.
       outbox AS (
         UPDATE compile.outbox SET published_at = now()
         WHERE job_id IN (SELECT id FROM stored) AND published_at IS NULL)
       SELECT EXISTS (SELECT FROM stored) AS stored`,
      [
        event.jobId,
        event.verdict,
        compile?.ok ?? null,
        compile?.output ?? null,
        event.run ? json(event.run) : null,
        event.timeMs,
        event.memoryKb,
        event.message ?? null,
        event.finishedAt,
        ...testParams(event.tests),
      ],
    );
    return row?.stored === true;
  }

  async claimOutbox(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const rows = await this.db.query<{ id: string | number; job_id: string; attempts: number }>(
      `UPDATE compile.outbox SET available_at = now() + make_interval(secs => $2::double precision / 1000),
         attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM compile.outbox WHERE published_at IS NULL AND available_at <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, job_id, attempts`,
      [limit, leaseMs],
    );
    return rows
      .map((row) => ({ outboxId: Number(row.id), jobId: row.job_id, attempts: row.attempts }))
      .sort((a, b) => a.outboxId - b.outboxId);
  }

  async markPublished(entry: OutboxEntry, stallTimeoutMs: number) {
    await this.db.query(
      `WITH entry AS (UPDATE compile.outbox SET published_at = now(), last_error = NULL WHERE id = $3)
       UPDATE compile.jobs SET enqueue_count = enqueue_count + 1,
         deadline_at = now() + make_interval(secs => $2::double precision / 1000)
       WHERE id = $1 AND status <> 'done'`,
      [entry.jobId, stallTimeoutMs, entry.outboxId],
    );
  }

  async releaseOutbox(entry: OutboxEntry, error: string, retryInMs: number) {
    await this.db.query(
      `UPDATE compile.outbox SET last_error = $2,
         available_at = now() + make_interval(secs => $3::double precision / 1000)
       WHERE id = $1 AND published_at IS NULL`,
      [entry.outboxId, error, retryInMs],
    );
  }

  async outboxBacklog() {
    const [row] = await this.db.query<{ pending: number; oldest_ms: number | null }>(
      `SELECT count(*)::int AS pending,
         (extract(epoch FROM now() - min(created_at)) * 1000)::float8 AS oldest_ms
       FROM compile.outbox WHERE published_at IS NULL`,
    );
    return { pending: row?.pending ?? 0, oldestAgeMs: row?.oldest_ms ?? 0 };
  }

  async handleStuck(maxEnqueues: number, limit: number): Promise<StuckJobs> {
    return this.db.transaction(async (tx) => {
      const stuck = await tx.query<{ id: string; enqueue_count: number }>(
        `SELECT id, enqueue_count FROM compile.jobs
         WHERE status <> 'done' AND deadline_at < now()
         ORDER BY deadline_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const requeued = stuck.filter((job) => job.enqueue_count < maxEnqueues).map((job) => job.id);
      const failed = stuck.filter((job) => job.enqueue_count >= maxEnqueues).map((job) => job.id);
      if (requeued.length > 0) {
        // No deadline until the new entry is published: an unpublished job is not stuck, only waiting.
        await tx.query('UPDATE compile.jobs SET deadline_at = NULL WHERE id = ANY($1::uuid[])', [requeued]);
        await tx.query('INSERT INTO compile.outbox (job_id) SELECT unnest($1::uuid[])', [requeued]);
      }
      if (failed.length > 0) {
        await tx.query(
          `UPDATE compile.jobs SET status = 'done', verdict = 'INTERNAL_ERROR', message = $2, finished_at = now(),
             deadline_at = NULL
           WHERE id = ANY($1::uuid[])`,
          [failed, stuckMessage(maxEnqueues)],
        );
      }
      return { requeued, failed };
    });
  }

  async pruneOutbox(olderThanMs: number) {
    const rows = await this.db.query(
      `DELETE FROM compile.outbox
       WHERE published_at < now() - make_interval(secs => $1::double precision / 1000) RETURNING id`,
      [olderThanMs],
    );
    return rows.length;
  }
}
