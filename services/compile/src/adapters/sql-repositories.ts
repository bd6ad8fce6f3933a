import type { Database, Queryable } from '@corazy/database';
import type {
  Checker,
  DictationInput,
  Difficulty,
  GradingFinal,
  GradingProgress,
  JobStatus,
  Language,
  ProblemInput,
  SubmissionMode,
  TestOutcome,
  Verdict,
} from '@corazy/contracts';
import { compileOf } from '../domain/job-state.js';
import {
  byTestOrder,
  folderHash,
  problemFolderFiles,
  type FolderFiles,
  type ProblemDefinition,
} from '../domain/problem-folder.js';
import {
  AlreadyExistsError,
  type DictationRecord,
  type DictationRepository,
  type JobListFilter,
  type JobRecord,
  type JobRepository,
  type NewJob,
  type OutboxEntry,
  type PlannedTest,
  type ProblemFilter,
  type ProblemRecord,
  type ProblemRepository,
  type RunOutput,
  type SaveOutcome,
  type StuckJobs,
  type TestCaseRecord,
} from '../domain/ports.js';
import { stuckMessage } from '../domain/results.js';
import type { BlobStore } from './blob-store.js';

/** The compile service's tables, all in the `compile` schema that it alone owns. */

const ALL_LANGUAGES: Language[] = ['python', 'java', 'c', 'cpp', 'javascript'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (value: Date | string) => new Date(value).toISOString();
const json = (value: unknown) => JSON.stringify(value);

function translateUniqueViolation(what: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') throw new AlreadyExistsError(what);
    throw error;
  };
}

// ---------------------------------------------------------------- problems

interface ProblemRow {
  id: string;
  number: number;
  slug: string;
  title_ko: string;
  title_en: string;
  statement_ko: string;
  statement_en: string;
  input_ko: string;
  input_en: string;
  output_ko: string;
  output_en: string;
  difficulty: Difficulty;
  tags: string[];
  languages: Language[];
  time_limit_ms: number;
  memory_limit_mb: number;
  checker: Checker;
  starter_code: Partial<Record<Language, string>>;
  extra_meta: Record<string, unknown>;
  origin: 'catalogue' | 'admin';
  version: number;
  updated_at: Date | string;
}

const PROBLEM_COLUMNS = `id, number, slug, title_ko, title_en, statement_ko, statement_en, input_ko, input_en,
  output_ko, output_en, difficulty, tags, languages, time_limit_ms, memory_limit_mb, checker, starter_code,
  extra_meta, origin, version, updated_at`;

const toProblem = (row: ProblemRow): ProblemRecord => ({
  id: row.id,
  number: row.number,
  slug: row.slug,
  title: { ko: row.title_ko, en: row.title_en },
  texts: {
    ko: { title: row.title_ko, statement: row.statement_ko, input: row.input_ko, output: row.output_ko },
    en: { title: row.title_en, statement: row.statement_en, input: row.input_en, output: row.output_en },
  },
  difficulty: row.difficulty,
  tags: row.tags,
  languages: row.languages,
  timeLimitMs: row.time_limit_ms,
  memoryLimitMb: row.memory_limit_mb,
  checker: row.checker,
  starterCode: row.starter_code,
  extraMeta: row.extra_meta,
  origin: row.origin,
  version: row.version,
  updatedAt: iso(row.updated_at),
});

/** Column values of a problem's description, in the order of DESCRIPTION_COLUMNS ($2…$17). */
function descriptionValues(input: ProblemInput): unknown[] {
  const { ko, en } = input.texts;
  return [
    input.slug,
    ko.title,
    en.title,
    ko.statement,
    en.statement,
    ko.input,
    en.input,
    ko.output,
    en.output,
    input.difficulty,
    input.tags,
    input.languages ?? ALL_LANGUAGES,
    input.timeLimitMs,
    input.memoryLimitMb,
    json(input.checker),
    json(input.starterCode),
  ];
}
const DESCRIPTION_COLUMNS = `slug, title_ko, title_en, statement_ko, statement_en, input_ko, input_en, output_ko,
  output_en, difficulty, tags, languages, time_limit_ms, memory_limit_mb, checker, starter_code`;
