import { z } from 'zod';

/**
 * Messages between the compile service and the compile workers, over RabbitMQ. Every text in them
 * that came from a program, a compiler or a checker is a display text (output.ts): no NUL, valid UTF-8.
 */

export const Language = z.enum(['python', 'java', 'c', 'cpp', 'javascript']);
export type Language = z.infer<typeof Language>;

export const Verdict = z.enum([
  'ACCEPTED',
  'WRONG_ANSWER',
  'TIME_LIMIT_EXCEEDED',
  'MEMORY_LIMIT_EXCEEDED',
  'OUTPUT_LIMIT_EXCEEDED',
  'RUNTIME_ERROR',
  'COMPILE_ERROR',
  'INTERNAL_ERROR',
]);
export type Verdict = z.infer<typeof Verdict>;

export const Checker = z.discriminatedUnion('type', [
  /** Equal after normalising line endings, trailing whitespace and trailing blank lines. */
  z.object({ type: z.literal('exact') }),
  /** Equal as whitespace-separated tokens. */
  z.object({ type: z.literal('tokens') }),
  /** Tokens equal, numbers within an absolute or relative error. */
  z.object({
    type: z.literal('float'),
    absError: z.number().nonnegative(),
    relError: z.number().nonnegative(),
  }),
]);
export type Checker = z.infer<typeof Checker>;

/**
 * The wall-clock limit of one test of a program with CPU limit `timeLimitMs`: one and a half times the CPU
 * limit plus half a second, for start-up and a loaded machine. Sleeping or waiting counts against it, so a
 * program cannot hold a grading slot much longer than a busy one could; reaching it is TIME_LIMIT_EXCEEDED.
 */
export function wallLimitMs(timeLimitMs: number): number {
  return Math.round(timeLimitMs * 1.5) + 500;
}

const TestCase = z.object({ id: z.string().min(1).max(64), input: z.string(), expected: z.string() });

/**
 * A submission to grade against tests, or a run with the user's own input (one test, no expected
 * output, and the program's output sent back).
 */
export const GradingJob = z.object({
  jobId: z.uuid(),
  kind: z.enum(['submission', 'run']),
  language: Language,
  source: z.string().max(64 * 1024),
  tests: z.array(TestCase).min(1).max(500),
  limits: z.object({
    timeMs: z.number().int().min(100).max(20_000),
    memoryMb: z.number().int().min(16).max(2048),
  }),
  /** null: nothing to check (a run): the output is captured, and a normal end is ACCEPTED. */
  checker: Checker.nullable().default({ type: 'exact' }),
  stopOnFirstFailure: z.boolean().default(false),
  enqueuedAt: z.iso.datetime(),
});
export type GradingJob = z.infer<typeof GradingJob>;
export type GradingJobInput = z.input<typeof GradingJob>;

export const TestOutcome = z.object({
  testId: z.string(),
  verdict: Verdict,
  /** CPU time. */
  timeMs: z.number().int().nonnegative(),
  /** Wall-clock time, sleeping and waiting included; absent from workers that predate it. */
  wallMs: z.number().int().nonnegative().optional(),
  memoryKb: z.number().int().nonnegative(),
  /** The checker's first difference or the runtime error, safe to show. */
  message: z.string().optional(),
});
export type TestOutcome = z.infer<typeof TestOutcome>;

/** Per-test results as they finish, batched (at most ~250 ms apart). Best effort: the final repeats them. */
export const GradingProgress = z.object({
  type: z.literal('progress'),
  jobId: z.uuid(),
  /** Increases with each progress message of a job, so a consumer can drop stale or repeated ones. */
  seq: z.number().int().nonnegative(),
  compiled: z.object({ ok: z.boolean(), output: z.string() }).optional(),
  tests: z.array(TestOutcome),
});
export type GradingProgress = z.infer<typeof GradingProgress>;

/** Exactly what the job came to. Published with confirms before the job is acknowledged. */
export const GradingFinal = z.object({
  type: z.literal('final'),
  jobId: z.uuid(),
  verdict: Verdict,
  compileOutput: z.string().nullable(),
  tests: z.array(TestOutcome),
  skipped: z.number().int().nonnegative(),
  /** The most CPU time and the most wall-clock time of any test (each its own test's). */
  timeMs: z.number().int().nonnegative(),
  wallMs: z.number().int().nonnegative().optional(),
  memoryKb: z.number().int().nonnegative(),
  /**
   * For runs: what the program printed (capped), and how it ended. `stdout`/`stderr` are display
   * texts, with the exact bytes beside them when those are not text (output.ts, `outputText`).
   */
  run: z
    .object({
      stdout: z.string(),
      stderr: z.string(),
      stdoutBase64: z.base64().optional(),
      stderrBase64: z.base64().optional(),
      exitCode: z.number().int().nullable(),
      truncated: z.boolean(),
    })
    .optional(),
  message: z.string().optional(),
  /** Which delivery of the job produced this (1 = first try). */
  attempt: z.number().int().positive(),
  finishedAt: z.iso.datetime(),
});
export type GradingFinal = z.infer<typeof GradingFinal>;

export const GradingEvent = z.discriminatedUnion('type', [GradingProgress, GradingFinal]);
export type GradingEvent = z.infer<typeof GradingEvent>;

/**
 * The final result of a job that no grader will ever finish (malformed, failed every delivery, stuck
 * past its retries): INTERNAL_ERROR, so that nobody waits forever.
 */
export function internalErrorFinal(jobId: string, message: string, attempt = 1): GradingFinal {
  return {
    type: 'final',
    jobId,
    verdict: 'INTERNAL_ERROR',
    compileOutput: null,
    tests: [],
    skipped: 0,
    timeMs: 0,
    wallMs: 0,
    memoryKb: 0,
    message,
    attempt,
    finishedAt: new Date().toISOString(),
  };
}
