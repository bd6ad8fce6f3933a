import type { GradingProgress, TestOutcome } from '@corazy/contracts';

/**
 * Collects per-test outcomes and sends them in batches: the first outcome starts a timer, and
 * everything gathered by then goes out together, so a 100-test job makes a handful of messages,
 * not a hundred, while no result waits longer than the interval.
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
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Sends what is pending now; resolves when every batch so far has been handed over. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) {
      const tests = this.pending;
      this.pending = [];
      const progress: GradingProgress = { type: 'progress', jobId: this.jobId, seq: this.seq++, tests };
      this.sending = this.sending.then(() => this.send(progress)).catch(() => undefined);
    }
    return this.sending;
  }
}
