import { z } from 'zod';
import { Checker, Language, TestOutcome, Verdict } from './grading.js';

/** HTTP bodies of the compile service: problems, dictation snippets, submissions and runs. */

/** Largest source a submission or run may carry, in UTF-8 bytes. */
export const MAX_SOURCE_BYTES = 64 * 1024;
/** Largest stdin of a run, in UTF-8 bytes. */
export const MAX_STDIN_BYTES = 1024 * 1024;
/** Longest a `GET /api/runs/:id?wait=N` holds, in seconds. */
export const MAX_RUN_WAIT_SECONDS = 30;

export const Locale = z.enum(['ko', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Text in every language the UI speaks. */
export const LocalizedText = z.object({ ko: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Difficulty = z.enum(['easy', 'medium', 'hard']);
export type Difficulty = z.infer<typeof Difficulty>;

/** Lower-case words joined by `-`; `random` is a route, not a problem. */
export const ProblemSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug must be lower-case words joined by -')
  .max(64)
  .refine((slug) => slug !== 'random' && slug !== 'import', 'this slug is reserved');
export type ProblemSlug = z.infer<typeof ProblemSlug>;

export const Tag = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(40);

/** A test case name, e.g. `sample-01` or `07`; its `.in` and `.out` files are named after it. */
export const TestName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]*$/, 'test names are letters, digits, _, . and -')
  .max(64);

export const ProblemSummary = z.object({
  id: z.uuid(),
  /** A stable display number, in the order problems were added. */
  number: z.number().int().positive(),
  slug: z.string(),
  title: LocalizedText,
  difficulty: Difficulty,
  tags: z.array(z.string()),
  languages: z.array(Language),
  timeLimitMs: z.number().int(),
  memoryLimitMb: z.number().int(),
});
export type ProblemSummary = z.infer<typeof ProblemSummary>;

const Limit = z.coerce.number().int().min(1).max(100);

export const ProblemListQuery = z.object({
  tag: Tag.optional(),
  difficulty: Difficulty.optional(),
  language: z.string().optional(),
  /** Matches the slug and both titles, case-insensitively. */
  q: z.string().trim().max(100).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: Limit.default(20),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

export const ProblemList = z.object({
  items: z.array(ProblemSummary),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ProblemList = z.infer<typeof ProblemList>;

export const RandomProblemQuery = z.object({
  language: z.string().optional(),
  difficulty: Difficulty.optional(),
  tag: Tag.optional(),
});
export type RandomProblemQuery = z.infer<typeof RandomProblemQuery>;

/** Statement, input and output sections as Markdown with `$…$` math. */
export const ProblemTexts = z.object({
  title: z.string().min(1).max(200),
  statement: z.string().min(1),
  input: z.string().min(1),
  output: z.string().min(1),
});
export type ProblemTexts = z.infer<typeof ProblemTexts>;

export const Sample = z.object({ id: z.string(), input: z.string(), output: z.string() });
export type Sample = z.infer<typeof Sample>;

/** What anyone may see of a problem: samples only, never the hidden tests. */
export const ProblemDetail = ProblemSummary.extend({
  texts: z.object({ ko: ProblemTexts, en: ProblemTexts }),
  checker: Checker,
  samples: z.array(Sample),
  /** Hidden tests, counted but never shown. */
  hiddenTestCount: z.number().int().nonnegative(),
  starterCode: z.partialRecord(Language, z.string()),
  updatedAt: z.string(),
});
export type ProblemDetail = z.infer<typeof ProblemDetail>;

// ---------------------------------------------------------------- dictation

export const DictationListQuery = z.object({
  language: z.string().optional(),
  algorithm: z.string().max(64).optional(),
});
export type DictationListQuery = z.infer<typeof DictationListQuery>;

export const DictationSummary = z.object({
  id: z.uuid(),
  language: Language,
  /** e.g. `binary-search`; the same algorithm exists in several languages. */
  algorithm: z.string(),
  title: LocalizedText,
  lineCount: z.number().int().nonnegative(),
});
export type DictationSummary = z.infer<typeof DictationSummary>;

export const Dictation = DictationSummary.extend({
  code: z.string(),
  explanation: LocalizedText,
});
export type Dictation = z.infer<typeof Dictation>;

export const DictationList = z.object({ items: z.array(DictationSummary) });
export type DictationList = z.infer<typeof DictationList>;

// ---------------------------------------------------------------- submissions and runs

export const SubmissionMode = z.enum(['sample', 'full']);
export type SubmissionMode = z.infer<typeof SubmissionMode>;

/** queued: stored (and sent to the graders, or about to be); judging: tests are running; done: final. */
export const JobStatus = z.enum(['queued', 'judging', 'done']);
export type JobStatus = z.infer<typeof JobStatus>;

export const CreateSubmissionRequest = z.object({
  /** The problem's slug or id. */
  problem: z.string().min(1).max(64),
  /** Checked against the languages the problem accepts (400 LANGUAGE_UNSUPPORTED). */
  language: z.string().min(1).max(32),
  /** At most MAX_SOURCE_BYTES of UTF-8 (413 PAYLOAD_TOO_LARGE). */
  source: z.string().min(1, 'source is empty'),
  /** sample: the sample tests only (the "run the samples" button); full: every test. */
  mode: SubmissionMode,
  /** The relay game room this was submitted from, for the relay to find its submissions. */
  roomId: z.string().min(1).max(100).optional(),
});
export type CreateSubmissionRequest = z.infer<typeof CreateSubmissionRequest>;

export const JobAccepted = z.object({ id: z.uuid(), status: z.literal('queued') });
export type JobAccepted = z.infer<typeof JobAccepted>;

/** One test's result. `message` is shown for sample tests only: on hidden ones it could leak them. */
export const SubmissionTestResult = TestOutcome.extend({ sample: z.boolean() });
export type SubmissionTestResult = z.infer<typeof SubmissionTestResult>;

export const SubmissionView = z.object({
  id: z.uuid(),
  userId: z.string(),
  problem: z.object({ id: z.uuid(), slug: z.string(), title: LocalizedText }),
  language: Language,
  mode: SubmissionMode,
  roomId: z.string().nullable(),
  status: JobStatus,
  /** Null until done. */
  verdict: Verdict.nullable(),
  /** How many tests the submission runs. */
  testCount: z.number().int().nonnegative(),
  /** Finished tests so far, in test order. */
  tests: z.array(SubmissionTestResult),
  compileOutput: z.string().nullable(),
  /** The slowest test and the most memory of any test. */
  timeMs: z.number().int().nullable(),
  memoryKb: z.number().int().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Only in `GET /api/submissions/:id`. */
  source: z.string().optional(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

export const SubmissionListQuery = z.object({
  /** `1`: the caller's own submissions (always so for non-admins). */
  mine: z.enum(['1', 'true', '0', 'false']).optional(),
  problem: z.string().max(64).optional(),
  roomId: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: Limit.default(20),
});
export type SubmissionListQuery = z.infer<typeof SubmissionListQuery>;

export const SubmissionList = z.object({
  items: z.array(SubmissionView.omit({ source: true, tests: true })),
  nextCursor: z.string().nullable(),
});
export type SubmissionList = z.infer<typeof SubmissionList>;

/**
 * Server-Sent Events of `GET /api/submissions/:id/events`, by SSE event name. `snapshot` comes first,
 * then `compile` (once), a `test` per finished test (each once), and `final` last, after which the
 * server closes the stream: a client should close its EventSource on `final`, or it reconnects.
 */
export const SubmissionStreamEvent = {
  snapshot: SubmissionView.omit({ source: true, tests: true }),
  compile: z.object({ ok: z.boolean(), output: z.string() }),
  test: SubmissionTestResult,
  final: SubmissionView.omit({ source: true }),
} as const;

export const CreateRunRequest = z.object({
  language: z.string().min(1).max(32),
  /** At most MAX_SOURCE_BYTES of UTF-8. */
  source: z.string().min(1, 'source is empty'),
  /** At most MAX_STDIN_BYTES of UTF-8. */
  stdin: z.string().default(''),
});
export type CreateRunRequest = z.infer<typeof CreateRunRequest>;

export const RunWaitQuery = z.object({
  /** Seconds to hold the request for the result; capped at MAX_RUN_WAIT_SECONDS. */
  wait: z.coerce.number().min(0).default(0),
});

/** A run's outcome, in the shape of Judge0's and Piston's run APIs. */
export const RunResult = z.object({
  id: z.uuid(),
  status: JobStatus,
  /** ACCEPTED when the program ran and exited 0; RUNTIME_ERROR, TIME_LIMIT_EXCEEDED… otherwise. */
  verdict: Verdict.nullable(),
  /** Display texts: invalid UTF-8 shown as U+FFFD, NUL as U+2400 `␀` (docs/compile.md "Output bytes"). */
  stdout: z.string().nullable(),
  stderr: z.string().nullable(),
  /** The exact bytes (base64) when `stdout`/`stderr` is not exactly them ("binary output"), else null. */
  stdoutBase64: z.string().nullable(),
  stderrBase64: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** Output past the worker's cap was cut. */
  truncated: z.boolean(),
  timeMs: z.number().int().nullable(),
  memoryKb: z.number().int().nullable(),
  compileOutput: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunResult = z.infer<typeof RunResult>;

// ---------------------------------------------------------------- administration (role ADMIN)

/** A problem's description, as in a catalogue folder's problem.json plus its Markdown files. */
export const ProblemInput = z.object({
  slug: ProblemSlug,
  difficulty: Difficulty,
  tags: z.array(Tag).max(20).default([]),
  timeLimitMs: z.number().int().min(100).max(20_000),
  memoryLimitMb: z.number().int().min(16).max(2048),
  checker: Checker.default({ type: 'exact' }),
  /** Languages accepted; all when omitted. */
  languages: z.array(Language).min(1).optional(),
  texts: z.object({ ko: ProblemTexts, en: ProblemTexts }),
  starterCode: z.partialRecord(Language, z.string().max(MAX_SOURCE_BYTES)).default({}),
});
export type ProblemInput = z.infer<typeof ProblemInput>;

export const TestCaseInput = z.object({
  input: z.string(),
  output: z.string(),
  sample: z.boolean().default(false),
});
export type TestCaseInput = z.infer<typeof TestCaseInput>;

/** A test as an administrator sees it: contents are fetched one test at a time. */
export const TestCaseSummary = z.object({
  name: z.string(),
  sample: z.boolean(),
  inputBytes: z.number().int(),
  outputBytes: z.number().int(),
});
export type TestCaseSummary = z.infer<typeof TestCaseSummary>;

export const TestCaseList = z.object({ items: z.array(TestCaseSummary) });
export type TestCaseList = z.infer<typeof TestCaseList>;

/**
 * A problem folder as JSON: paths relative to the folder (problem.json, ko/statement.md,
 * tests/01.in…) to contents. `encoding` applies to every file; base64 carries any byte.
 */
export const ProblemFolderJson = z.object({
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  files: z.record(z.string().min(1).max(200), z.string()),
});
export type ProblemFolderJson = z.infer<typeof ProblemFolderJson>;

export const ImportResult = z.object({
  problem: ProblemSummary,
  /** created, updated, or unchanged when the folder is what is stored already. */
  outcome: z.enum(['created', 'updated', 'unchanged']),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const DictationInput = z.object({
  language: Language,
  algorithm: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(64),
  title: LocalizedText,
  explanation: LocalizedText,
  code: z.string().min(1).max(MAX_SOURCE_BYTES),
});
export type DictationInput = z.infer<typeof DictationInput>;

// ---------------------------------------------------------------- problem packages (Kattis format)

/** One submission of a package as verification ran it. */
export const PackageSubmissionCheck = z.object({
  path: z.string(),
  language: Language,
  /** The verdict its folder promises; REJECTED is any verdict but ACCEPTED. */
  expected: z.enum(['ACCEPTED', 'WRONG_ANSWER', 'TIME_LIMIT_EXCEEDED', 'RUNTIME_ERROR', 'REJECTED']),
  verdict: Verdict,
  /** The slowest test's time, and the limit it ran under. */
  timeMs: z.number().int().nonnegative(),
  limitMs: z.number().int().positive(),
  ok: z.boolean(),
  message: z.string().optional(),
});

/** What verifying a package's submissions found, as `verifyproblem` would. */
export const VerificationReport = z.object({
  ok: z.boolean(),
  timeLimitMs: z.number().int().positive(),
  timeLimitSource: z.enum(['package', 'slowest-accepted']),
  submissions: z.array(PackageSubmissionCheck),
  /** Every reason the package is refused, each naming its file. */
  failures: z.array(z.object({ file: z.string(), message: z.string() })),
  notes: z.array(z.string()),
});
export type VerificationReport = z.infer<typeof VerificationReport>;

export const PackageImportResult = ImportResult.extend({ report: VerificationReport });
export type PackageImportResult = z.infer<typeof PackageImportResult>;
