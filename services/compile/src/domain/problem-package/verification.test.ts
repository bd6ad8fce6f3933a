import { describe, expect, it } from 'vitest';
import type { GradingFinal, GradingJob, Verdict } from '@corazy/contracts';
import { readKattisPackage } from './kattis-package.js';
import { verifyPackage, type Grader } from './verification.js';

/**
 * The rules of verification, with a grader scripted per submission (the real pipeline is exercised in
 * services/compile-worker/src/problem-packages.test.ts): which limits each run gets, how the time limit
 * is found, and which verdicts count as the folder's promise.
 */

const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([path, text]) => [path, Buffer.from(text)]));

const basePackage = (yaml: string, submissions: Record<string, string>) =>
  readKattisPackage(
    files({
      'problem.yaml': yaml,
      // The statement where either version looks for it; the other copy is just another file.
      'statement/problem.en.md': 'S\n\n## Input\n\nI\n\n## Output\n\nO\n',
      'problem_statement/problem.en.md': 'S\n\n## Input\n\nI\n\n## Output\n\nO\n',
      'data/secret/1.in': '1\n',
      'data/secret/1.ans': '1\n',
      ...submissions,
    }),
    'scripted',
  );

/** Each submission, recognised by its source, ends with this verdict after this many ms per test. */
function scripted(outcomes: Record<string, [Verdict, number]>) {
  const jobs: GradingJob[] = [];
  const grader: Grader = {
    grade(job) {
      jobs.push(job);
      const [verdict, timeMs] = outcomes[job.source]!;
      const final: GradingFinal = {
        type: 'final',
        jobId: job.jobId,
        verdict,
        compileOutput: verdict === 'COMPILE_ERROR' ? 'error: expected ;' : null,
        tests: verdict === 'COMPILE_ERROR' ? [] : [{ testId: '1', verdict, timeMs, memoryKb: 1000 }],
        skipped: 0,
        timeMs,
        memoryKb: 1000,
        attempt: 1,
        finishedAt: new Date().toISOString(),
      };
      return Promise.resolve(final);
    },
  };
  return { grader, jobs };
}

const LEGACY = 'name: Scripted\n';
const MODERN_FIXED = 'problem_format_version: 2023-07-draft\nname: Scripted\nlimits:\n  time_limit: 1\n';

describe('verifying a package', () => {
  it('finds the limit from the slowest accepted run × the multiplier, rounded up to whole seconds', async () => {
    const pkg = basePackage(LEGACY, {
      'submissions/accepted/a.py': 'fast',
      'submissions/accepted/b.py': 'slow',
      'submissions/time_limit_exceeded/t.py': 'loop',
    });
    const { grader, jobs } = scripted({
      fast: ['ACCEPTED', 40],
      slow: ['ACCEPTED', 310],
      loop: ['TIME_LIMIT_EXCEEDED', 4000],
    });
    const report = await verifyPackage(pkg, grader);
    // 310 ms × 5 (legacy default) = 1550 ms → 2 s.
    expect(report).toMatchObject({ ok: true, timeLimitMs: 2000, timeLimitSource: 'slowest-accepted' });
    // Accepted ones run with room to be measured; the TLE one with the safety margin (× 2).
    expect(jobs.map((job) => [job.source, job.limits.timeMs])).toEqual([
      ['fast', 20_000],
      ['slow', 20_000],
      ['loop', 4000],
    ]);
  });

  it('keeps a fixed limit, and notes when the accepted runs leave it too little margin', async () => {
    const pkg = basePackage(MODERN_FIXED, { 'submissions/accepted/a.py': 'close' });
    const report = await verifyPackage(pkg, scripted({ close: ['ACCEPTED', 700] }).grader);
    expect(report).toMatchObject({ ok: true, timeLimitMs: 1000, timeLimitSource: 'package' });
    expect(report.notes).toEqual([expect.stringContaining('700 ms × 2') as unknown]);
  });

  it('names every submission that does not end as its folder promises', async () => {
    const pkg = basePackage(LEGACY, {
      'submissions/accepted/a.py': 'right',
      'submissions/accepted/b.c': 'broken',
      'submissions/wrong_answer/w.py': 'sneaky',
      'submissions/run_time_error/r.py': 'crash',
      'submissions/run_time_error/m.cpp': 'hog',
    });
    const report = await verifyPackage(
      pkg,
      scripted({
        right: ['ACCEPTED', 10],
        broken: ['COMPILE_ERROR', 0],
        sneaky: ['ACCEPTED', 10],
        crash: ['RUNTIME_ERROR', 10],
        hog: ['MEMORY_LIMIT_EXCEEDED', 10],
      }).grader,
    );
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      {
        file: 'submissions/accepted/b.c',
        message: 'expected ACCEPTED, got COMPILE_ERROR: error: expected ;',
      },
      { file: 'submissions/wrong_answer/w.py', message: 'expected WRONG_ANSWER, got ACCEPTED' },
    ]);
  });

  it('does not count a compile error as the failure a rejected submission promises', async () => {
    const pkg = basePackage(MODERN_FIXED, {
      'submissions/accepted/a.py': 'right',
      'submissions/rejected/x.py': 'typo',
    });
    const report = await verifyPackage(
      pkg,
      scripted({ right: ['ACCEPTED', 10], typo: ['COMPILE_ERROR', 0] }).grader,
    );
    expect(report.failures.map((failure) => failure.file)).toEqual(['submissions/rejected/x.py']);
  });

  it('refuses a package whose accepted runs need more than the longest limit a test may have', async () => {
    const pkg = basePackage(LEGACY, { 'submissions/accepted/a.py': 'crawl' });
    const report = await verifyPackage(pkg, scripted({ crawl: ['ACCEPTED', 9000] }).grader);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      { file: 'submissions/accepted/a.py', message: expect.stringContaining('over the 20000 ms') as unknown },
    ]);
  });
});
