import type { RoomView } from '@corazy/contracts';

/** Counted down before the relay and each turn start; how long "go" stays up after. */
export const COUNT_FROM_MS = 3_000;
export const GO_MS = 900;

/** What the room's countdown shows at a moment: a number before a start, "go" at it, or nothing. */
export type Cue =
  | { kind: 'tick'; seconds: number; before: 'relay' }
  | { kind: 'tick'; seconds: number; before: 'turn'; next: string | null }
  | { kind: 'go'; userId: string };

/**
 * The countdown at server time `now`: the last three seconds of the strategy phase and of each turn,
 * then "go" for a moment as the relay or the next turn begins. Only the server's times are used
 * (`phaseEndsAt`, the turn's `endsAt` and `startedAt`), so every screen counts together.
 */
export function cueAt(room: RoomView, now: number): Cue | null {
  const game = room.game;
  if (room.phase === 'STRATEGY' && game?.phaseEndsAt) {
    const left = game.phaseEndsAt - now;
    return left > 0 && left <= COUNT_FROM_MS
      ? { kind: 'tick', seconds: Math.ceil(left / 1000), before: 'relay' }
      : null;
  }
  const turn = game?.turn;
  if (room.phase !== 'RELAY' || !turn) return null;
  const since = now - turn.startedAt;
  if (since >= 0 && since < GO_MS) return { kind: 'go', userId: turn.userId };
  const left = turn.endsAt - now;
  if (left > 0 && left <= COUNT_FROM_MS) {
    return {
      kind: 'tick',
      seconds: Math.ceil(left / 1000),
      before: 'turn',
      next: nextPlayer(room, turn.userId),
    };
  }
  return null;
}

/** Who the relay will hand the turn to: the next connected player in join order (it skips those away). */
export function nextPlayer(room: RoomView, current: string): string | null {
  const index = room.players.findIndex((p) => p.userId === current);
  for (let step = 1; step < room.players.length; step++) {
    const candidate = room.players[(index + step) % room.players.length]!;
    if (candidate.online) return candidate.userId;
  }
  return null;
}
