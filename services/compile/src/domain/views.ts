import type { RunResult, SubmissionTestResult, SubmissionView } from '@corazy/contracts';
import type { JobRecord } from './ports.js';

/** How stored jobs look on the wire. */

export interface ViewOptions {
  /** Checker messages of hidden tests name their expected output; only administrators see them. */
  revealHidden: boolean;
  includeSource?: boolean;
}

/** Finished tests in test order, each with whether it is a sample. */
export function testResults(record: JobRecord, options: ViewOptions): SubmissionTestResult[] {
  const results: SubmissionTestResult[] = [];
  for (const planned of record.testPlan) {
    const outcome = record.tests.get(planned.id);
    if (outcome) results.push(testResult(outcome, planned.sample, options));
  }
  return results;
}

export function testResult(
  outcome: NonNullable<ReturnType<JobRecord['tests']['get']>>,
  sample: boolean,
  options: ViewOptions,
): SubmissionTestResult {
  const { message, ...rest } = outcome;
  return sample || options.revealHidden ? { ...rest, message, sample } : { ...rest, sample };
}

export function submissionView(record: JobRecord, options: ViewOptions): SubmissionView {
  const view: SubmissionView = {
    ...submissionSummary(record),
    tests: testResults(record, options),
  };
  if (options.includeSource) view.source = record.source;
  return view;
}

export function submissionSummary(record: JobRecord): Omit<SubmissionView, 'tests' | 'source'> {
  if (!record.problem || !record.mode) throw new Error(`job ${record.id} is not a submission`);
  return {
    id: record.id,
    userId: record.userId,
    problem: record.problem,
    language: record.language,
    mode: record.mode,
    roomId: record.roomId,
    status: record.status,
    verdict: record.verdict,
    testCount: record.testPlan.length,
    compileOutput: record.compile?.output ?? null,
    timeMs: record.timeMs,
    memoryKb: record.memoryKb,
    message: record.message,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}

export function runResult(record: JobRecord): RunResult {
  return {
    id: record.id,
    status: record.status,
    verdict: record.verdict,
    stdout: record.runOutput?.stdout ?? null,
    stderr: record.runOutput?.stderr ?? null,
    stdoutBase64: record.runOutput?.stdoutBase64 ?? null,
    stderrBase64: record.runOutput?.stderrBase64 ?? null,
    exitCode: record.runOutput?.exitCode ?? null,
    truncated: record.runOutput?.truncated ?? false,
    timeMs: record.timeMs,
    memoryKb: record.memoryKb,
    compileOutput: record.compile?.output ?? null,
    message: record.message,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}
