import type { Database, Queryable } from '@corazy/database';
import type { Checker, Difficulty, Language, ProblemInput } from '@corazy/contracts';
import {
  byTestOrder,
  folderHash,
  problemFolderFiles,
  type FolderFiles,
  type ProblemDefinition,
} from '../domain/problem-folder.js';
import type {
  ProblemFilter,
  ProblemRecord,
  ProblemRepository,
  SaveOutcome,
  TestCaseRecord,
} from '../domain/ports.js';
import type { BlobStore } from './blob-store.js';
import { ALL_LANGUAGES, iso, json, translateUniqueViolation, UUID } from './sql-helpers.js';

/** Problems (`compile.problems`), their tests and other files, whose contents live in the blob store. */

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
