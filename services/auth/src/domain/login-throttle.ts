import { tooManyRequests } from '@corazy/service-kit';
import type { RateLimiter, SharedState } from '@corazy/shared-state';

export interface LoginThrottlePolicy {
  /** Failures per account after which each further failure is answered more slowly. */
  slowAfter: number;
  /** Failures per account that lock it for `lockSeconds`. */
  lockAfter: number;
  /** Failures from one address that lock that address out. */
  lockAfterPerAddress: number;
  windowSeconds: number;
  lockSeconds: number;
  /** The first slowed-down failure waits this long; each next one twice as long, up to 4 s. */
  baseDelayMs: number;
}

export const DEFAULT_LOGIN_POLICY: LoginThrottlePolicy = {
  slowAfter: 3,
  lockAfter: 10,
  lockAfterPerAddress: 50,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  baseDelayMs: 250,
};

/**
 * Slows down, then locks, password guessing. Counters are keyed by the email as typed, whether or not
 * an account has it, so that the answers never tell which emails exist.
 */
export class LoginThrottle {
  private readonly byAccount: RateLimiter;
  private readonly byAddress: RateLimiter;

  constructor(
    state: SharedState,
    private readonly policy: LoginThrottlePolicy = DEFAULT_LOGIN_POLICY,
  ) {
    // The limiter blocks (for blockSeconds) when a consume goes past its points, so the failure that
    // reaches the lock threshold is the one that must go past: points = threshold - 1.
    this.byAccount = state.rateLimiter({
      name: 'auth:login-failures:account',
      points: policy.lockAfter - 1,
      windowSeconds: policy.windowSeconds,
      blockSeconds: policy.lockSeconds,
    });
    this.byAddress = state.rateLimiter({
      name: 'auth:login-failures:address',
      points: policy.lockAfterPerAddress - 1,
      windowSeconds: policy.windowSeconds,
      blockSeconds: policy.lockSeconds,
    });
  }

  /** Throws 429 LOGIN_LOCKED while the account or the address is locked. */
  async assertNotLocked(email: string, address: string): Promise<void> {
    const [account, fromAddress] = await Promise.all([
      this.byAccount.consumed(email),
      this.byAddress.consumed(address),
    ]);
    const lockedFor = Math.max(
      account.points >= this.policy.lockAfter ? account.resetInMs : 0,
      fromAddress.points >= this.policy.lockAfterPerAddress ? fromAddress.resetInMs : 0,
    );
    if (lockedFor > 0)
      throw tooManyRequests(lockedFor, 'LOGIN_LOCKED', 'too many failed sign-ins; try again later');
  }

  /** Counts a failure and returns how long to hold the answer back. */
  async recordFailure(email: string, address: string): Promise<number> {
    const [account] = await Promise.all([this.byAccount.consume(email), this.byAddress.consume(address)]);
    const failures = account.consumed;
    if (failures <= this.policy.slowAfter) return 0;
    return Math.min(4_000, this.policy.baseDelayMs * 2 ** (failures - this.policy.slowAfter - 1));
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.reset(email);
  }
}
