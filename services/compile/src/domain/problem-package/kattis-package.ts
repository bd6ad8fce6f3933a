import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml, parseDocument, stringify as stringifyYaml } from 'yaml';
import {
  Difficulty,
  Language,
  ProblemInput,
  ProblemSlug,
  Tag,
  TestName,
  type Checker,
  type Locale,
  type Verdict,
} from '@corazy/contracts';
import {
  byTestOrder,
  isSafePath,
  STARTER_FILE,
  type FolderFiles,
  type ProblemDefinition,
  type TestCaseContent,
} from '../problem-folder.js';
import { latexToMarkdown } from './latex-statement.js';
import { PackageError, type PackageProblem } from './package-error.js';
import { joinStatement, splitStatement, type StatementParts } from './statement-sections.js';

/**
 * The Kattis / ICPC problem package format (what problemtools and DOMjudge read), both its `legacy`
 * version and `2023-07-draft`, mapped onto the project's problem model. What is supported, and how the
 * rest is refused, is written down in docs/problem-packages.md; every refusal names the file and key.
 *
 * Writing always produces `2023-07-draft` (the version with Markdown statements and a name per
 * language); reading what was written gives the same definition back, so export → import → export is
 * byte-identical.
 */

/** The folder a package's submissions sit in, and the overall verdict that folder promises. */
export const SUBMISSION_FOLDERS = {
  accepted: 'ACCEPTED',
  wrong_answer: 'WRONG_ANSWER',
  time_limit_exceeded: 'TIME_LIMIT_EXCEEDED',
  run_time_error: 'RUNTIME_ERROR',
  /** Anything but accepted (legacy `partially_accepted` on a scoring problem, 2023 `rejected`). */
  partially_accepted: 'REJECTED',
  rejected: 'REJECTED',
} as const satisfies Record<string, Verdict | 'REJECTED'>;
export type ExpectedOutcome = (typeof SUBMISSION_FOLDERS)[keyof typeof SUBMISSION_FOLDERS];

export interface PackageSubmission {
  path: string;
  expected: ExpectedOutcome;
  language: Language;
  source: string;
}

/** How the time limit is found: given by the package, or from the slowest accepted submission. */
export type TimeLimitRule = { kind: 'fixed'; ms: number } | { kind: 'from-accepted'; resolutionMs: number };

export interface KattisPackage {
  /** `input.timeLimitMs` is provisional while `timeLimit` is `from-accepted`. */
  definition: ProblemDefinition;
  timeLimit: TimeLimitRule;
  /**
   * The slowest accepted submission × `acToTimeLimit` is (or must fit in) the time limit; a
   * time-limit-exceeded submission must still be too slow with `timeLimitToTle` times the limit.
   */
  timeMultipliers: { acToTimeLimit: number; timeLimitToTle: number };
  submissions: PackageSubmission[];
  /** Parts that are kept but not used (submissions in languages not offered here, …). */
  notes: string[];
}

const LANGUAGE_OF_EXTENSION: Record<string, Language> = {
  py: 'python',
  java: 'java',
  c: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  'c++': 'cpp',
  js: 'javascript',
};

/** Kattis language ids (problem.yaml `languages`) for the project's languages. */
const KATTIS_LANGUAGE: Record<Language, string> = {
  python: 'python3',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  javascript: 'javascript',
};

const FORMAT_2023 = '2023-07-draft';
/** Long values stay on one line: flags and names read as written. */
const YAML_OPTIONS = { lineWidth: 0 };
const DEFAULT_MEMORY_MB = 1024;
/** problemtools' defaults: legacy `time_multiplier` 5, 2023 `ac_to_time_limit` 2; TLE margin 2 and 1.5. */
const LEGACY_MULTIPLIERS = { acToTimeLimit: 5, timeLimitToTle: 2 };
const MODERN_MULTIPLIERS = { acToTimeLimit: 2, timeLimitToTle: 1.5 };
/** Provisional limit while verification finds the real one: the most a test may be given. */
export const MAX_TIME_LIMIT_MS = 20_000;

