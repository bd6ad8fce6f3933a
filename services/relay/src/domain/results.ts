import { ChangeSet } from '@codemirror/state';
import {
  MAX_PLAUSIBLE_CPM,
  type Award,
  type CodeOperation,
  type GameRecord,
  type GameResult,
  type GameSummary,
  type PlayerStats,
} from '@corazy/contracts';
import { textOf } from './code.js';
import type { RoomState } from './room.js';

/** A pause this long or longer while holding the turn counts as idle (the original's rule). */
export const IDLE_GAP_MS = 3_000;

const visible = (text: string) => text.replace(/\s/g, '').length;

/**
 * Per-player figures of a finished game, from its operation log: who typed what, whose characters are
 * in the final code, and how each turn was spent. Whitespace is not counted, so indentation and blank
 * lines neither inflate a contribution nor a typing speed.
 */
export function computeResult(state: RoomState, operations: readonly CodeOperation[]): GameResult {
  const game = state.game;
  if (!game || game.outcome === null || game.endedAt === null) throw new Error('the game has not ended');

  // One author per character of the document, carried through every change; the starter code has none.
  let authors: (string | null)[] = new Array<string | null>(textOf(game.initialCode).length).fill(null);
  let doc = textOf(game.initialCode);
  const typed = new Map<string, number>();
  for (const op of operations) {
    const changes = ChangeSet.fromJSON(op.changes);
    const next: (string | null)[] = [];
    let position = 0;
    changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
      for (let i = position; i < fromA; i++) next.push(authors[i] ?? null);
      const text = inserted.toString();
      for (let i = 0; i < text.length; i++) next.push(/\s/.test(text[i]!) ? null : op.userId);
      typed.set(op.userId, (typed.get(op.userId) ?? 0) + visible(text));
      position = toA;
    });
    for (let i = position; i < authors.length; i++) next.push(authors[i] ?? null);
    authors = next;
    doc = changes.apply(doc);
  }
  const surviving = new Map<string, number>();
  for (const author of authors) if (author) surviving.set(author, (surviving.get(author) ?? 0) + 1);

  const players: PlayerStats[] = game.roster.map(({ userId, nickname }) => {
    let activeMs = 0;
    let idleMs = 0;
    for (const turn of game.turns.filter((t) => t.userId === userId)) {
      const end = Math.min(turn.endsAt, game.endedAt!);
      activeMs += Math.max(0, end - turn.startedAt);
      const edits = operations
        .filter((op) => op.userId === userId && op.at >= turn.startedAt && op.at <= end)
        .map((op) => op.at);
      let last = turn.startedAt;
      for (const at of [...edits, end]) {
        if (at - last >= IDLE_GAP_MS) idleMs += at - last;
        last = at;
      }
    }
    const typingMinutes = Math.max(activeMs - idleMs, 1_000) / 60_000;
    const typedChars = typed.get(userId) ?? 0;
    return {
      userId,
      nickname,
      typed: typedChars,
      surviving: surviving.get(userId) ?? 0,
      activeMs,
      idleMs,
      cpm: Math.round(typedChars / typingMinutes),
    };
  });

  return {
    gameId: game.id,
    roomId: state.id,
    problem: game.problem,
    language: state.language,
    outcome: game.outcome,
    startedAt: game.startedAt,
    endedAt: game.endedAt,
    submissions: game.submissions,
    finalCode: doc.toString(),
    codeVersion: operations.length,
    players,
    awards: awardsOf(players),
  };
}

function awardsOf(players: PlayerStats[]): Award[] {
  const awards: Award[] = [];
  const best = (score: (p: PlayerStats) => number) =>
    players.reduce<PlayerStats | undefined>(
      (top, p) => (score(p) > (top ? score(top) : 0) ? p : top),
      undefined,
    );
  const contributor = best((p) => p.surviving);
  if (contributor)
    awards.push({
      kind: 'best-contributor',
      userId: contributor.userId,
      nickname: contributor.nickname,
      value: contributor.surviving,
      unit: 'chars',
    });
  // A speed no one types at is pasted code: the same limit as dictation's, never awarded.
  const typist = best((p) => (p.cpm <= MAX_PLAUSIBLE_CPM ? p.cpm : 0));
  if (typist)
    awards.push({
      kind: 'fastest-typist',
      userId: typist.userId,
      nickname: typist.nickname,
      value: typist.cpm,
      unit: 'cpm',
    });
  const idle = best((p) => p.idleMs);
  if (idle)
    awards.push({
      kind: 'most-idle',
      userId: idle.userId,
      nickname: idle.nickname,
      value: Math.round(idle.idleMs / 1000),
      unit: 'seconds',
    });
  return awards;
}

/**
 * The team's rating change: Elo against the problem. The team (mean rating of its players) plays the
 * problem, rated by difficulty; solving is a win, anything else a loss. Every player moves by the same
 * amount: the relay is won or lost together.
 */
export const PROBLEM_RATING = { easy: 900, medium: 1200, hard: 1500 } as const;
export const INITIAL_RATING = 1000;
const K = 32;

export function ratingDelta(
  teamRatings: readonly number[],
  difficulty: keyof typeof PROBLEM_RATING,
  solved: boolean,
): number {
  const team = teamRatings.reduce((sum, r) => sum + r, 0) / Math.max(1, teamRatings.length);
  const expected = 1 / (1 + 10 ** ((PROBLEM_RATING[difficulty] - team) / 400));
  return Math.round(K * ((solved ? 1 : 0) - expected));
}

/** A finished game as `userId`'s history shows it (the record's players, and that user's rating change). */
export function summarize(
  record: Pick<
    GameRecord,
    | 'gameId'
    | 'roomId'
    | 'problem'
    | 'language'
    | 'outcome'
    | 'startedAt'
    | 'endedAt'
    | 'players'
    | 'ratingChanges'
  >,
  userId: string,
): GameSummary {
  const change = record.ratingChanges.find((c) => c.userId === userId);
  return {
    gameId: record.gameId,
    roomId: record.roomId,
    problem: record.problem,
    language: record.language,
    outcome: record.outcome,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    players: record.players.map(({ userId: id, nickname }) => ({ userId: id, nickname })),
    rating: change ? { before: change.before, after: change.after } : null,
  };
}
