import { randomUUID } from 'node:crypto';
import type { GradingFinal, GradingJob, Verdict, VerificationReport } from '@corazy/contracts';
import type { ExpectedOutcome, KattisPackage, PackageSubmission } from './kattis-package.js';
import { MAX_TIME_LIMIT_MS } from './kattis-package.js';

/** Grades one job through the real pipeline (queue, worker, sandbox) and resolves with its final. */
export interface Grader {
  grade(job: GradingJob): Promise<GradingFinal>;
}

type SubmissionCheck = VerificationReport['submissions'][number];

/** Verdicts a `run_time_error` submission may end with: problemtools counts memory as a run-time error. */
const RUNTIME_VERDICTS: readonly Verdict[] = [
  'RUNTIME_ERROR',
  'MEMORY_LIMIT_EXCEEDED',
  'OUTPUT_LIMIT_EXCEEDED',
];

/**
 * What `verifyproblem` checks of a package's submissions: every accepted one passes every test; the
 * time limit is the package's, or the slowest accepted run × `ac_to_time_limit`, rounded up to the
 * time resolution; then every other submission, run under that limit (time-limit-exceeded ones under
 * `time_limit_to_tle` times it, so they are clearly too slow), ends with the verdict its folder names.
 */
export async function verifyPackage(pkg: KattisPackage, grader: Grader): Promise<VerificationReport> {
  const { definition, timeLimit } = pkg;
  const { acToTimeLimit, timeLimitToTle } = pkg.timeMultipliers;
  const failures: VerificationReport['failures'] = [];
  const tests = definition.tests.map((test) => ({
    id: test.name,
    input: test.input.toString('utf8'),
    expected: test.output.toString('utf8'),
  }));
  const run = async (submission: PackageSubmission, limitMs: number, stopOnFirstFailure: boolean) => {
    const final = await grader.grade({
      jobId: randomUUID(),
      kind: 'submission',
      language: submission.language,
      source: submission.source,
      tests,
      limits: { timeMs: limitMs, memoryMb: definition.input.memoryLimitMb },
      checker: definition.input.checker,
      stopOnFirstFailure,
      enqueuedAt: new Date().toISOString(),
    });
    const timeMs = Math.max(0, ...final.tests.map((test) => test.timeMs));
    const failed = final.tests.find((test) => test.verdict !== 'ACCEPTED');
    const message =
      final.verdict === 'COMPILE_ERROR'
        ? (final.compileOutput ?? undefined)
        : failed && `test ${failed.testId}: ${failed.verdict}${failed.message ? ` (${failed.message})` : ''}`;
    return { final, timeMs, message };
  };

  const checks: SubmissionCheck[] = [];
  const accepted = pkg.submissions.filter((submission) => submission.expected === 'ACCEPTED');
  const others = pkg.submissions.filter((submission) => submission.expected !== 'ACCEPTED');
  const firstLimit = timeLimit.kind === 'fixed' ? timeLimit.ms : MAX_TIME_LIMIT_MS;
  const acceptedRuns = await Promise.all(accepted.map((submission) => run(submission, firstLimit, true)));
  accepted.forEach((submission, index) => {
    const { final, timeMs, message } = acceptedRuns[index]!;
    const ok = final.verdict === 'ACCEPTED';
    checks.push({
      ...describe(submission),
      verdict: final.verdict,
      timeMs,
      limitMs: firstLimit,
      ok,
      ...(message && { message }),
    });
    if (!ok)
      failures.push({
        file: submission.path,
        message: `expected ACCEPTED, got ${final.verdict}${message ? `: ${message}` : ''}`,
      });
  });

  // The slowest accepted run, with its margin, is the limit; a package's own limit that is tighter is
  // noted, as problemtools warns (the accepted runs have passed under it already).
  const slowestIndex = acceptedRuns.reduce(
    (best, result, index) => (result.timeMs > acceptedRuns[best]!.timeMs ? index : best),
    0,
  );
  const slowest = Math.max(1, acceptedRuns[slowestIndex]?.timeMs ?? 0);
  const slowestPath = accepted[slowestIndex]?.path ?? 'submissions/accepted';
  const needed = slowest * acToTimeLimit;
  const notes = [...pkg.notes];
  let timeLimitMs = firstLimit;
  if (timeLimit.kind === 'from-accepted') {
    const resolution = timeLimit.resolutionMs;
    timeLimitMs = Math.ceil(needed / resolution) * resolution;
    if (timeLimitMs > MAX_TIME_LIMIT_MS) {
      failures.push({
        file: slowestPath,
        message: `${slowest} ms × ${acToTimeLimit} makes a time limit over the ${MAX_TIME_LIMIT_MS} ms a test may have`,
      });
      timeLimitMs = MAX_TIME_LIMIT_MS;
    }
  } else if (needed > timeLimitMs)
    notes.push(
      `${slowestPath}: ${slowest} ms × ${acToTimeLimit} is more than the package's ${timeLimitMs} ms time limit`,
    );

  const otherRuns = await Promise.all(
    others.map((submission) => {
      const limitMs =
        submission.expected === 'TIME_LIMIT_EXCEEDED'
          ? Math.min(MAX_TIME_LIMIT_MS, Math.ceil(timeLimitMs * timeLimitToTle))
          : timeLimitMs;
      return run(submission, limitMs, true).then((result) => ({ ...result, limitMs }));
    }),
  );
  others.forEach((submission, index) => {
    const { final, timeMs, message, limitMs } = otherRuns[index]!;
    const ok = matches(submission.expected, final.verdict);
    checks.push({
      ...describe(submission),
      verdict: final.verdict,
      timeMs,
      limitMs,
      ok,
      ...(message && { message }),
    });
    if (!ok)
      failures.push({
        file: submission.path,
        message: `expected ${submission.expected === 'REJECTED' ? 'any verdict but ACCEPTED' : submission.expected}, got ${final.verdict}${message ? `: ${message}` : ''}`,
      });
  });

  return {
    ok: failures.length === 0,
    timeLimitMs,
    timeLimitSource: timeLimit.kind === 'fixed' ? 'package' : 'slowest-accepted',
    submissions: checks,
    failures,
    notes,
  };
}

function matches(expected: ExpectedOutcome, verdict: Verdict): boolean {
  // A submission that does not compile, or that the grader could not judge, proves nothing.
  if (verdict === 'COMPILE_ERROR' || verdict === 'INTERNAL_ERROR') return false;
  if (expected === 'REJECTED') return verdict !== 'ACCEPTED';
  if (expected === 'RUNTIME_ERROR') return RUNTIME_VERDICTS.includes(verdict);
  return verdict === expected;
}

const describe = (submission: PackageSubmission) => ({
  path: submission.path,
  language: submission.language,
  expected: submission.expected,
});
