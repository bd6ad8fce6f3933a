import {
  internalErrorFinal,
  outputText,
  safeText,
  wallLimitMs,
  type Checker,
  type GradingFinal,
  type GradingJob,
  type Language,
  type TestOutcome,
} from '@corazy/contracts';
import type { GradingQueue, JobDelivery, Subscription } from '@corazy/grading-queue';
import {
  grade,
  type CheckerSpec,
  type GradeResult,
  type LanguageId,
  type Sandbox,
  type TestResult,
} from '@corazy/sandbox';
import type { Logger } from '@corazy/service-kit';
import type { WorkerMetrics } from './metrics.js';
import { ProgressBatcher } from './progress-batcher.js';

export interface GradingWorkerOptions {
  queue: GradingQueue;
  sandbox: Sandbox;
  metrics: WorkerMetrics;
  logger: Logger;
  concurrency: number;
  progressIntervalMs: number;
}

/** Thrown to hand a job back to the queue for another try (another worker, or this one later). */
class RetryableGradingFailure extends Error {}

/**
 * Takes jobs, grades them, and publishes the results. A job is acknowledged only after its final
 * result is confirmed by the broker, so a worker that dies mid-job loses nothing: the broker hands
 * the job to another worker. A job whose grading itself fails (the sandbox broke, not the user's
 * code) is handed back too; after three deliveries it is dead-lettered and answered INTERNAL_ERROR.
 */
export class GradingWorker {
  private subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: GradingWorkerOptions) {}

  get busy(): number {
    return this.inFlight.size;
  }

  async start(): Promise<void> {
    const { queue, concurrency, logger, metrics } = this.options;
    this.subscriptions = [
      await queue.consumeJobs((delivery) => this.track(this.handle(delivery)), {
        prefetch: concurrency,
        onMalformed: async (jobId, reason) => {
          logger.warn({ jobId, reason }, 'malformed job');
          if (jobId)
            await queue.publishFinal(internalErrorFinal(jobId, `the job was malformed: ${reason}`, 1));
        },
      }),
      await queue.consumeDeadJobs(async (job) => {
        metrics.deadLetters.inc();
        metrics.jobs.inc({ verdict: 'INTERNAL_ERROR', language: job.language, kind: job.kind });
        logger.error({ jobId: job.jobId }, 'job failed every delivery; answering INTERNAL_ERROR');
        await queue.publishFinal(
          internalErrorFinal(job.jobId, 'grading failed repeatedly; please submit again', 3),
        );
      }),
    ];
  }

  /** Stops taking jobs and waits for the ones in hand; past `graceMs` they are left to the broker. */
  async stop(graceMs: number): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.cancel();
    const finished = Promise.allSettled([...this.inFlight]);
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), graceMs).unref()),
    ]);
    if (timedOut)
      this.options.logger.warn(
        { jobs: this.inFlight.size },
        'jobs still running at shutdown; the broker will redeliver them',
      );
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    this.options.metrics.inFlight.set(this.inFlight.size);
    return work.finally(() => {
      this.inFlight.delete(work);
      this.options.metrics.inFlight.set(this.inFlight.size);
    });
  }

  private async handle({ job, attempt }: JobDelivery): Promise<void> {
    const { queue, sandbox, metrics, logger, progressIntervalMs } = this.options;
    const log = logger.child({ jobId: job.jobId, attempt });
    const started = Date.now();
    metrics.queueWait.observe(Math.max(0, started - Date.parse(job.enqueuedAt)) / 1000);

    const progress = new ProgressBatcher(job.jobId, progressIntervalMs, (event) =>
      queue.publishProgress(event),
    );
    const isRun = job.kind === 'run';
    const result = await grade(
      sandbox,
      {
        language: SANDBOX_LANGUAGE[job.language],
        source: job.source,
        tests: job.tests,
        limits: { ...job.limits, wallMs: wallLimitMs(job.limits.timeMs) },
        checker: sandboxChecker(job.checker),
        stopOnFirstFailure: job.stopOnFirstFailure,
        captureOutput: isRun,
      },
      (test) => progress.add(outcomeOf(test)),
    );
    await progress.close();

    if (result.verdict === 'INTERNAL_ERROR') {
      metrics.attempts.inc();
      log.error({ message: result.message }, 'grading failed; handing the job back');
      throw new RetryableGradingFailure(result.message ?? 'grading failed');
    }
    const final = finalOf(job, result, attempt, isRun);
    await queue.publishFinal(final);
    this.record(job, result, final, Date.now() - started);
    log.info({ verdict: final.verdict, ms: Date.now() - started }, 'graded');
  }

  private record(job: GradingJob, result: GradeResult, final: GradingFinal, elapsedMs: number) {
    const { metrics } = this.options;
    metrics.jobs.inc({ verdict: final.verdict, language: job.language, kind: job.kind });
    metrics.jobDuration.observe({ language: job.language }, elapsedMs / 1000);
    if (result.compile)
      metrics.compileDuration.observe({ language: job.language }, result.compile.wallMs / 1000);
    let inside = result.compile?.wallMs ?? 0;
    for (const test of result.tests) {
      metrics.testDuration.observe({ language: job.language }, test.wallMs / 1000);
      inside += test.wallMs;
      const limit = LIMIT_OF_VERDICT[test.verdict];
      if (limit) metrics.limitHits.inc({ limit });
    }
    const runs = result.tests.length + (result.compile ? 1 : 0);
    if (runs > 0) metrics.sandboxOverhead.observe(Math.max(0, elapsedMs - inside) / runs / 1000);
  }
}

