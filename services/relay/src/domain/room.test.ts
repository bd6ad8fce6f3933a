import { describe, expect, it } from 'vitest';
import type { GameResult, ProblemRef } from '@corazy/contracts';
import {
  ANNOUNCE_WATCH_MS,
  checkStart,
  createRoom,
  decide,
  IDLE_ROOM_MS,
  JUDGING_WATCH_MS,
  pickNext,
  RESULT_SECONDS,
  timerKey,
  toView,
  type RoomCommand,
  type RoomState,
} from './room.js';

/** The error code a refused action throws, or 'accepted'. */
function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'accepted';
}

const problem: ProblemRef = {
  id: 'p1',
  slug: 'a-plus-b',
  title: { ko: 'A+B', en: 'A+B' },
  difficulty: 'easy',
};
const T0 = 1_000_000;

function room(overrides: Partial<Parameters<typeof createRoom>[0]> = {}): RoomState {
  return createRoom(
    {
      id: 'room-1',
      name: 'relay',
      language: 'python',
      maxPlayers: 4,
      turnSeconds: 60,
      strategySeconds: 30,
      timeCapMinutes: 30,
      difficulty: null,
      problemChoice: null,
      private: false,
      joinCode: null,
      ...overrides,
    },
    { userId: 'host', nickname: 'Host' },
    T0,
  );
}

/** Applies commands in order, each at its time, and returns the last state and every event. */
function play(state: RoomState, steps: [RoomCommand, number][]) {
  const events = [];
  let current: RoomState | null = state;
  for (const [command, at] of steps) {
    const decision = decide(current!, command, at);
    current = decision.state;
    events.push(...decision.events);
  }
  return { state: current, events };
}

const all = (...ids: string[]) => new Set(ids);
const start = (online = all('host', 'b', 'c')): RoomCommand => ({
  type: 'start',
  userId: 'host',
  gameId: 'game-1',
  problem,
  initialCode: 'print()',
  online,
});

/** Host, b and c joined and ready, in that order. */
function readyRoom(overrides: Partial<Parameters<typeof createRoom>[0]> = {}) {
  return play(room(overrides), [
    [{ type: 'join', userId: 'b', nickname: 'B' }, T0],
    [{ type: 'join', userId: 'c', nickname: 'C' }, T0],
    [{ type: 'ready', userId: 'b', ready: true }, T0],
    [{ type: 'ready', userId: 'c', ready: true }, T0],
  ]).state!;
}

function relayRoom(online = all('host', 'b', 'c')) {
  const strategy = decide(readyRoom(), start(online), T0).state!;
  return decide(strategy, { type: 'timer', kind: 'strategy', token: 'game-1', online }, T0 + 30_000).state!;
}

describe('rooms', () => {
  it('seats players up to the maximum and refuses the next with ROOM_FULL', () => {
    let state = room({ maxPlayers: 2 });
    state = decide(state, { type: 'join', userId: 'b', nickname: 'B' }, T0).state!;
    expect(state.players.map((p) => p.userId)).toEqual(['host', 'b']);
    expect(codeOf(() => decide(state, { type: 'join', userId: 'c', nickname: 'C' }, T0))).toBe('ROOM_FULL');
  });

  it('lets only the host start, with two players or more and every non-host ready', () => {
    const alone = room();
    expect(codeOf(() => checkStart(alone, 'host'))).toBe('START_CONDITIONS_UNMET');
    const unready = decide(alone, { type: 'join', userId: 'b', nickname: 'B' }, T0).state!;
    expect(codeOf(() => checkStart(unready, 'host'))).toBe('START_CONDITIONS_UNMET');
    const ready = decide(unready, { type: 'ready', userId: 'b', ready: true }, T0).state!;
    expect(
      codeOf(() =>
        decide(ready, { ...(start() as Extract<RoomCommand, { type: 'start' }>), userId: 'b' }, T0),
      ),
    ).toBe('NOT_HOST');
    expect(decide(ready, start(), T0).state!.phase).toBe('STRATEGY');
  });

  it('hands the room to the next player in join order when the host leaves', () => {
    const { state, events } = play(readyRoom(), [[{ type: 'leave', userId: 'host' }, T0]]);
    expect(state!.hostId).toBe('b');
    expect(events.map((e) => e.type)).toEqual(['player.left', 'host.changed']);
  });

  it('closes the room when its last player leaves', () => {
    const { state, events } = play(room(), [[{ type: 'leave', userId: 'host' }, T0]]);
    expect(state).toBeNull();
    expect(events.at(-1)!.type).toBe('room.closed');
  });

  it('closes a waiting room once nobody has been connected to it for the idle time', () => {
    const joined = play(room(), [
      [{ type: 'join', userId: 'b', nickname: 'B' }, T0],
      [{ type: 'presence', userId: 'host', online: true }, T0],
      [{ type: 'presence', userId: 'b', online: true }, T0],
      [{ type: 'presence', userId: 'host', online: false }, T0 + 1_000],
    ]).state!;
    const lastOut = decide(joined, { type: 'presence', userId: 'b', online: false }, T0 + 2_000);
    expect(lastOut.timers).toEqual([
      { key: timerKey('room-1', 'idle', String(T0 + 2_000)), dueAt: T0 + 2_000 + IDLE_ROOM_MS },
    ]);
    const back = decide(
      lastOut.state!,
      { type: 'timer', kind: 'idle', token: 'x', online: all('b') },
      T0 + 700_000,
    );
    expect(back.state).toBe(lastOut.state);
    const gone = decide(
      lastOut.state!,
      { type: 'timer', kind: 'idle', token: 'x', online: all('stranger') },
      T0 + 700_000,
    );
    expect(gone.state).toBeNull();
    expect(gone.events.map((e) => e.type)).toEqual(['player.left', 'player.left', 'room.closed']);
  });

  it('shows the join code to players only', () => {
    const state = room({ private: true, joinCode: 'ABC234' });
    expect(toView(state, 'host').joinCode).toBe('ABC234');
    expect(toView(state, 'stranger').joinCode).toBeNull();
    expect(toView(state, null).joinCode).toBeNull();
  });
});

