import { tooManyRequests } from '@corazy/service-kit';
import type { SharedState } from '@corazy/shared-state';

/**
 * How fast rooms may be made: per user, and per address (free guest accounts are cheap, so a flood
 * of rooms from many guests is stopped where they come from). A user is a player of one room at a
 * time (ALREADY_IN_ROOM), so this caps the rate, and that caps the open rooms.
 */
export function roomCreationLimit(state: SharedState, limits: { perUser: number; perAddress: number }) {
  return async (userId: string, address: string): Promise<void> => {
    const decisions = await state.consumeWindows([
      { key: `relay:rooms-created:user:${userId}`, points: limits.perUser, windowSeconds: 60 },
      { key: `relay:rooms-created:address:${address}`, points: limits.perAddress, windowSeconds: 60 },
    ]);
    const refused = decisions.filter((decision) => !decision.allowed);
    if (refused.length > 0) {
      throw tooManyRequests(
        Math.max(...refused.map((decision) => decision.retryAfterMs)),
        'RATE_LIMITED',
        'rooms are being created too fast; try again later',
      );
    }
  };
}
