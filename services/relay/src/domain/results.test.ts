import { ChangeSet } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { MAX_PLAUSIBLE_CPM, type CodeOperation } from '@corazy/contracts';
import { parseOperation, replay, textOf } from './code.js';
import { computeResult, ratingDelta } from './results.js';
import { createRoom, type RoomState } from './room.js';

/** The error code a refused action throws, or 'accepted'. */
function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'accepted';
}

const T0 = 1_000_000;

/** A finished game where `a` held turn 1 (0–60 s) and `b` turn 2 (60–120 s), with the given operations. */
function endedRoom(initialCode: string): RoomState {
  const base = createRoom(
    {
      id: 'room-1',
      name: 'r',
      language: 'python',
      maxPlayers: 2,
      turnSeconds: 60,
      strategySeconds: 0,
      timeCapMinutes: 30,
      difficulty: null,
      problemChoice: null,
      private: false,
      joinCode: null,
    },
    { userId: 'a', nickname: 'A' },
    T0,
  );
  return {
    ...base,
    phase: 'RESULT',
    game: {
      id: 'game-1',
      problem: { id: 'p', slug: 'p', title: { ko: 'p', en: 'p' }, difficulty: 'easy' },
      initialCode,
      startedAt: T0,
      phaseEndsAt: null,
      endsAt: T0 + 1_800_000,
      turn: null,
      turns: [
        { number: 1, userId: 'a', startedAt: T0, endsAt: T0 + 60_000 },
        { number: 2, userId: 'b', startedAt: T0 + 60_000, endsAt: T0 + 120_000 },
      ],
      judging: null,
      submissions: 1,
      outcome: 'SOLVED',
      endedAt: T0 + 120_000,
      announced: false,
      roster: [
        { userId: 'a', nickname: 'A' },
        { userId: 'b', nickname: 'B' },
      ],
    },
  };
}

/** Builds the log the way an editor would: each change made against the document before it. */
function log(
  initial: string,
  edits: { userId: string; at: number; change: (doc: string) => ChangeSet }[],
): CodeOperation[] {
  let doc = textOf(initial);
  return edits.map(({ userId, at, change }, i) => {
    const changes = change(doc.toString());
    doc = changes.apply(doc);
    return {
      version: i + 1,
      changes: changes.toJSON() as CodeOperation['changes'],
      cursor: null,
      userId,
      at,
    };
  });
}

const insert = (pos: number, text: string) => (doc: string) =>
  ChangeSet.of({ from: pos, insert: text }, doc.length);
const remove = (from: number, to: number) => (doc: string) => ChangeSet.of({ from, to }, doc.length);

describe('game results', () => {
  it('attributes surviving characters to their author through later edits, ignoring whitespace', () => {
    const operations = log('', [
      { userId: 'a', at: T0 + 1_000, change: insert(0, 'abcd') },
      { userId: 'b', at: T0 + 61_000, change: insert(2, 'XY Z') },
      { userId: 'b', at: T0 + 62_000, change: remove(0, 1) },
    ]);
    const result = computeResult(endedRoom(''), operations);
    expect(result.finalCode).toBe('bXY Zcd');
    const byUser = Object.fromEntries(result.players.map((p) => [p.userId, p]));
    expect(byUser.a).toMatchObject({ typed: 4, surviving: 3 });
    expect(byUser.b).toMatchObject({ typed: 3, surviving: 3 });
  });

  it('counts active time per turn and idle time as pauses of 3 s or more', () => {
    const operations = log('', [
      { userId: 'a', at: T0 + 1_000, change: insert(0, 'x') },
      { userId: 'a', at: T0 + 2_000, change: insert(1, 'y') },
    ]);
    const a = computeResult(endedRoom(''), operations).players.find((p) => p.userId === 'a')!;
    // 0–1 s and 1–2 s are typing; 2–60 s is one idle stretch.
    expect(a).toMatchObject({ activeMs: 60_000, idleMs: 58_000 });
    const b = computeResult(endedRoom(''), operations).players.find((p) => p.userId === 'b')!;
    expect(b).toMatchObject({ activeMs: 60_000, idleMs: 60_000, typed: 0 });
  });

  it('gives the awards to the best contributor, the fastest typist and the most idle player', () => {
    const operations = log('def f():\n', [
      { userId: 'a', at: T0 + 1_000, change: insert(9, '  return 1') },
      // b waits 10 s, then types once: idle 10 s + 50 s, against a's 59 s.
      { userId: 'b', at: T0 + 70_000, change: insert(0, '#') },
    ]);
    const result = computeResult(endedRoom('def f():\n'), operations);
    expect(result.awards.map((a) => [a.kind, a.userId])).toEqual([
      ['best-contributor', 'a'],
      ['fastest-typist', 'a'],
      ['most-idle', 'b'],
    ]);
  });

  it('never awards “fastest typist” a speed dictation would refuse as not humanly possible', () => {
    // a pastes a whole solution in her first second (2,400 CPM over the 1 s floor); b types 3 characters.
    const pasted = 'x'.repeat(40);
    const operations = log('', [
      { userId: 'a', at: T0 + 500, change: insert(0, pasted) },
      { userId: 'b', at: T0 + 61_000, change: insert(40, 'abc') },
    ]);
    const result = computeResult(endedRoom(''), operations);
    const a = result.players.find((p) => p.userId === 'a')!;
    expect(a.cpm).toBeGreaterThan(MAX_PLAUSIBLE_CPM);
    const typist = result.awards.find((award) => award.kind === 'fastest-typist');
    expect(typist).toMatchObject({ userId: 'b' });
    expect(typist!.value).toBeLessThanOrEqual(MAX_PLAUSIBLE_CPM);
  });
});

describe('code operations', () => {
  it('refuses malformed change sets and documents over the size limit, and replays valid ones', () => {
    expect(codeOf(() => parseOperation([[1, 'x', 'y'], 'junk'] as never))).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() =>
        parseOperation(ChangeSet.of({ from: 0, insert: 'x'.repeat(60_001) }, 0).toJSON() as never),
      ),
    ).toBe('PAYLOAD_TOO_LARGE');
    expect(parseOperation(ChangeSet.of({ from: 5, insert: '!' }, 5).toJSON() as never)).toMatchObject({
      length: 5,
      newLength: 6,
    });
    expect(
      replay('hello', [{ changes: ChangeSet.of({ from: 5, insert: '!' }, 5).toJSON() as never }]).toString(),
    ).toBe('hello!');
  });
});

describe('ratings', () => {
  it('moves a team up when it solves and down when it does not, more so against an easier problem', () => {
    expect(ratingDelta([1000, 1000], 'medium', true)).toBeGreaterThan(
      ratingDelta([1000, 1000], 'easy', true),
    );
    expect(ratingDelta([1000, 1000], 'easy', false)).toBeLessThan(ratingDelta([1000, 1000], 'hard', false));
    expect(ratingDelta([1000], 'easy', true)).toBeGreaterThan(0);
  });
});
