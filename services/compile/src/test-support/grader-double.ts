import type { GradingFinal, GradingJob, TestOutcome, Verdict } from '@corazy/contracts';
import {
  connectRabbitQueue,
  type GradingQueue,
  type JobDelivery,
  type Subscription,
} from '@corazy/grading-queue';

/**
 * The worker's side of the queue, driven by a test: jobs are taken (and acknowledged) as they come,
 * and the test decides which progress and final results to publish for them. A stand-in for
 * services/compile-worker in this service's own tests only; end-to-end tests use the real worker.
 */
export class GraderDouble {
  private readonly deliveries: JobDelivery[] = [];
  private readonly waiters: (() => void)[] = [];
  private subscription: Subscription | undefined;

  private constructor(
    readonly queue: GradingQueue,
    private readonly ownsQueue: boolean,
  ) {}

  /** On RabbitMQ in `namespace`, over its own connection (as a worker pod would be). */
  static async onRabbit(amqpUrl: string, namespace: string): Promise<GraderDouble> {
    return new GraderDouble(await connectRabbitQueue(amqpUrl, { namespace }), true).start();
  }

  /** On an in-process queue shared with the service. */
  static async onQueue(queue: GradingQueue): Promise<GraderDouble> {
    return new GraderDouble(queue, false).start();
  }

  private async start() {
    this.subscription = await this.queue.consumeJobs(
      async (delivery) => {
        this.deliveries.push(delivery);
        for (const wake of this.waiters.splice(0)) wake();
      },
      { prefetch: 16, onMalformed: async () => {} },
    );
    return this;
  }

  /** Every delivery so far, redeliveries included. */
  get received(): readonly JobDelivery[] {
    return this.deliveries;
  }

  /** The next delivery of `jobId` (or of any job), waiting for it up to `timeoutMs`. */
  async take(jobId?: string, timeoutMs = 10_000): Promise<JobDelivery> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.deliveries.findIndex((delivery) => !jobId || delivery.job.jobId === jobId);
      if (index >= 0) return this.deliveries.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no job ${jobId ?? ''} was delivered within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  async progress(
    job: GradingJob,
    seq: number,
    tests: TestOutcome[],
    compiled?: { ok: boolean; output: string },
  ) {
    await this.queue.publishProgress({ type: 'progress', jobId: job.jobId, seq, tests, compiled });
  }

  async final(job: GradingJob, overrides: Partial<GradingFinal> = {}): Promise<GradingFinal> {
    const tests = overrides.tests ?? job.tests.map((test) => outcome(test.id));
    const final: GradingFinal = {
      type: 'final',
      jobId: job.jobId,
      verdict: tests.find((test) => test.verdict !== 'ACCEPTED')?.verdict ?? 'ACCEPTED',
      compileOutput: '',
      tests,
      skipped: 0,
      timeMs: Math.max(0, ...tests.map((test) => test.timeMs)),
      memoryKb: Math.max(0, ...tests.map((test) => test.memoryKb)),
      attempt: 1,
      finishedAt: new Date().toISOString(),
      ...overrides,
    };
    await this.queue.publishFinal(final);
    return final;
  }

  async close() {
    await this.subscription?.cancel();
    if (this.ownsQueue) await this.queue.close();
  }
}

export const outcome = (testId: string, verdict: Verdict = 'ACCEPTED', timeMs = 12): TestOutcome => ({
  testId,
  verdict,
  timeMs,
  memoryKb: 2048,
  ...(verdict === 'WRONG_ANSWER' && { message: `line 1: expected '42', got '41'` }),
});