const DESCRIPTION_UPDATE = DESCRIPTION_COLUMNS.split(',')
  .map((column, index) => `${column.trim()} = $${index + 2}${index >= 14 ? '::jsonb' : ''}`)
  .join(', ');
const DESCRIPTION_PLACEHOLDERS = DESCRIPTION_COLUMNS.split(',')
  .map((_column, index) => `$${index + 1}${index >= 14 ? '::jsonb' : ''}`)
  .join(', ');

/** `%` and `_` typed by a user are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filterClause(filter: ProblemFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (value: unknown) => (params.push(value), `$${params.length}`);
  if (filter.tag) clauses.push(`${add(filter.tag)} = ANY(tags)`);
  if (filter.difficulty) clauses.push(`difficulty = ${add(filter.difficulty)}`);
  if (filter.language) clauses.push(`${add(filter.language)} = ANY(languages)`);
  if (filter.q) {
    const pattern = add(likePattern(filter.q));
    clauses.push(`(slug ILIKE ${pattern} OR title_ko ILIKE ${pattern} OR title_en ILIKE ${pattern})`);
  }
  return clauses.length > 0 ? clauses.join(' AND ') : 'true';
}

interface TestRow {
  name: string;
  is_sample: boolean;
  input_hash: string;
  output_hash: string;
  input_bytes: number;
  output_bytes: number;
}

export class SqlProblemRepository implements ProblemRepository {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
  ) {}

  async list(filter: ProblemFilter, afterNumber: number, limit: number) {
    const params: unknown[] = [afterNumber, limit];
    const rows = await this.db.query<ProblemRow>(
      `SELECT ${PROBLEM_COLUMNS} FROM compile.problems
       WHERE number > $1 AND ${filterClause(filter, params)} ORDER BY number LIMIT $2`,
      params,
    );
    return rows.map(toProblem);
  }

  async random(filter: ProblemFilter) {
    const params: unknown[] = [];
    const [row] = await this.db.query<ProblemRow>(
      `SELECT ${PROBLEM_COLUMNS} FROM compile.problems WHERE ${filterClause(filter, params)}
       ORDER BY random() LIMIT 1`,
      params,
    );
    return row && toProblem(row);
  }

  async find(slugOrId: string) {
    const [row] = await this.db.query<ProblemRow>(
      `SELECT ${PROBLEM_COLUMNS} FROM compile.problems WHERE ${UUID.test(slugOrId) ? 'id = $1::uuid' : 'slug = $1'}`,
      [slugOrId],
    );
    return row && toProblem(row);
  }

  async tests(problemId: string): Promise<TestCaseRecord[]> {
    return (await this.testRows(this.db, problemId)).map((row) => ({
      name: row.name,
      sample: row.is_sample,
      inputBytes: row.input_bytes,
      outputBytes: row.output_bytes,
    }));
  }

  private async testRows(db: Queryable, problemId: string): Promise<TestRow[]> {
    const rows = await db.query<TestRow>(
      `SELECT t.name, t.is_sample, t.input_hash, t.output_hash, i.size AS input_bytes, o.size AS output_bytes
       FROM compile.test_cases t
       JOIN compile.blobs i ON i.hash = t.input_hash
       JOIN compile.blobs o ON o.hash = t.output_hash
       WHERE t.problem_id = $1`,
      [problemId],
    );
    return rows.sort((a, b) =>
      byTestOrder({ name: a.name, sample: a.is_sample }, { name: b.name, sample: b.is_sample }),
    );
  }

  async readTests(problemId: string, names?: readonly string[]) {
    const wanted = names && new Set(names);
    const rows = (await this.testRows(this.db, problemId)).filter((row) => !wanted || wanted.has(row.name));
    const contents = await this.blobs.get(
      this.db,
      rows.flatMap((row) => [row.input_hash, row.output_hash]),
    );
    return rows.map((row) => ({
      name: row.name,
      sample: row.is_sample,
      input: contents.get(row.input_hash) ?? Buffer.alloc(0),
      output: contents.get(row.output_hash) ?? Buffer.alloc(0),
    }));
  }

  async definition(problemId: string): Promise<ProblemDefinition | undefined> {
    const problem = await this.find(problemId);
    if (!problem) return undefined;
    const tests = await this.readTests(problemId);
    const files = await this.db.query<{ path: string; blob_hash: string }>(
      'SELECT path, blob_hash FROM compile.problem_files WHERE problem_id = $1 ORDER BY path',
      [problemId],
    );
    const contents = await this.blobs.get(
      this.db,
      files.map((file) => file.blob_hash),
    );
    const otherFiles: FolderFiles = new Map(
      files.map((file) => [file.path, contents.get(file.blob_hash) ?? Buffer.alloc(0)]),
    );
    return {
      input: {
        slug: problem.slug,
        difficulty: problem.difficulty,
        tags: problem.tags,
        timeLimitMs: problem.timeLimitMs,
        memoryLimitMb: problem.memoryLimitMb,
        checker: problem.checker,
        languages: sameLanguages(problem.languages, ALL_LANGUAGES) ? undefined : problem.languages,
        texts: problem.texts,
        starterCode: problem.starterCode,
      },
      extraMeta: problem.extraMeta,
      tests,
      otherFiles,
    };
  }

  async save(definition: ProblemDefinition, origin: 'catalogue' | 'admin'): Promise<SaveOutcome> {
    const hash = folderHash(problemFolderFiles(definition));
    const { input } = definition;
    return this.db.transaction(async (tx) => {
      // Replicas seed at the same time: one writes a problem, the others then find its hash.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`compile:problem:${input.slug}`]);
      const [existing] = await tx.query<{
        id: string;
        seed_hash: string | null;
        content_hash: string | null;
      }>('SELECT id, seed_hash, content_hash FROM compile.problems WHERE slug = $1 FOR UPDATE', [input.slug]);
      if (existing && (origin === 'catalogue' ? existing.seed_hash : existing.content_hash) === hash)
        return 'unchanged';

      const testHashes = await this.blobs.put(
        tx,
        definition.tests.flatMap((test) => [test.input, test.output]),
      );
      const fileEntries = [...definition.otherFiles];
      const fileHashes = await this.blobs.put(
        tx,
        fileEntries.map(([, content]) => content),
      );
      const values = [...descriptionValues(input), json(definition.extraMeta), hash];
      let problemId: string;
      let dropped: string[] = [];
      if (existing) {
        problemId = existing.id;
        dropped = await this.referencedBlobs(tx, problemId);
        await tx.query(
          `UPDATE compile.problems SET ${DESCRIPTION_UPDATE}, extra_meta = $18::jsonb, content_hash = $19,
             seed_hash = CASE WHEN $20 = 'catalogue' THEN $19 ELSE seed_hash END,
             version = version + 1, updated_at = now()
           WHERE id = $1`,
          [problemId, ...values, origin],
        );
        await tx.query('DELETE FROM compile.test_cases WHERE problem_id = $1', [problemId]);
        await tx.query('DELETE FROM compile.problem_files WHERE problem_id = $1', [problemId]);
      } else {
        const [row] = await tx.query<{ id: string }>(
          `INSERT INTO compile.problems (${DESCRIPTION_COLUMNS}, extra_meta, content_hash, seed_hash, origin)
           VALUES (${DESCRIPTION_PLACEHOLDERS}, $17::jsonb, $18, CASE WHEN $19 = 'catalogue' THEN $18 END, $19)
           RETURNING id`,
          [...values, origin],
        );
        problemId = row!.id;
      }
      for (const [index, test] of definition.tests.entries()) {
        await tx.query(
          `INSERT INTO compile.test_cases (problem_id, name, is_sample, input_hash, output_hash)
           VALUES ($1, $2, $3, $4, $5)`,
          [problemId, test.name, test.sample, testHashes[index * 2], testHashes[index * 2 + 1]],
        );
      }
      for (const [index, [path]] of fileEntries.entries()) {
        await tx.query(
          'INSERT INTO compile.problem_files (problem_id, path, blob_hash) VALUES ($1, $2, $3)',
          [problemId, path, fileHashes[index]],
        );
      }
      await this.blobs.deleteUnreferenced(tx, dropped);
      return existing ? 'updated' : 'created';
    });
  }

  private async referencedBlobs(tx: Queryable, problemId: string): Promise<string[]> {
    const rows = await tx.query<{ hash: string }>(
      `SELECT input_hash AS hash FROM compile.test_cases WHERE problem_id = $1
       UNION SELECT output_hash FROM compile.test_cases WHERE problem_id = $1
       UNION SELECT blob_hash FROM compile.problem_files WHERE problem_id = $1`,
      [problemId],
    );
    return rows.map((row) => row.hash);
  }

  async create(input: ProblemInput) {
    const [row] = await this.db
      .query<ProblemRow>(
        `INSERT INTO compile.problems (${DESCRIPTION_COLUMNS}, origin) VALUES (${DESCRIPTION_PLACEHOLDERS}, 'admin')
         RETURNING ${PROBLEM_COLUMNS}`,
        descriptionValues(input),
      )
      .catch(translateUniqueViolation(`a problem with the slug ${input.slug}`));
    return toProblem(row!);
  }

  async update(id: string, input: ProblemInput) {
    const [row] = await this.db
      .query<ProblemRow>(
        `UPDATE compile.problems SET ${DESCRIPTION_UPDATE}, content_hash = NULL, version = version + 1,
           updated_at = now()
         WHERE id = $1 RETURNING ${PROBLEM_COLUMNS}`,
        [id, ...descriptionValues(input)],
      )
      .catch(translateUniqueViolation(`a problem with the slug ${input.slug}`));
    return row && toProblem(row);
  }

  async putTest(problemId: string, test: { name: string; sample: boolean; input: Buffer; output: Buffer }) {
    await this.db.transaction(async (tx) => {
      const [previous] = await tx.query<{ input_hash: string; output_hash: string }>(
        'SELECT input_hash, output_hash FROM compile.test_cases WHERE problem_id = $1 AND name = $2 FOR UPDATE',
        [problemId, test.name],
      );
      const [inputHash, outputHash] = await this.blobs.put(tx, [test.input, test.output]);
      await tx.query(
        `INSERT INTO compile.test_cases (problem_id, name, is_sample, input_hash, output_hash)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (problem_id, name) DO UPDATE
           SET is_sample = EXCLUDED.is_sample, input_hash = EXCLUDED.input_hash, output_hash = EXCLUDED.output_hash`,
        [problemId, test.name, test.sample, inputHash, outputHash],
      );
      await this.touch(tx, problemId);
      if (previous) await this.blobs.deleteUnreferenced(tx, [previous.input_hash, previous.output_hash]);
    });
  }

  async deleteTest(problemId: string, name: string) {
    return this.db.transaction(async (tx) => {
      const [deleted] = await tx.query<{ input_hash: string; output_hash: string }>(
        'DELETE FROM compile.test_cases WHERE problem_id = $1 AND name = $2 RETURNING input_hash, output_hash',
        [problemId, name],
      );
      if (!deleted) return false;
      await this.touch(tx, problemId);
      await this.blobs.deleteUnreferenced(tx, [deleted.input_hash, deleted.output_hash]);
      return true;
    });
  }

  /** A piecemeal edit: the problem no longer is any folder's content as a whole. */
  private async touch(tx: Queryable, problemId: string) {
    await tx.query(
      'UPDATE compile.problems SET content_hash = NULL, version = version + 1, updated_at = now() WHERE id = $1',
      [problemId],
    );
  }
}