/** problem.yaml keys kept verbatim (they describe the problem, they do not change grading). */
const KEPT_KEYS = new Set([
  'uuid',
  'version',
  'credits',
  'source',
  'license',
  'rights_owner',
  'embargo_until',
  'allow_file_writing',
]);
const LEGACY_KEPT_KEYS = new Set(['uuid', 'author', 'source', 'source_url', 'license', 'rights_owner']);
/** limits keys kept verbatim (they bound compilers and validators, which run under our own limits). */
const KEPT_LIMITS = new Set([
  'output',
  'code',
  'compilation_time',
  'compilation_memory',
  'validation_time',
  'validation_memory',
  'validation_output',
  'validation_passes',
]);

/** Where the project's own fields live in a package: files no Kattis tool reads. */
const CORAZY_META = 'corazy/problem.yaml';
const CORAZY_STARTER = 'corazy/starter/';
/** Verification's report, stored with an imported problem; never read from or written to a package. */
export const VERIFICATION_REPORT = 'corazy/verification.json';

export function readKattisPackage(files: FolderFiles, slug: string): KattisPackage {
  const problems: PackageProblem[] = [];
  const refuse = (file: string, message: string, key?: string) =>
    problems.push({ file, ...(key !== undefined && { key }), message });
  // A report in an uploaded package is stale (or forged): verification writes its own.
  const used = new Set<string>([VERIFICATION_REPORT]);
  const text = (path: string) => {
    const content = files.get(path);
    if (content === undefined) return undefined;
    used.add(path);
    return content.toString('utf8');
  };

  for (const path of files.keys()) {
    if (!isSafePath(path)) refuse(path, 'unsafe or unusual path');
  }
  if (!ProblemSlug.safeParse(slug).success)
    refuse(
      '(package folder)',
      `${JSON.stringify(slug)} is not a usable problem name (lower-case words joined by -)`,
    );

  // ------------------------------------------------------------------ problem.yaml
  const yaml = readYaml(text('problem.yaml'), 'problem.yaml', refuse) ?? {};
  if (!files.has('problem.yaml')) refuse('problem.yaml', 'is missing');
  const version = yaml.problem_format_version ?? 'legacy';
  const modern = version === FORMAT_2023 || version === '2023-07';
  if (!modern && version !== 'legacy')
    refuse(
      'problem.yaml',
      `version ${JSON.stringify(version)} is not supported (legacy or 2023-07-draft)`,
      'problem_format_version',
    );
  const keptKeys = modern ? KEPT_KEYS : LEGACY_KEPT_KEYS;
  const interpreted = new Set(['problem_format_version', 'name', 'type', 'limits', 'keywords']);
  if (modern) interpreted.add('languages').add('constants');
  else interpreted.add('validation').add('validator_flags');
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(yaml)) {
    if (keptKeys.has(key)) kept[key] = value;
    else if (!interpreted.has(key)) refuse('problem.yaml', `key ${key} is not supported`, key);
  }
  if (modern && yaml.constants !== undefined && !isEmpty(yaml.constants))
    refuse('problem.yaml', 'constants are not supported', 'constants');

  // type: pass-fail, or scoring graded as pass-fail (every test must pass)
  const types = [yaml.type ?? 'pass-fail'].flat();
  for (const type of types) {
    if (type !== 'pass-fail' && type !== 'scoring')
      refuse(
        'problem.yaml',
        `problem type ${JSON.stringify(type)} is not supported (pass-fail or scoring)`,
        'type',
      );
  }
  if (types.includes('scoring')) kept.type = 'scoring';

  // validation
  let validatorFlags = '';
  if (!modern) {
    const validation = yaml.validation ?? 'default';
    if (validation !== 'default')
      refuse(
        'problem.yaml',
        `validation ${JSON.stringify(validation)} is not supported yet: only the default output validator`,
        'validation',
      );
    if (yaml.validator_flags !== undefined) validatorFlags = flagsText(yaml.validator_flags);
  }
  for (const folder of ['output_validators/', 'output_validator/', 'include/', 'graders/']) {
    const first = [...files.keys()].find((path) => path.startsWith(folder));
    if (first)
      refuse(
        first,
        folder.startsWith('output')
          ? 'custom output validators are not supported yet'
          : folder === 'include/'
            ? 'included code is not supported'
            : 'custom graders are not supported',
      );
  }
  const rootTestdata = 'data/testdata.yaml';
  const testdataFlags = new Map<string, string>();
  for (const path of files.keys()) {
    if (!/^data\/(?:.*\/)?testdata\.yaml$/.test(path)) continue;
    const testdata = readYaml(files.get(path)!.toString('utf8'), path, refuse) ?? {};
    for (const key of ['output_validator_flags', 'output_validator_args', 'grading']) {
      if (testdata[key] !== undefined) testdataFlags.set(`${path}\0${key}`, flagsText(testdata[key]));
    }
  }
  for (const [where, flags] of testdataFlags) {
    const [path, key] = where.split('\0') as [string, string];
    if (path === rootTestdata && key === 'output_validator_flags' && modern) validatorFlags = flags;
    else if (key === 'grading' && flags !== 'default') refuse(path, 'custom grading is not supported', key);
    else if (key !== 'grading')
      refuse(
        path,
        'validator flags per test group are not supported; set them once in data/testdata.yaml',
        key,
      );
  }
  const checker = checkerOf(validatorFlags, (message) =>
    refuse(
      modern ? rootTestdata : 'problem.yaml',
      message,
      modern ? 'output_validator_flags' : 'validator_flags',
    ),
  );

  // limits
  const limits = isRecord(yaml.limits) ? yaml.limits : {};
  if (yaml.limits !== undefined && !isRecord(yaml.limits))
    refuse('problem.yaml', 'limits must be a mapping', 'limits');
  const keptLimits: Record<string, unknown> = {};
  const multipliers = { ...(modern ? MODERN_MULTIPLIERS : LEGACY_MULTIPLIERS) };
  let fixedMs: number | undefined;
  let resolutionMs = 1000;
  for (const [key, value] of Object.entries(limits)) {
    const number = typeof value === 'number' && value > 0 ? value : undefined;
    const wrong = () => refuse('problem.yaml', 'must be a positive number', `limits.${key}`);
    if (KEPT_LIMITS.has(key)) keptLimits[key] = value;
    else if (key === 'memory') {
      if (!number || !Number.isInteger(number) || number < 16 || number > 2048)
        refuse('problem.yaml', 'must be a whole number of MiB from 16 to 2048', 'limits.memory');
    } else if (key === 'time_limit' && modern) {
      if (!number) wrong();
      else fixedMs = Math.round(number * 1000);
    } else if (key === 'time_resolution' && modern) {
      if (!number) wrong();
      else resolutionMs = Math.round(number * 1000);
    } else if (key === 'time_multipliers' && modern && isRecord(value)) {
      for (const [name, factor] of Object.entries(value)) {
        if (typeof factor !== 'number' || factor <= 0)
          refuse('problem.yaml', 'must be a positive number', `limits.time_multipliers.${name}`);
        else if (name === 'ac_to_time_limit') multipliers.acToTimeLimit = factor;
        else if (name === 'time_limit_to_tle') multipliers.timeLimitToTle = factor;
        else refuse('problem.yaml', 'is not supported', `limits.time_multipliers.${name}`);
      }
    } else if (key === 'time_multiplier' && !modern) {
      if (!number) wrong();
      else multipliers.acToTimeLimit = number;
    } else if (key === 'time_safety_margin' && !modern) {
      if (!number) wrong();
      else multipliers.timeLimitToTle = number;
    } else refuse('problem.yaml', 'is not supported', `limits.${key}`);
  }
  // problemtools and DOMjudge write the limit they found to `.timelimit`, in seconds.
  const timelimitFile = text('.timelimit');
  if (timelimitFile !== undefined && fixedMs === undefined) {
    const seconds = Number(timelimitFile.trim());
    if (!(seconds > 0)) refuse('.timelimit', 'must hold a positive number of seconds');
    else fixedMs = Math.round(seconds * 1000);
  }
  if (fixedMs !== undefined && (fixedMs < 100 || fixedMs > MAX_TIME_LIMIT_MS))
    refuse(
      timelimitFile === undefined ? 'problem.yaml' : '.timelimit',
      `the time limit must be from 0.1 to ${MAX_TIME_LIMIT_MS / 1000} seconds`,
      'limits.time_limit',
    );
  const timeLimit: TimeLimitRule =
    fixedMs === undefined ? { kind: 'from-accepted', resolutionMs } : { kind: 'fixed', ms: fixedMs };
  if (!isDeepStrictEqual(multipliers, modern ? MODERN_MULTIPLIERS : LEGACY_MULTIPLIERS))
    keptLimits.time_multipliers = {
      ac_to_time_limit: multipliers.acToTimeLimit,
      time_limit_to_tle: multipliers.timeLimitToTle,
    };
  if (resolutionMs !== 1000) keptLimits.time_resolution = resolutionMs / 1000;
  if (!isEmpty(keptLimits)) kept.limits = keptLimits;

  // keywords → tags; languages
  const keywords = modern
    ? (yaml.keywords ?? [])
    : flagsText(yaml.keywords ?? '')
        .split(/\s+/)
        .filter(Boolean);
  const tags: string[] = [];
  if (!Array.isArray(keywords)) refuse('problem.yaml', 'must be a list', 'keywords');
  else
    for (const keyword of keywords) {
      const tag = String(keyword)
        .toLowerCase()
        .trim()
        .replace(/[\s_]+/g, '-');
      if (!Tag.safeParse(tag).success)
        refuse(
          'problem.yaml',
          `${JSON.stringify(keyword)} cannot be a tag (letters, digits and -)`,
          'keywords',
        );
      else if (!tags.includes(tag)) tags.push(tag);
    }
  let languages: Language[] | undefined;
  if (modern && yaml.languages !== undefined && yaml.languages !== 'all') {
    languages = [];
    for (const id of [yaml.languages].flat()) {
      const language = Language.options.find((option) => KATTIS_LANGUAGE[option] === id || option === id);
      if (!language)
        refuse('problem.yaml', `language ${JSON.stringify(id)} is not offered here`, 'languages');
      else if (!languages.includes(language)) languages.push(language);
    }
  }

  // ------------------------------------------------------------------ statements
  const statementFolder = modern ? 'statement' : 'problem_statement';
  const texts: Partial<Record<Locale, { title: string | undefined; parts: StatementParts }>> = {};
  const names: Partial<Record<string, string>> =
    typeof yaml.name === 'string'
      ? { en: yaml.name }
      : isRecord(yaml.name)
        ? (yaml.name as Record<string, string>)
        : {};
  if (yaml.name !== undefined && typeof yaml.name !== 'string' && !isRecord(yaml.name))
    refuse('problem.yaml', 'must be a string or a map from language to name', 'name');
  const otherFiles: FolderFiles = new Map();
  for (const [path, content] of files) {
    if (!path.startsWith(`${statementFolder}/`)) continue;
    const name = path.slice(statementFolder.length + 1);
    const match = /^problem(?:\.([a-z]{2,3}|[a-z]{2}-[A-Z]{2}))?\.(md|tex)$/.exec(name);
    const locale = match ? (match[1] ?? (modern ? undefined : 'en')) : undefined;
    used.add(path);
    if (!match || (locale !== 'en' && locale !== 'ko')) {
      // Statements in other languages, pictures: kept, exported, not shown.
      otherFiles.set(`statement/${name}`, content);
      continue;
    }
    if (texts[locale]) {
      refuse(
        path,
        `a second statement in ${locale}; keep one of problem.${locale}.md and problem.${locale}.tex`,
      );
      continue;
    }
    let markdown: string;
    let title: string | undefined;
    if (match[2] === 'tex') {
      const converted = latexToMarkdown(content.toString('utf8'), path);
      if (!converted.ok) {
        problems.push(...converted.problems);
        continue;
      }
      ({ markdown, title } = converted.statement);
    } else markdown = content.toString('utf8');
    const parts = splitStatement(markdown);
    if ('missing' in parts) {
      refuse(path, `has no ${parts.missing === 'input' ? 'Input (입력)' : 'Output (출력)'} section heading`);
      continue;
    }
    texts[locale] = { title, parts };
  }
  const primary = texts.en ?? texts.ko;
  if (!primary && !problems.some((problem) => problem.file.startsWith(statementFolder)))
    refuse(statementFolder, `needs problem.en.md, problem.en.tex, problem.ko.md or problem.ko.tex`);
  const titleOf = (locale: Locale) =>
    names[locale] ?? texts[locale]?.title ?? names[locale === 'ko' ? 'en' : 'ko'] ?? primary?.title;
  for (const locale of ['en', 'ko'] as const) {
    if (primary && !titleOf(locale)) refuse('problem.yaml', 'the problem has no name', 'name');
  }

  // ------------------------------------------------------------------ test data
  const tests: TestCaseContent[] = [];
  for (const [path, content] of files) {
    const match = /^data\/(sample|secret)\/(.+)\.in$/.exec(path);
    if (!match) continue;
    const [, group, stem] = match as unknown as [string, 'sample' | 'secret', string];
    const answerPath = `data/${group}/${stem}.ans`;
    const answer = files.get(answerPath);
    used.add(path);
    if (!answer) {
      refuse(path, `has no ${answerPath}`);
      continue;
    }
    used.add(answerPath);
    const segments = stem.split('/');
    const name = group === 'sample' ? `sample-${segments.join('.')}` : segments.join('.');
    if (segments.some((segment) => !/^[A-Za-z0-9][\w-]*$/.test(segment)) || !TestName.safeParse(name).success)
      refuse(
        path,
        'test names and group folders are letters, digits, _ and - (at most 64 characters in all)',
      );
    else if (group === 'secret' && name.startsWith('sample-'))
      refuse(path, 'a secret test may not be named sample-…');
    else tests.push({ name, sample: group === 'sample', input: content, output: answer });
  }
  if (!tests.some((test) => !test.sample))
    refuse('data/secret', 'there are no secret tests (data/secret/**/NAME.in and .ans)');
  tests.sort(byTestOrder);

  // ------------------------------------------------------------------ submissions
  const submissions: PackageSubmission[] = [];
  const notes: string[] = [];
  for (const [path, content] of files) {
    const match = /^submissions\/([^/]+)\/(.+)$/.exec(path);
    if (!match) continue;
    const [, folder, name] = match as unknown as [string, string, string];
    const expected = SUBMISSION_FOLDERS[folder as keyof typeof SUBMISSION_FOLDERS];
    const language = LANGUAGE_OF_EXTENSION[/\.([^.]+)$/.exec(name)?.[1] ?? ''];
    if (!expected) notes.push(`${path}: folder ${folder} is kept but not run`);
    else if (name.includes('/')) notes.push(`${path}: submissions of several files are kept but not run`);
    else if (!language) notes.push(`${path}: this language is not offered here; kept but not run`);
    else submissions.push({ path, expected, language, source: content.toString('utf8') });
  }
  submissions.sort((a, b) => a.path.localeCompare(b.path));
  if ([...files.keys()].some((path) => path.startsWith('input_validators/')))
    notes.push('input_validators/: kept but not run; the test data is trusted as given');
  if (!submissions.some((submission) => submission.expected === 'ACCEPTED'))
    refuse(
      'submissions/accepted',
      'needs at least one accepted submission in Python, Java, C, C++ or JavaScript',
    );

  // ------------------------------------------------------------------ the project's own fields
  const corazy = readYaml(text(CORAZY_META), CORAZY_META, refuse) ?? {};
  const difficulty = Difficulty.safeParse(corazy.difficulty ?? 'medium');
  if (!difficulty.success) refuse(CORAZY_META, 'is easy, medium or hard', 'difficulty');
  for (const key of Object.keys(corazy)) {
    if (key !== 'difficulty' && key !== 'extra') refuse(CORAZY_META, `key ${key} is not supported`, key);
  }
  const starterCode: Partial<Record<Language, string>> = {};
  for (const language of Language.options) {
    const code = text(`${CORAZY_STARTER}${STARTER_FILE[language]}`);
    if (code !== undefined) starterCode[language] = code;
  }

  // data/testdata.yaml is kept without the validator flags: the checker is their one home, and the
  // writer puts them back from it.
  const testdataSource = files.get(rootTestdata);
  if (testdataSource !== undefined) {
    used.add(rootTestdata);
    const rest = withValidatorFlags(testdataSource.toString('utf8'), '');
    if (rest) otherFiles.set(rootTestdata, Buffer.from(rest));
  }
  for (const [path, content] of files) {
    if (!used.has(path) && !otherFiles.has(path)) otherFiles.set(path, content);
  }

  if (problems.length > 0 || !primary) throw new PackageError(problems);
  const textsOf = (locale: Locale) => {
    const parts = (texts[locale] ?? primary).parts;
    const title = titleOf(locale)!;
    return { title, ...parts, statement: parts.statement || title };
  };
  const input = ProblemInput.safeParse({
    slug,
    difficulty: difficulty.data,
    tags,
    timeLimitMs: timeLimit.kind === 'fixed' ? timeLimit.ms : MAX_TIME_LIMIT_MS,
    memoryLimitMb: typeof limits.memory === 'number' ? limits.memory : DEFAULT_MEMORY_MB,
    checker,
    languages,
    texts: { ko: textsOf('ko'), en: textsOf('en') },
    starterCode,
  });
  if (!input.success)
    throw new PackageError(
      input.error.issues.map((issue) => ({
        file: 'problem.yaml',
        key: issue.path.join('.'),
        message: issue.message,
      })),
    );
  const extraMeta: Record<string, unknown> = { ...(isRecord(corazy.extra) ? corazy.extra : {}) };
  // Kept in their 2023-07 form, the one the writer produces, so reading that back changes nothing.
  extraMeta.kattis = { uuid: stableUuid(slug), ...legacyKeysAsModern(kept) };
  return {
    definition: { input: input.data, extraMeta, tests, otherFiles },
    timeLimit,
    timeMultipliers: multipliers,
    submissions,
    notes,
  };
}

