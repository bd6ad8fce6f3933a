import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  Checker,
  Difficulty,
  Language,
  LocalizedText,
  ProblemSlug,
  Tag,
  TestName,
  type ProblemInput,
} from '@corazy/contracts';

/**
 * A problem as a folder of files, the catalogue's format (services/compile/catalogue):
 *
 *   problem.json                 slug, title {ko,en}, difficulty, tags, timeLimitMs, memoryLimitMb,
 *                                checker, optional languages; other keys (e.g. `wrong`) are kept as is
 *   ko/statement.md, input.md, output.md   and the same under en/
 *   tests/NAME.in + NAME.out     `sample-*` are samples, shown to players; the rest are hidden
 *   starter/main.py, Main.java, main.c, main.cpp, main.js    optional starter code per language
 *   anything else (solutions/, wrong/, generator.py)          kept verbatim, never shown to players
 *
 * Import, export and the catalogue seed all go through here, so the three agree on the format.
 */

/** Relative path (with `/`) to contents. */
export type FolderFiles = Map<string, Buffer>;

export const STARTER_FILE: Record<Language, string> = {
  python: 'main.py',
  java: 'Main.java',
  c: 'main.c',
  cpp: 'main.cpp',
  javascript: 'main.js',
};

export interface TestCaseContent {
  name: string;
  sample: boolean;
  input: Buffer;
  output: Buffer;
}

export interface ProblemDefinition {
  input: ProblemInput;
  /** problem.json keys this service does not interpret. */
  extraMeta: Record<string, unknown>;
  /** Samples first, then hidden tests, each group in name order. */
  tests: TestCaseContent[];
  /** Files outside the format's own, by path. */
  otherFiles: FolderFiles;
}

/** What is wrong with a folder, every problem at once, for an author to fix in one go. */
export class FolderError extends Error {
  constructor(readonly problems: string[]) {
    super(`the problem folder is invalid: ${problems.join('; ')}`);
    this.name = 'FolderError';
  }
}

const ProblemJson = z.looseObject({
  slug: ProblemSlug,
  title: LocalizedText,
  difficulty: Difficulty,
  tags: z.array(Tag).max(20).default([]),
  timeLimitMs: z.number().int().min(100).max(20_000),
  memoryLimitMb: z.number().int().min(16).max(2048),
  checker: Checker.default({ type: 'exact' }),
  languages: z.array(Language).min(1).optional(),
});
const INTERPRETED_KEYS = new Set(Object.keys(ProblemJson.shape));

const LOCALES = ['ko', 'en'] as const;
const SECTIONS = ['statement', 'input', 'output'] as const;
const MAX_PATH_LENGTH = 200;
const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[\w.\-/]+$/;

/** Relative, without `.`/`..` segments, in a conservative alphabet: safe to write under any folder. */
export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.startsWith('/') && path.length <= MAX_PATH_LENGTH;
}

