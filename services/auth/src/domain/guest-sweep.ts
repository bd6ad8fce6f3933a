import type { GuestExpiryPolicy, GuestRepository } from './ports.js';

export interface SweepResult {
  expiredGuests: number;
  deletedRecords: number;
}

/**
 * Ends guests nobody can use any more and clears what has expired. Every step is a conditional
 * delete, so two replicas sweeping at once do the work once between them.
 */
export class GuestSweep {
  constructor(
    private readonly guests: GuestRepository,
    private readonly policy: GuestExpiryPolicy,
  ) {}

  async run(): Promise<SweepResult> {
    let expiredGuests = 0;
    for (;;) {
      const batch = await this.guests.expireGuests(this.policy);
      expiredGuests += batch;
      if (batch === 0) break;
    }
    return { expiredGuests, deletedRecords: await this.guests.deleteDeadRecords() };
  }
}
