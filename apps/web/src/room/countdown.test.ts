import { describe, expect, it } from 'vitest';
import type { PlayerView, RoomView } from '@corazy/contracts';
import { cueAt } from './countdown.js';

const player = (userId: string, online = true): PlayerView =>
  ({ userId, nickname: userId, ready: true, online }) as PlayerView;

function room(
  phase: RoomView['phase'],
  game: Partial<NonNullable<RoomView['game']>>,
  players = ['ann', 'ben', 'cho'],
) {
  return {
    phase,
    players: players.map((id) => player(id, id !== 'ben-away')),
    game: { phaseEndsAt: null, turn: null, ...game },
  } as unknown as RoomView;
}

describe('room countdown', () => {
  it('counts the last three seconds of the strategy phase, then shows nothing', () => {
    const strategy = room('STRATEGY', { phaseEndsAt: 10_000 });
    expect(cueAt(strategy, 6_999)).toBeNull();
    expect(cueAt(strategy, 7_000)).toEqual({ kind: 'tick', seconds: 3, before: 'relay' });
    expect(cueAt(strategy, 8_500)).toEqual({ kind: 'tick', seconds: 2, before: 'relay' });
    expect(cueAt(strategy, 9_999)).toEqual({ kind: 'tick', seconds: 1, before: 'relay' });
    expect(cueAt(strategy, 10_000)).toBeNull();
  });

  it('says go as a turn starts, and counts down to the next player at its end', () => {
    const relay = room('RELAY', { turn: { number: 1, userId: 'ann', startedAt: 0, endsAt: 60_000 } });
    expect(cueAt(relay, 0)).toEqual({ kind: 'go', userId: 'ann' });
    expect(cueAt(relay, 899)).toEqual({ kind: 'go', userId: 'ann' });
    expect(cueAt(relay, 900)).toBeNull();
    expect(cueAt(relay, 57_500)).toEqual({ kind: 'tick', seconds: 3, before: 'turn', next: 'ben' });
    expect(cueAt(relay, 60_000)).toBeNull();
  });

  it('names the next connected player in join order, wrapping around and skipping those away', () => {
    const turn = { number: 3, userId: 'cho', startedAt: 0, endsAt: 60_000 };
    expect(cueAt(room('RELAY', { turn }), 59_000)).toMatchObject({ next: 'ann' });
    const away = room('RELAY', { turn: { ...turn, userId: 'ann' } }, ['ann', 'ben-away', 'cho']);
    expect(cueAt(away, 59_000)).toMatchObject({ next: 'cho' });
    expect(cueAt(room('RELAY', { turn: { ...turn, userId: 'ann' } }, ['ann']), 59_000)).toMatchObject({
      next: null,
    });
  });

  it('shows nothing while waiting or on the result screen', () => {
    expect(cueAt(room('WAITING', {}), 0)).toBeNull();
    expect(cueAt(room('RESULT', { phaseEndsAt: 1_000 }), 0)).toBeNull();
  });
});
