import ipaddr from 'ipaddr.js';
import { tooManyRequests } from '@corazy/service-kit';
import type { RateLimiter, SharedState } from '@corazy/shared-state';

export interface GuestSignupPolicy {
  /** Guest accounts one client address may make per window. */
  perAddress: number;
  windowSeconds: number;
}

/**
 * Caps guest sign-ups per client address, in shared state so that every replica counts together.
 * An IPv6 client usually owns a whole /64, so that prefix is the address counted.
 */
export class GuestSignups {
  private readonly limiter: RateLimiter;

  constructor(state: SharedState, policy: GuestSignupPolicy) {
    this.limiter = state.rateLimiter({
      name: 'auth:guest-signups:address',
      points: policy.perAddress,
      windowSeconds: policy.windowSeconds,
    });
  }

  /** Takes one sign-up from the address's budget; 429 RATE_LIMITED with Retry-After once it is spent. */
  async admit(address: string): Promise<void> {
    const decision = await this.limiter.consume(addressBlock(address));
    if (!decision.allowed)
      throw tooManyRequests(
        decision.retryAfterMs,
        'RATE_LIMITED',
        'too many guest accounts from this address; try again later or sign in',
      );
  }
}

/** The unit one client controls: an IPv4 address, or the /64 of an IPv6 one. */
export function addressBlock(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