const sameLanguages = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((language) => b.includes(language));

// ---------------------------------------------------------------- dictation

interface DictationRow {
  id: string;
  language: Language;
  algorithm: string;
  title_ko: string;
  title_en: string;
  explanation_ko: string;
  explanation_en: string;
  code: string;
}
const DICTATION_COLUMNS = 'id, language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code';
const toDictation = (row: DictationRow): DictationRecord => ({
  id: row.id,
  language: row.language,
  algorithm: row.algorithm,
  title: { ko: row.title_ko, en: row.title_en },
  explanation: { ko: row.explanation_ko, en: row.explanation_en },
  code: row.code,
});
const dictationValues = (s: DictationInput) => [
  s.language,
  s.algorithm,
  s.title.ko,
  s.title.en,
  s.explanation.ko,
  s.explanation.en,
  s.code,
];

export class SqlDictationRepository implements DictationRepository {
  constructor(private readonly db: Database) {}

  async list(filter: { language?: Language; algorithm?: string }) {
    const rows = await this.db.query<DictationRow>(
      `SELECT ${DICTATION_COLUMNS} FROM compile.dictations
       WHERE ($1::text IS NULL OR language = $1) AND ($2::text IS NULL OR algorithm = $2)
       ORDER BY algorithm, language`,
      [filter.language ?? null, filter.algorithm ?? null],
    );
    return rows.map(toDictation);
  }