export function parseProblemFolder(files: FolderFiles): ProblemDefinition {
  const problems: string[] = [];
  for (const path of files.keys()) {
    if (!isSafePath(path)) problems.push(`unsafe or unusual path ${JSON.stringify(path)}`);
  }

  const text = (path: string) => files.get(path)?.toString('utf8');
  let meta: z.infer<typeof ProblemJson> | undefined;
  const rawMeta = text('problem.json');
  if (rawMeta === undefined) problems.push('problem.json is missing');
  else {
    try {
      const parsed = ProblemJson.safeParse(JSON.parse(rawMeta));
      if (parsed.success) meta = parsed.data;
      else
        problems.push(
          ...parsed.error.issues.map((issue) => `problem.json ${issue.path.join('.')}: ${issue.message}`),
        );
    } catch (error) {
      problems.push(`problem.json is not JSON: ${(error as Error).message}`);
    }
  }

  const sections: Record<string, string> = {};
  for (const locale of LOCALES) {
    for (const section of SECTIONS) {
      const content = text(`${locale}/${section}.md`)?.trim();
      if (!content) problems.push(`${locale}/${section}.md is missing or empty`);
      else sections[`${locale}/${section}`] = content;
    }
  }

  const tests: TestCaseContent[] = [];
  const used = new Set<string>([
    'problem.json',
    ...LOCALES.flatMap((l) => SECTIONS.map((s) => `${l}/${s}.md`)),
  ]);
  for (const [path, content] of files) {
    const match = /^tests\/(.+)\.in$/.exec(path);
    if (!match) continue;
    const name = match[1]!;
    const output = files.get(`tests/${name}.out`);
    used.add(path);
    if (!TestName.safeParse(name).success) problems.push(`test name ${JSON.stringify(name)} is not allowed`);
    else if (!output) problems.push(`tests/${name}.in has no tests/${name}.out`);
    else {
      used.add(`tests/${name}.out`);
      tests.push({ name, sample: name.startsWith('sample-'), input: content, output });
    }
  }
  for (const path of files.keys()) {
    if (path.startsWith('tests/') && !used.has(path)) problems.push(`${path} has no matching .in file`);
  }
  if (tests.length === 0) problems.push('there are no tests (tests/NAME.in and tests/NAME.out)');
  tests.sort(byTestOrder);

  const starterCode: Partial<Record<Language, string>> = {};
  for (const language of Language.options) {
    const path = `starter/${STARTER_FILE[language]}`;
    const content = text(path);
    if (content !== undefined) {
      starterCode[language] = content;
      used.add(path);
    }
  }

  if (problems.length > 0 || !meta) throw new FolderError(problems);
  const otherFiles: FolderFiles = new Map([...files].filter(([path]) => !used.has(path)));
  const extraMeta = Object.fromEntries(Object.entries(meta).filter(([key]) => !INTERPRETED_KEYS.has(key)));
  const textsOf = (locale: (typeof LOCALES)[number]) => ({
    title: meta.title[locale],
    statement: sections[`${locale}/statement`]!,
    input: sections[`${locale}/input`]!,
    output: sections[`${locale}/output`]!,
  });
  return {
    input: {
      slug: meta.slug,
      difficulty: meta.difficulty,
      tags: meta.tags,
      timeLimitMs: meta.timeLimitMs,
      memoryLimitMb: meta.memoryLimitMb,
      checker: meta.checker,
      languages: meta.languages,
      texts: { ko: textsOf('ko'), en: textsOf('en') },
      starterCode,
    },
    extraMeta,
    tests,
    otherFiles,
  };
}

/** The folder a definition is stored as; `parseProblemFolder` reads it back to the same definition. */
export function problemFolderFiles(definition: ProblemDefinition): FolderFiles {
  const { input } = definition;
  const problemJson = {
    slug: input.slug,
    title: { ko: input.texts.ko.title, en: input.texts.en.title },
    difficulty: input.difficulty,
    tags: input.tags,
    timeLimitMs: input.timeLimitMs,
    memoryLimitMb: input.memoryLimitMb,
    checker: input.checker,
    ...(input.languages && { languages: input.languages }),
    ...definition.extraMeta,
  };
  const files: FolderFiles = new Map();
  files.set('problem.json', Buffer.from(`${JSON.stringify(problemJson, null, 2)}\n`));
  for (const locale of LOCALES) {
    for (const section of SECTIONS) {
      files.set(`${locale}/${section}.md`, Buffer.from(`${input.texts[locale][section]}\n`));
    }
  }
  for (const test of definition.tests) {
    files.set(`tests/${test.name}.in`, test.input);
    files.set(`tests/${test.name}.out`, test.output);
  }
  for (const [language, code] of Object.entries(input.starterCode)) {
    files.set(`starter/${STARTER_FILE[language as Language]}`, Buffer.from(code));
  }
  for (const [path, content] of definition.otherFiles) files.set(path, content);
  return files;
}

/**
 * A digest of a folder's paths and contents, independent of the order files were read in: the seed
 * re-applies a catalogue problem only when this changes.
 */
export function folderHash(files: FolderFiles): string {
  const outer = createHash('sha256');
  for (const path of [...files.keys()].sort()) {
    outer.update(`${path}\0${sha256(files.get(path)!)}\n`);
  }
  return outer.digest('hex');
}

export const sha256 = (content: Buffer | string) => createHash('sha256').update(content).digest('hex');

/** Samples first, then hidden tests; names in natural order (2 before 10). */
export function byTestOrder(a: { name: string; sample: boolean }, b: { name: string; sample: boolean }) {
  if (a.sample !== b.sample) return a.sample ? -1 : 1;
  return a.name.localeCompare(b.name, 'en', { numeric: true });
}
