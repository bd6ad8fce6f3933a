import type { GradingJob } from '@corazy/contracts';
import type { JobRepository, NewJob, ProblemRepository } from './ports.js';

/** What a job's message is made of. */
type JobToGrade = Pick<NewJob, 'id' | 'kind' | 'language' | 'source' | 'problemId' | 'stdin' | 'testPlan'>;

/** The test id of a run's single test: the user's stdin. */
export const RUN_TEST_ID = 'stdin';

/** Limits of a run (no problem to take them from). */
export interface RunLimits {
  timeLimitMs: number;
  memoryLimitMb: number;
}

/**
 * The message the workers get for a stored job, built when it is dispatched rather than stored with
 * the job: test data stays in one place, and a job enqueued again later carries the same tests by name.
 */
export class JobMessages {
  constructor(
    private readonly problems: ProblemRepository,
    private readonly jobs: JobRepository,
    private readonly run: RunLimits,
  ) {}

  /** The message for a stored job, or why there is none to send. */
  async forJob(jobId: string): Promise<GradingJob | 'done' | 'gone'> {
    const record = await this.jobs.find(jobId);
    if (!record) return 'gone';
    if (record.status === 'done') return 'done';
    return this.message({ ...record, problemId: record.problem?.id, stdin: record.stdin ?? undefined });
  }

  private async message(job: JobToGrade): Promise<GradingJob | 'gone'> {
    const base = {
      jobId: job.id,
      kind: job.kind,
      language: job.language,
      source: job.source,
      stopOnFirstFailure: false,
      enqueuedAt: new Date().toISOString(),
    };
    if (job.kind === 'run') {
      return {
        ...base,
        tests: [{ id: RUN_TEST_ID, input: job.stdin ?? '', expected: '' }],
        limits: { timeMs: this.run.timeLimitMs, memoryMb: this.run.memoryLimitMb },
        // Nothing to compare with: the output is captured, not checked.
        checker: null,
      };
    }
    const problem = job.problemId && (await this.problems.find(job.problemId));
    if (!problem) return 'gone';
    const contents = await this.problems.readTests(
      problem.id,
      job.testPlan.map((test) => test.id),
    );
    if (contents.length === 0) return 'gone';
    return {
      ...base,
      tests: contents.map((test) => ({
        id: test.name,
        input: test.input.toString('utf8'),
        expected: test.output.toString('utf8'),
      })),
      limits: { timeMs: problem.timeLimitMs, memoryMb: problem.memoryLimitMb },
      checker: problem.checker,
    };
  }
}
