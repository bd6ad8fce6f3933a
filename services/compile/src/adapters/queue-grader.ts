import { internalErrorFinal, type GradingFinal, type GradingJob } from '@corazy/contracts';
import type { GradingQueue, Subscription } from '@corazy/grading-queue';
import type { Grader } from '../domain/problem-package/verification.js';

/**
 * Grades through the real pipeline without storing a job: the job goes on the queue like any other,
 * and its final is picked from the live event fanout every replica watches. The result consumer
 * stores nothing for it (no job row has its id). A job with no final within `timeoutMs` (no worker,
 * a lost message) ends as INTERNAL_ERROR, so an import never hangs.
 */
export class QueueGrader implements Grader {
  private readonly waiting = new Map<string, (final: GradingFinal) => void>();
  private subscription: Promise<Subscription> | undefined;

  constructor(
    private readonly queue: GradingQueue,
    private readonly timeoutMs: number,
  ) {}

  async grade(job: GradingJob): Promise<GradingFinal> {
    this.subscription ??= this.queue.watchEvents((event) => {
      if (event.type === 'final') this.waiting.get(event.jobId)?.(event);
    });
    await this.subscription;
    const final = new Promise<GradingFinal>((resolve) => {
      const timer = setTimeout(
        () => finish(internalErrorFinal(job.jobId, `no result within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const finish = (result: GradingFinal) => {
        clearTimeout(timer);
        this.waiting.delete(job.jobId);
        resolve(result);
      };
      this.waiting.set(job.jobId, finish);
    });
    try {
      await this.queue.enqueue(job);
    } catch (error) {
      this.waiting.get(job.jobId)?.(internalErrorFinal(job.jobId, `not queued: ${(error as Error).message}`));
    }
    return final;
  }

  async stop(): Promise<void> {
    for (const [jobId, finish] of this.waiting) finish(internalErrorFinal(jobId, 'the service is stopping'));
    const subscription = await this.subscription;
    await subscription?.cancel();
  }
}