/** The package for a definition (any: imported from a package, a catalogue folder, or the API). */
export function kattisPackageFiles(definition: ProblemDefinition): FolderFiles {
  const { input } = definition;
  const { kattis, ...extra } = definition.extraMeta as { kattis?: Record<string, unknown> };
  const { limits: keptLimits, type, ...keptKeys } = kattis ?? {};
  const problemYaml = {
    problem_format_version: FORMAT_2023,
    name: { en: input.texts.en.title, ko: input.texts.ko.title },
    ...(type === 'scoring' && { type }),
    uuid: stableUuid(input.slug),
    ...keptKeys,
    limits: {
      time_limit: input.timeLimitMs / 1000,
      memory: input.memoryLimitMb,
      ...(isRecord(keptLimits) ? keptLimits : {}),
    },
    ...(input.tags.length > 0 && { keywords: input.tags }),
    ...(input.languages && { languages: input.languages.map((language) => KATTIS_LANGUAGE[language]) }),
  };
  const files: FolderFiles = new Map();
  const put = (path: string, content: string | Buffer) => {
    if (files.has(path)) throw new Error(`${path} would be written twice`);
    files.set(path, typeof content === 'string' ? Buffer.from(content) : content);
  };
  put('problem.yaml', stringifyYaml(problemYaml, YAML_OPTIONS));
  for (const locale of ['en', 'ko'] as const) {
    const { title: _title, ...parts } = input.texts[locale];
    put(`statement/problem.${locale}.md`, joinStatement(parts, locale));
  }
  for (const test of definition.tests) {
    const [folder, name] = test.sample
      ? ['sample', test.name.replace(/^sample-/, '')]
      : ['secret', test.name.replace(/\./g, '/')];
    put(`data/${folder}/${name}.in`, test.input);
    put(`data/${folder}/${name}.ans`, test.output);
  }
  const corazy = { difficulty: input.difficulty, ...(!isEmpty(extra) && { extra }) };
  put(CORAZY_META, stringifyYaml(corazy, YAML_OPTIONS));
  for (const [language, code] of Object.entries(input.starterCode)) {
    put(`${CORAZY_STARTER}${STARTER_FILE[language as Language]}`, code);
  }
  const testdata = withValidatorFlags(
    definition.otherFiles.get('data/testdata.yaml')?.toString('utf8') ?? '',
    flagsOf(input.checker),
  );
  if (testdata) put('data/testdata.yaml', testdata);
  for (const [path, content] of definition.otherFiles) {
    if (path !== 'data/testdata.yaml' && path !== VERIFICATION_REPORT) put(path, content);
  }
  return files;
}

