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
import {
  UnstorableEventError,
  type JobListFilter,
  type JobRecord,
  type JobRepository,
  type NewJob,
  type OutboxEntry,
  type PlannedTest,
  type RunOutput,
  type StuckJobs,
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

/**
 * A data exception (SQLSTATE class 22: a NUL in text or jsonb, a number out of range…) is about the
 * event itself: storing it again would fail again.
 */
function refusedEvent(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22'))
    throw new UnstorableEventError(`the database refused the event: ${(error as Error).message}`);
  throw error;
}

export class SqlJobRepository implements JobRepository {
  constructor(private readonly db: Database) {}

  async create(job: NewJob, activeCap: number) {
    return this.db.transaction(async (tx) => {
      // Serialises one user's submissions, so two at once cannot both pass the cap. The count runs in
      // a statement after the lock's, so that its snapshot sees every job stored under the lock.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`compile:jobs:${job.userId}`]);
      // One round trip: the count, the job and its outbox entry, which waits for the fair dispatch.
      const [row] = await tx.query<{ active: number; created: boolean }>(
        `WITH active AS (
           SELECT count(*)::int AS active FROM compile.jobs WHERE user_id = $3 AND status <> 'done'),
         job AS (
           INSERT INTO compile.jobs (id, kind, user_id, problem_id, mode, room_id, language, source, stdin, test_plan, status)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, 'queued' FROM active WHERE active < $11
           RETURNING id),
         entry AS (INSERT INTO compile.outbox (job_id) SELECT id FROM job RETURNING id)
         SELECT active, EXISTS (SELECT FROM entry) AS created FROM active`,
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
        ],
      );
      return row?.created
        ? { created: true as const }
        : { created: false as const, active: row?.active ?? 0 };
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
    await this.db
      .query(
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
      )
      .catch(refusedEvent);
  }

  async recordFinal(event: GradingFinal) {
    const compile = compileOf(event);
    // The status check makes the first final win, atomically: a duplicate updates no row, and so
    // writes no test either.
    const [row] = await this.db
      .query<{ stored: boolean }>(
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
      )
      .catch(refusedEvent);
    return row?.stored === true;
  }

  async claimOutbox(limit: number, leaseMs: number, window: number): Promise<OutboxEntry[]> {
    return this.db.transaction(async (tx) => {
      // One dispatcher at a time across replicas: each decision counts what the previous one sent out.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('compile:dispatch'))");
      // Each waiting entry's rank: how many jobs its owner would have out if it went now (those out
      // already, plus the owner's older waiting entries). The lowest rank goes first; among equals, the
      // owner served longest ago (never, for a newcomer), then the oldest entry.
      const rows = await tx.query<{ id: string | number; job_id: string; attempts: number }>(
        `WITH out AS (
           SELECT user_id, count(*)::int AS running FROM compile.jobs
           WHERE status <> 'done' AND dispatched_at IS NOT NULL GROUP BY user_id),
         free AS (SELECT greatest(0, $3 - coalesce(sum(running), 0))::int AS slots FROM out),
         waiting AS (
           SELECT o.id, o.job_id, j.user_id, j.dispatched_at IS NOT NULL AS counted,
             coalesce(out.running, 0) + row_number() OVER (PARTITION BY j.user_id ORDER BY o.id) AS rank
           FROM compile.outbox o JOIN compile.jobs j ON j.id = o.job_id
           LEFT JOIN out ON out.user_id = j.user_id
           WHERE o.published_at IS NULL AND o.available_at <= now() AND j.status <> 'done'),
         served AS (
           SELECT w.user_id, max(j.dispatched_at) AS last FROM (SELECT DISTINCT user_id FROM waiting) w
           JOIN compile.jobs j ON j.user_id = w.user_id GROUP BY w.user_id),
         chosen AS (
           -- An entry whose job is counted out already (its publisher died mid-way) costs no slot.
           SELECT waiting.id, waiting.job_id FROM waiting LEFT JOIN served ON served.user_id = waiting.user_id
           ORDER BY counted DESC, rank, served.last NULLS FIRST, waiting.id
           LIMIT least($1, (SELECT slots FROM free) + (SELECT count(*) FROM waiting WHERE counted))),
         claimed AS (
           UPDATE compile.outbox o SET available_at = now() + make_interval(secs => $2::double precision / 1000),
             attempts = o.attempts + 1
           FROM chosen WHERE o.id = chosen.id
           RETURNING o.id, o.job_id, o.attempts),
         marked AS (
           UPDATE compile.jobs SET dispatched_at = clock_timestamp() WHERE id IN (SELECT job_id FROM claimed))
         SELECT id, job_id, attempts FROM claimed`,
        [limit, leaseMs, window],
      );
      return rows
        .map((row) => ({ outboxId: Number(row.id), jobId: row.job_id, attempts: row.attempts }))
        .sort((a, b) => a.outboxId - b.outboxId);
    });
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
    // Back among the waiting: it holds no slot of the dispatch window while it waits to be retried.
    await this.db.query(
      `WITH entry AS (
         UPDATE compile.outbox SET last_error = $2,
           available_at = now() + make_interval(secs => $3::double precision / 1000)
         WHERE id = $1 AND published_at IS NULL RETURNING job_id)
       UPDATE compile.jobs SET dispatched_at = NULL WHERE id IN (SELECT job_id FROM entry)`,
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
        await tx.query(
          'UPDATE compile.jobs SET deadline_at = NULL, dispatched_at = NULL WHERE id = ANY($1::uuid[])',
          [requeued],
        );
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
