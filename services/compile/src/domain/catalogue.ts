import {
  Language,
  type Dictation,
  type DictationInput,
  type DictationList,
  type DictationListQuery,
  type DictationSummary,
  type ImportResult,
  type ProblemDetail,
  type ProblemInput,
  type ProblemList,
  type ProblemListQuery,
  type ProblemSummary,
  type RandomProblemQuery,
  type TestCaseInput,
  type TestCaseList,
} from '@corazy/contracts';
import { AppError, badRequest, notFound } from '@corazy/service-kit';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseLanguage } from './jobs.js';
import { FolderError, parseProblemFolder, problemFolderFiles, type FolderFiles } from './problem-folder.js';
import {
  AlreadyExistsError,
  type DictationRecord,
  type DictationRepository,
  type ProblemFilter,
  type ProblemRecord,
  type ProblemRepository,
} from './ports.js';

/** Problems and dictation snippets: what anyone may read, and what administrators may change. */
export class Catalogue {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly dictations: DictationRepository,
  ) {}

  async listProblems(query: ProblemListQuery): Promise<ProblemList> {
    const after = query.cursor ? decodeCursor(query.cursor, isProblemCursor).n : 0;
    const rows = await this.problems.list(filterOf(query), after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(problemSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ n: last.number }) : null,
    };
  }

  async randomProblem(query: RandomProblemQuery): Promise<ProblemDetail> {
    const problem = await this.problems.random(filterOf(query));
    if (!problem) throw notFound('problem matching these filters');
    return this.detail(problem);
  }

  async problem(slugOrId: string): Promise<ProblemDetail> {
    return this.detail(await this.requireProblem(slugOrId));
  }

  /** Samples only: the hidden tests are counted, never shown. */
  private async detail(problem: ProblemRecord): Promise<ProblemDetail> {
    const tests = await this.problems.tests(problem.id);
    const samples = await this.problems.readTests(
      problem.id,
      tests.filter((test) => test.sample).map((test) => test.name),
    );
    return {
      ...problemSummary(problem),
      texts: problem.texts,
      checker: problem.checker,
      samples: samples.map((sample) => ({
        id: sample.name,
        input: sample.input.toString('utf8'),
        output: sample.output.toString('utf8'),
      })),
      hiddenTestCount: tests.filter((test) => !test.sample).length,
      starterCode: problem.starterCode,
      updatedAt: problem.updatedAt,
    };
  }

  private async requireProblem(slugOrId: string): Promise<ProblemRecord> {
    const problem = await this.problems.find(slugOrId);
    if (!problem) throw notFound('problem');
    return problem;
  }

  // ------------------------------------------------------------ administration

  async createProblem(input: ProblemInput): Promise<ProblemDetail> {
    const problem = await this.problems.create(input).catch(alreadyExists);
    return this.detail(problem);
  }

  async updateProblem(slugOrId: string, input: ProblemInput): Promise<ProblemDetail> {
    const { id } = await this.requireProblem(slugOrId);
    const problem = await this.problems.update(id, input).catch(alreadyExists);
    if (!problem) throw notFound('problem');
    return this.detail(problem);
  }

  async listTests(slugOrId: string): Promise<TestCaseList> {
    const problem = await this.requireProblem(slugOrId);
    return { items: await this.problems.tests(problem.id) };
  }

  async test(slugOrId: string, name: string): Promise<TestCaseInput & { name: string }> {
    const problem = await this.requireProblem(slugOrId);
    const [test] = await this.problems.readTests(problem.id, [name]);
    if (!test) throw notFound('test');
    return {
      name,
      sample: test.sample,
      input: test.input.toString('utf8'),
      output: test.output.toString('utf8'),
    };
  }

  async putTest(slugOrId: string, name: string, test: TestCaseInput): Promise<void> {
    const problem = await this.requireProblem(slugOrId);
    await this.problems.putTest(problem.id, {
      name,
      sample: test.sample,
      input: Buffer.from(test.input),
      output: Buffer.from(test.output),
    });
  }

  async deleteTest(slugOrId: string, name: string): Promise<void> {
    const problem = await this.requireProblem(slugOrId);
    if (!(await this.problems.deleteTest(problem.id, name))) throw notFound('test');
  }

  async exportProblem(slugOrId: string): Promise<{ slug: string; files: FolderFiles }> {
    const problem = await this.requireProblem(slugOrId);
    const definition = await this.problems.definition(problem.id);
    if (!definition) throw notFound('problem');
    return { slug: problem.slug, files: problemFolderFiles(definition) };
  }

  /** Creates or replaces the problem the folder names (by its slug), tests and files included. */
  async importProblem(files: FolderFiles): Promise<ImportResult> {
    let definition;
    try {
      definition = parseProblemFolder(files);
    } catch (error) {
      if (error instanceof FolderError) throw badRequest('the problem folder is invalid', error.problems);
      throw error;
    }
    const outcome = await this.problems.save(definition, 'admin');
    return { outcome, problem: problemSummary(await this.requireProblem(definition.input.slug)) };
  }

  // ------------------------------------------------------------ dictation

  async listDictations(query: DictationListQuery): Promise<DictationList> {
    const language = query.language === undefined ? undefined : parseLanguage(query.language);
    const rows = await this.dictations.list({ language, algorithm: query.algorithm });
    return { items: rows.map(dictationSummary) };
  }

  async dictation(id: string): Promise<Dictation> {
    const row = await this.dictations.find(id);
    if (!row) throw notFound('dictation');
    return dictationView(row);
  }

  async createDictation(input: DictationInput): Promise<Dictation> {
    return dictationView(await this.dictations.create(input).catch(alreadyExists));
  }

  async updateDictation(id: string, input: DictationInput): Promise<Dictation> {
    const row = await this.dictations.update(id, input).catch(alreadyExists);
    if (!row) throw notFound('dictation');
    return dictationView(row);
  }

  async deleteDictation(id: string): Promise<void> {
    if (!(await this.dictations.delete(id))) throw notFound('dictation');
  }
}

function filterOf(query: {
  tag?: string;
  difficulty?: ProblemFilter['difficulty'];
  language?: string;
  q?: string;
}) {
  const filter: ProblemFilter = { tag: query.tag, difficulty: query.difficulty, q: query.q || undefined };
  if (query.language !== undefined) filter.language = parseLanguage(query.language);
  return filter;
}

export function problemSummary(problem: ProblemRecord): ProblemSummary {
  return {
    id: problem.id,
    number: problem.number,
    slug: problem.slug,
    title: problem.title,
    difficulty: problem.difficulty,
    tags: problem.tags,
    languages: problem.languages,
    timeLimitMs: problem.timeLimitMs,
    memoryLimitMb: problem.memoryLimitMb,
  };
}

function dictationSummary(row: DictationRecord): DictationSummary {
  return {
    id: row.id,
    language: row.language,
    algorithm: row.algorithm,
    title: row.title,
    lineCount: row.code.replace(/\n$/, '').split('\n').length,
  };
}

const dictationView = (row: DictationRecord): Dictation => ({
  ...dictationSummary(row),
  code: row.code,
  explanation: row.explanation,
});

function alreadyExists(error: unknown): never {
  if (error instanceof AlreadyExistsError) throw new AppError('ALREADY_EXISTS', error.message);
  throw error;
}

const isProblemCursor = (value: unknown): value is { n: number } =>
  typeof value === 'object' && value !== null && Number.isInteger((value as { n?: unknown }).n);

/** Every language, for problems that do not restrict theirs. */
export const ALL_LANGUAGES: readonly Language[] = Language.options;