describe('phases and turns', () => {
  it('goes WAITING → STRATEGY → RELAY with the first player in join order and a server timer per phase', () => {
    const strategy = decide(readyRoom(), start(), T0);
    expect(strategy.state!.phase).toBe('STRATEGY');
    expect(strategy.timers).toEqual(
      expect.arrayContaining([
        { key: timerKey('room-1', 'strategy', 'game-1'), dueAt: T0 + 30_000 },
        { key: timerKey('room-1', 'cap', 'game-1'), dueAt: T0 + 30_000 + 30 * 60_000 },
      ]),
    );
    const relay = decide(
      strategy.state!,
      { type: 'timer', kind: 'strategy', token: 'game-1', online: all('host', 'b', 'c') },
      T0 + 30_000,
    );
    expect(relay.state!.phase).toBe('RELAY');
    expect(relay.state!.game!.turn).toMatchObject({ number: 1, userId: 'host', endsAt: T0 + 90_000 });
    expect(relay.timers).toEqual([{ key: timerKey('room-1', 'turn', 'game-1:1'), dueAt: T0 + 90_000 }]);
  });

  it('starts the relay at once when the strategy time is 0', () => {
    const state = decide(readyRoom({ strategySeconds: 0 }), start(), T0).state!;
    expect(state.phase).toBe('RELAY');
    expect(state.game!.turn!.userId).toBe('host');
  });

  it('rotates turns in join order on timeout and on pass', () => {
    const relay = relayRoom();
    const online = all('host', 'b', 'c');
    const { state } = play(relay, [
      [{ type: 'timer', kind: 'turn', token: 'game-1:1', online }, T0 + 90_000],
      [{ type: 'pass', userId: 'b', online }, T0 + 100_000],
      [{ type: 'timer', kind: 'turn', token: 'game-1:3', online }, T0 + 160_000],
    ]);
    expect(state!.game!.turns.map((t) => t.userId)).toEqual(['host', 'b', 'c', 'host']);
    expect(state!.game!.turn!.number).toBe(4);
  });

  it('ignores a timer for a turn that already ended, so a timer fired twice ends its turn once', () => {
    const relay = relayRoom();
    const online = all('host', 'b', 'c');
    const once = decide(
      relay,
      { type: 'timer', kind: 'turn', token: 'game-1:1', online },
      T0 + 90_000,
    ).state!;
    const twice = decide(once, { type: 'timer', kind: 'turn', token: 'game-1:1', online }, T0 + 90_050);
    expect(twice.events).toEqual([]);
    expect(twice.state).toBe(once);
  });

  it('skips players away at the change of turn until they return', () => {
    const relay = relayRoom();
    const skipped = decide(
      relay,
      { type: 'timer', kind: 'turn', token: 'game-1:1', online: all('host', 'c') },
      T0 + 90_000,
    );
    expect(skipped.state!.game!.turn!.userId).toBe('c');
    expect(skipped.events[0]).toMatchObject({ type: 'turn.started', skipped: ['b'], reason: 'timeout' });
    const back = decide(
      skipped.state!,
      { type: 'timer', kind: 'turn', token: 'game-1:2', online: all('host', 'b', 'c') },
      T0 + 150_000,
    );
    expect(back.state!.game!.turn!.userId).toBe('host');
  });

  it('keeps the turn of an active player who dropped until it times out', () => {
    const relay = relayRoom();
    const dropped = decide(relay, { type: 'presence', userId: 'host', online: false }, T0 + 31_000).state!;
    expect(dropped.game!.turn!.userId).toBe('host');
    const next = decide(
      dropped,
      { type: 'timer', kind: 'turn', token: 'game-1:1', online: all('b', 'c') },
      T0 + 90_000,
    );
    expect(next.state!.game!.turn!.userId).toBe('b');
  });

  it('refuses out-of-turn passes, chat by the active player, and judging by others, state untouched', () => {
    const relay = relayRoom();
    expect(codeOf(() => decide(relay, { type: 'pass', userId: 'b', online: all() }, T0))).toBe(
      'NOT_YOUR_TURN',
    );
    expect(
      codeOf(() => decide(relay, { type: 'chat', userId: 'host', nickname: 'Host', text: 'hi' }, T0)),
    ).toBe('CHAT_DISABLED');
    expect(
      codeOf(() =>
        decide(
          relay,
          { type: 'judge.started', userId: 'b', submissionId: 's', mode: 'sample', codeVersion: 0 },
          T0,
        ),
      ),
    ).toBe('NOT_YOUR_TURN');
    expect(
      decide(relay, { type: 'chat', userId: 'spectator', nickname: 'S', text: 'go' }, T0).events,
    ).toHaveLength(1);
  });

  it('passes the turn on when the active player leaves, and ends the game when fewer than 2 remain', () => {
    const relay = relayRoom();
    const left = decide(relay, { type: 'leave', userId: 'host' }, T0 + 40_000);
    expect(left.state!.game!.turn!.userId).toBe('b');
    expect(left.events.map((e) => e.type)).toEqual(['player.left', 'host.changed', 'turn.started']);
    const alone = decide(left.state!, { type: 'leave', userId: 'c' }, T0 + 41_000);
    expect(alone.ended).toBe('ABANDONED');
    expect(alone.state!.phase).toBe('RESULT');
  });

  it('ends at the time cap', () => {
    const ended = decide(
      relayRoom(),
      { type: 'timer', kind: 'cap', token: 'game-1', online: all() },
      T0 + 1_830_000,
    );
    expect(ended.ended).toBe('TIME_UP');
    expect(ended.state!.game!.turns.at(-1)!.endsAt).toBe(T0 + 1_830_000);
  });

  it('announces an ended game once, after the fact, with the stored result', () => {
    const at = T0 + 1_830_000;
    const ended = decide(relayRoom(), { type: 'timer', kind: 'cap', token: 'game-1', online: all() }, at);
    // The end itself: the phase changes, and a watch stands in for the replica that must announce it.
    expect(ended.events.map((e) => e.type)).toEqual(['phase.changed']);
    expect(ended.state!.game!.announced).toBe(false);
    expect(ended.timers).toEqual([
      { key: timerKey('room-1', 'announce', 'game-1'), dueAt: at + ANNOUNCE_WATCH_MS },
      { key: timerKey('room-1', 'result', 'game-1'), dueAt: at + RESULT_SECONDS * 1000 },
    ]);
    const result = { gameId: 'game-1' } as GameResult;
    const announce: RoomCommand = { type: 'announce', gameId: 'game-1', result };
    const announced = decide(ended.state!, announce, at + 5);
    expect(announced.events).toEqual([{ type: 'game.ended', result }]);
    expect(announced.state!.game!.announced).toBe(true);
    expect(decide(announced.state!, announce, at + 6).events).toEqual([]);
    expect(decide(relayRoom(), announce, at).events).toEqual([]);
  });
});

