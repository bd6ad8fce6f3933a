import type { GradingProgress, TestOutcome } from '@corazy/contracts';

/**
 * Collects per-test outcomes and sends them in batches: the first outcome starts a timer, and
 * everything gathered by then goes out together, so a 100-test job makes a handful of messages,
 * not a hundred, while no result waits longer than the interval (or than the final, which carries
 * them all).
 */
export class ProgressBatcher {
  private pending: TestOutcome[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly jobId: string,
    private readonly intervalMs: number,
    private readonly send: (progress: GradingProgress) => Promise<void>,
  ) {}

  add(outcome: TestOutcome): void {
    this.pending.push(outcome);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /**
   * Ends batching just before the final, which repeats every outcome: what is still pending is
   * dropped rather than sent a moment ahead of it (a message, and a write at the compile service,
   * fewer per job). Resolves once the batches already sent have been handed over, so that they stay
   * ahead of the final.
   */
  close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    return this.sending;
  }

  private flush(): void {
    this.timer = undefined;
    const tests = this.pending;
    this.pending = [];
    const progress: GradingProgress = { type: 'progress', jobId: this.jobId, seq: this.seq++, tests };
    this.sending = this.sending.then(() => this.send(progress)).catch(() => undefined);
  }
}