  async find(id: string) {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query<DictationRow>(
      `SELECT ${DICTATION_COLUMNS} FROM compile.dictations WHERE id = $1`,
      [id],
    );
    return row && toDictation(row);
  }

  async seed(snippet: DictationInput, seedHash: string): Promise<SaveOutcome> {
    const [row] = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO compile.dictations
         (language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code, origin, seed_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'catalogue', $8)
       ON CONFLICT (algorithm, language) DO UPDATE SET
         title_ko = EXCLUDED.title_ko, title_en = EXCLUDED.title_en, explanation_ko = EXCLUDED.explanation_ko,
         explanation_en = EXCLUDED.explanation_en, code = EXCLUDED.code, seed_hash = EXCLUDED.seed_hash,
         updated_at = now()
       WHERE compile.dictations.seed_hash IS DISTINCT FROM EXCLUDED.seed_hash
       RETURNING (xmax = 0) AS inserted`,
      [...dictationValues(snippet), seedHash],
    );
    return row ? (row.inserted ? 'created' : 'updated') : 'unchanged';
  }

  async create(snippet: DictationInput) {
    const [row] = await this.db
      .query<DictationRow>(
        `INSERT INTO compile.dictations
           (language, algorithm, title_ko, title_en, explanation_ko, explanation_en, code, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'admin') RETURNING ${DICTATION_COLUMNS}`,
        dictationValues(snippet),
      )
      .catch(translateUniqueViolation(`a ${snippet.language} snippet of ${snippet.algorithm}`));
    return toDictation(row!);
  }

  async update(id: string, snippet: DictationInput) {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db
      .query<DictationRow>(
        `UPDATE compile.dictations SET language = $2, algorithm = $3, title_ko = $4, title_en = $5,
           explanation_ko = $6, explanation_en = $7, code = $8, updated_at = now()
         WHERE id = $1 RETURNING ${DICTATION_COLUMNS}`,
        [id, ...dictationValues(snippet)],
      )
      .catch(translateUniqueViolation(`a ${snippet.language} snippet of ${snippet.algorithm}`));
    return row && toDictation(row);
  }

  async delete(id: string) {
    if (!UUID.test(id)) return false;
    const rows = await this.db.query('DELETE FROM compile.dictations WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}

// ---------------------------------------------------------------- jobs and the outbox

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