describe('judging', () => {
  const test = (testId: string, verdict: 'ACCEPTED' | 'WRONG_ANSWER') => ({
    testId,
    sample: true,
    verdict,
    timeMs: 1,
    memoryKb: 1,
  });

  function judging(mode: 'sample' | 'full') {
    return decide(
      relayRoom(),
      { type: 'judge.started', userId: 'host', submissionId: 's1', mode, codeVersion: 3 },
      T0 + 40_000,
    ).state!;
  }

  it('broadcasts each test once, even when a resumed stream sends it again', () => {
    const first = decide(
      judging('full'),
      { type: 'judge.test', submissionId: 's1', test: test('1', 'ACCEPTED') },
      T0,
    );
    const again = decide(
      first.state!,
      { type: 'judge.test', submissionId: 's1', test: test('1', 'ACCEPTED') },
      T0,
    );
    expect(first.events).toHaveLength(1);
    expect(again.events).toEqual([]);
  });

  it('refuses a second judgement while one runs', () => {
    expect(
      codeOf(() =>
        decide(
          judging('sample'),
          { type: 'judge.started', userId: 'host', submissionId: 's2', mode: 'full', codeVersion: 3 },
          T0,
        ),
      ),
    ).toBe('JUDGING_IN_PROGRESS');
  });

  it('watches a running judgement with a timer, again and again until it ends', () => {
    const started = decide(
      relayRoom(),
      { type: 'judge.started', userId: 'host', submissionId: 's1', mode: 'sample', codeVersion: 3 },
      T0 + 40_000,
    );
    const firstWatch = T0 + 40_000 + JUDGING_WATCH_MS;
    expect(started.timers).toEqual([
      { key: timerKey('room-1', 'judging', `s1@${firstWatch}`), dueAt: firstWatch },
    ]);
    const online = new Set(['host', 'b', 'c']);
    const watched = decide(
      started.state!,
      { type: 'timer', kind: 'judging', token: `s1@${firstWatch}`, online },
      firstWatch,
    );
    // Nothing changes for the room; the next look is armed under a new key, the fired one being done.
    expect(watched.state).toBe(started.state);
    expect(watched.events).toEqual([]);
    const nextWatch = firstWatch + JUDGING_WATCH_MS;
    expect(watched.timers).toEqual([
      { key: timerKey('room-1', 'judging', `s1@${nextWatch}`), dueAt: nextWatch },
    ]);
    const ended = decide(
      started.state!,
      {
        type: 'judge.final',
        submissionId: 's1',
        verdict: 'WRONG_ANSWER',
        message: null,
        compileOutput: null,
        tests: [],
        testCount: 1,
      },
      T0 + 45_000,
    ).state!;
    expect(
      decide(ended, { type: 'timer', kind: 'judging', token: `s1@${firstWatch}`, online }, firstWatch).timers,
    ).toEqual([]);
  });

  it('shows a wrong verdict and plays on; an accepted full submission ends the game as solved', () => {
    const final = (verdict: 'ACCEPTED' | 'WRONG_ANSWER'): RoomCommand => ({
      type: 'judge.final',
      submissionId: 's1',
      verdict,
      message: null,
      compileOutput: null,
      tests: [test('1', verdict)],
      testCount: 1,
    });
    const wrong = decide(judging('full'), final('WRONG_ANSWER'), T0 + 50_000);
    expect(wrong.ended).toBeUndefined();
    expect(wrong.state!.phase).toBe('RELAY');
    expect(wrong.events.map((e) => e.type)).toEqual(['judge.test', 'judge.final']);
    const samplesPass = decide(judging('sample'), final('ACCEPTED'), T0 + 50_000);
    expect(samplesPass.ended).toBeUndefined();
    const solved = decide(judging('full'), final('ACCEPTED'), T0 + 50_000);
    expect(solved.ended).toBe('SOLVED');
    expect(solved.state!.game!.submissions).toBe(1);
  });

  it('returns to WAITING for a rematch after the result, with ready flags cleared', () => {
    const ended = decide(
      relayRoom(),
      { type: 'timer', kind: 'cap', token: 'game-1', online: all() },
      T0 + 1_830_000,
    ).state!;
    const waiting = decide(
      ended,
      { type: 'timer', kind: 'result', token: 'game-1', online: all() },
      T0 + 1_845_000,
    ).state!;
    expect(waiting.phase).toBe('WAITING');
    expect(waiting.lastGameId).toBe('game-1');
    expect(waiting.players.every((p) => !p.ready)).toBe(true);
  });
});

describe('pickNext', () => {
  const players = ['a', 'b', 'c'].map((userId, i) => ({
    userId,
    nickname: userId,
    ready: true,
    online: true,
    joinedAt: i,
  }));

  it('moves to the next connected player, wrapping around', () => {
    expect(pickNext(players, 'c', all('a', 'b', 'c'))).toEqual({ userId: 'a', skipped: [] });
    expect(pickNext(players, 'a', all('a', 'c'))).toEqual({ userId: 'c', skipped: ['b'] });
  });

  it('gives the turn to the next in order when nobody is connected', () => {
    expect(pickNext(players, 'a', all())).toEqual({ userId: 'b', skipped: [] });
  });
});