/** The default output validator's flags, as the project's checkers understand them. */
function checkerOf(flags: string, refuse: (message: string) => void): Checker {
  const words = flags.split(/\s+/).filter(Boolean);
  let absError: number | undefined;
  let relError: number | undefined;
  let spaceSensitive = false;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const takeNumber = () => {
      const value = Number(words[++index]);
      if (!(value >= 0)) refuse(`${word} needs a non-negative number`);
      return value;
    };
    if (word === 'case_sensitive') continue;
    else if (word === 'space_change_sensitive') spaceSensitive = true;
    else if (word === 'float_tolerance') absError = relError = takeNumber();
    else if (word === 'float_absolute_tolerance') absError = takeNumber();
    else if (word === 'float_relative_tolerance') relError = takeNumber();
    else refuse(`validator flag ${word} is not supported`);
  }
  if (absError !== undefined || relError !== undefined) {
    if (spaceSensitive) refuse('space_change_sensitive cannot be combined with a float tolerance here');
    return { type: 'float', absError: absError ?? 0, relError: relError ?? 0 };
  }
  return spaceSensitive ? { type: 'exact' } : { type: 'tokens' };
}

/** A testdata.yaml with its `output_validator_flags` set (or removed); '' when nothing is left. */
function withValidatorFlags(source: string, flags: string): string {
  const document = parseDocument(source);
  if (flags) document.set('output_validator_flags', flags);
  else document.delete('output_validator_flags');
  const value: unknown = document.toJS();
  return isRecord(value) && !isEmpty(value) ? document.toString(YAML_OPTIONS) : '';
}