/** The wire names of languages and checkers, in the sandbox's vocabulary. */
const SANDBOX_LANGUAGE: Record<Language, LanguageId> = {
  python: 'python3',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  javascript: 'javascript',
};

function sandboxChecker(checker: Checker | null): CheckerSpec | null {
  if (checker === null) return null;
  return checker.type === 'float'
    ? { kind: 'float', absoluteError: checker.absError, relativeError: checker.relError }
    : { kind: checker.type };
}

const LIMIT_OF_VERDICT: Partial<Record<TestResult['verdict'], string>> = {
  TIME_LIMIT_EXCEEDED: 'time',
  MEMORY_LIMIT_EXCEEDED: 'memory',
  OUTPUT_LIMIT_EXCEEDED: 'output',
};

function outcomeOf(test: TestResult): TestOutcome {
  return {
    testId: test.testId,
    verdict: test.verdict,
    timeMs: Math.round(test.cpuMs),
    wallMs: Math.round(test.wallMs),
    memoryKb: Math.round(test.memoryBytes / 1024),
    ...(test.message !== undefined && { message: safeText(test.message) }),
  };
}

function finalOf(job: GradingJob, result: GradeResult, attempt: number, isRun: boolean): GradingFinal {
  const tests = result.tests.map(outcomeOf);
  const firstFailure = tests.find((test) => test.verdict !== 'ACCEPTED');
  const verdict =
    result.verdict === 'COMPILE_ERROR' ? 'COMPILE_ERROR' : (firstFailure?.verdict ?? 'ACCEPTED');
  const output = isRun ? result.tests[0]?.output : undefined;
  const stdout = outputText(output?.stdout ?? new Uint8Array());
  const stderr = outputText(output?.stderr ?? new Uint8Array());
  return {
    type: 'final',
    jobId: job.jobId,
    verdict,
    compileOutput: result.compile ? safeText(result.compile.message) : null,
    tests,
    skipped: result.skipped,
    timeMs: Math.round(result.maxCpuMs),
    wallMs: Math.round(result.maxWallMs),
    memoryKb: Math.round(result.maxMemoryBytes / 1024),
    ...(isRun && {
      run: {
        stdout: stdout.text,
        stderr: stderr.text,
        ...(stdout.base64 !== undefined && { stdoutBase64: stdout.base64 }),
        ...(stderr.base64 !== undefined && { stderrBase64: stderr.base64 }),
        exitCode: result.tests[0]?.exitCode ?? null,
        truncated: output?.truncated ?? false,
      },
    }),
    ...(firstFailure?.message !== undefined && {
      message: `test ${firstFailure.testId}: ${firstFailure.message}`,
    }),
    attempt,
    finishedAt: new Date().toISOString(),
  };
}