/** Our checkers compare case-sensitively, so the flags say so. */
function flagsOf(checker: Checker): string {
  switch (checker.type) {
    case 'exact':
      return 'case_sensitive space_change_sensitive';
    case 'tokens':
      return 'case_sensitive';
    case 'float':
      return `case_sensitive float_absolute_tolerance ${checker.absError} float_relative_tolerance ${checker.relError}`;
  }
}

/** Legacy `author` and `source_url` in their 2023-07 places (`credits`, `source.url`). */
function legacyKeysAsModern(keys: Record<string, unknown>): Record<string, unknown> {
  const { author, source_url: url, ...rest } = keys;
  return {
    ...(author !== undefined && rest.credits === undefined && { credits: author }),
    ...rest,
    ...(url !== undefined && { source: { name: rest.source ?? url, url } }),
  };
}

function stableUuid(slug: string): string {
  const hex = createHash('sha256').update(`corazy-problem:${slug}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function readYaml(
  source: string | undefined,
  file: string,
  refuse: (file: string, message: string) => void,
): Record<string, unknown> | undefined {
  if (source === undefined) return undefined;
  try {
    const value: unknown = parseYaml(source, { maxAliasCount: 100 });
    if (value === null || value === undefined) return {};
    if (isRecord(value)) return value;
    refuse(file, 'must be a YAML mapping');
  } catch (error) {
    refuse(file, `is not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return undefined;
}

/** Flags and keywords are a string of words, or (2023) a list of them. */
function flagsText(value: unknown): string {
  return [value]
    .flat()
    .map((word) => (typeof word === 'string' ? word : JSON.stringify(word)))
    .join(' ');
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmpty = (value: unknown) =>
  value === null || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);
