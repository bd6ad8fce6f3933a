import type {
  Difficulty,
  GameOutcome,
  GameResult,
  JudgingView,
  Language,
  PlayerView,
  ProblemRef,
  Reaction,
  RoomEventDraft,
  RoomPhase,
  RoomSummary,
  RoomView,
  SubmissionMode,
  SubmissionTestResult,
  TurnView,
  Verdict,
} from '@corazy/contracts';
import { MARKER_DISPLAY_MS } from '@corazy/contracts';
import { refuse } from './errors.js';

/**
 * The relay game as a pure state machine: a command and the room's state in, the next state, the
 * events to broadcast and the timers to arm out. No I/O and no clock: `now` is an argument, so every
 * rule is tested without waiting, and any replica that applies a command gets the same result.
 */

/** How long the result screen shows before the room waits for a rematch. */
export const RESULT_SECONDS = 15;
/** A waiting room nobody is connected to closes after this long, so the lobby lists live rooms only. */
export const IDLE_ROOM_MS = 10 * 60_000;
/**
 * A running judgement is looked at this often by whichever replica claims its `judging` timer; one
 * still running by then may have lost its follower with its replica, and is followed again there.
 */
export const JUDGING_WATCH_MS = 20_000;
/**
 * A game's end is announced (`game.ended`) by the replica that ended it as soon as its record is
 * stored; if that replica died first, whichever replica claims the `announce` timer does it this late.
 */
export const ANNOUNCE_WATCH_MS = 2_000;

export type Player = PlayerView;

export interface GameState {
  id: string;
  problem: ProblemRef;
  initialCode: string;
  startedAt: number;
  /** End of STRATEGY, or of RESULT. */
  phaseEndsAt: number | null;
  /** The time cap. */
  endsAt: number;
  turn: TurnView | null;
  turns: TurnView[];
  judging: JudgingView | null;
  submissions: number;
  outcome: GameOutcome | null;
  endedAt: number | null;
  /** `game.ended` is published: once, and only after the game's record is stored. */
  announced: boolean;
  /** Everyone who played, leavers included, for the result. */
  roster: { userId: string; nickname: string }[];
}

export interface RoomState {
  id: string;
  name: string;
  language: Language;
  maxPlayers: number;
  turnSeconds: number;
  strategySeconds: number;
  timeCapMinutes: number;
  difficulty: Difficulty | null;
  /** The host's chosen problem (slug or id), or null for a random one per game. */
  problemChoice: string | null;
  private: boolean;
  joinCode: string | null;
  createdAt: number;
  hostId: string;
  phase: RoomPhase;
  /** In join order, which is also the turn order. */
  players: Player[];
  game: GameState | null;
  lastGameId: string | null;
}

/** A timer the store arms with the commit: `key` names what it ends, so a stale one is recognised. */
export interface TimerRequest {
  key: string;
  dueAt: number;
}

export type TimerKind = 'strategy' | 'turn' | 'cap' | 'announce' | 'result' | 'idle' | 'judging';
const TIMER_KINDS: readonly string[] = ['strategy', 'turn', 'cap', 'announce', 'result', 'idle', 'judging'];

export const timerKey = (roomId: string, kind: TimerKind, token: string) => `${roomId}|${kind}|${token}`;

export function parseTimerKey(key: string): { roomId: string; kind: TimerKind; token: string } | undefined {
  const [roomId, kind, token] = key.split('|');
  if (!roomId || !token || !TIMER_KINDS.includes(kind ?? '')) return undefined;
  return { roomId, kind: kind as TimerKind, token };
}

export type RoomCommand =
  | { type: 'join'; userId: string; nickname: string }
  | { type: 'leave'; userId: string }
  | { type: 'ready'; userId: string; ready: boolean }
  | {
      type: 'start';
      userId: string;
      gameId: string;
      problem: ProblemRef;
      initialCode: string;
      online: ReadonlySet<string>;
    }
  | { type: 'presence'; userId: string; online: boolean }
  | { type: 'pass'; userId: string; online: ReadonlySet<string> }
  | { type: 'timer'; kind: TimerKind; token: string; online: ReadonlySet<string> }
  | { type: 'chat'; userId: string; nickname: string; text: string }
  | { type: 'reaction'; userId: string; reaction: Reaction }
  | { type: 'ping'; userId: string; pos: number }
  | { type: 'judge.started'; userId: string; submissionId: string; mode: SubmissionMode; codeVersion: number }
  | { type: 'judge.test'; submissionId: string; test: SubmissionTestResult }
  | {
      type: 'judge.final';
      submissionId: string;
      verdict: Verdict;
      message: string | null;
      compileOutput: string | null;
      tests: SubmissionTestResult[];
      testCount: number;
    }
  /** The ended game's record is stored: its result goes out to the room. */
  | { type: 'announce'; gameId: string; result: GameResult };

/** An event before the store gives it `roomId` and `seq`. */
export type EventBody = RoomEventDraft extends infer E
  ? E extends RoomEventDraft
    ? Omit<E, 'roomId' | 'at'>
    : never
  : never;

export interface Decision {
  /** null: the room is gone. */
  state: RoomState | null;
  events: EventBody[];
  timers: TimerRequest[];
  /** Set when this command ended the game: the caller stores its record, then announces it. */
  ended?: GameOutcome;
}

export interface NewRoom {
  id: string;
  name: string;
  language: Language;
  maxPlayers: number;
  turnSeconds: number;
  strategySeconds: number;
  timeCapMinutes: number;
  difficulty: Difficulty | null;
  problemChoice: string | null;
  private: boolean;
  joinCode: string | null;
}

export function createRoom(
  settings: NewRoom,
  host: { userId: string; nickname: string },
  now: number,
): RoomState {
  return {
    ...settings,
    createdAt: now,
    hostId: host.userId,
    phase: 'WAITING',
    players: [{ userId: host.userId, nickname: host.nickname, ready: false, online: false, joinedAt: now }],
    game: null,
    lastGameId: null,
  };
}

export const isPlayer = (state: RoomState, userId: string) => state.players.some((p) => p.userId === userId);
export const activePlayerOf = (state: RoomState): string | null =>
  state.phase === 'RELAY' ? (state.game?.turn?.userId ?? null) : null;

/** Refuses a start the host may not make now; separate so the caller checks before fetching a problem. */
export function checkStart(state: RoomState, userId: string): void {
  if (state.hostId !== userId) throw refuse('NOT_HOST', 'only the host starts the game');
  if (state.phase !== 'WAITING') throw refuse('WRONG_PHASE', `the room is in ${state.phase}`);
  if (state.players.length < 2) throw refuse('START_CONDITIONS_UNMET', 'at least 2 players are needed');
  const unready = state.players.filter((p) => p.userId !== state.hostId && !p.ready).map((p) => p.userId);
  if (unready.length > 0)
    throw refuse('START_CONDITIONS_UNMET', 'every player but the host must be ready', { unready });
}

export function decide(state: RoomState, command: RoomCommand, now: number): Decision {
  switch (command.type) {
    case 'join':
      return join(state, command.userId, command.nickname, now);
    case 'leave':
      return leave(state, command.userId, now);
    case 'ready': {
      requirePlayer(state, command.userId);
      if (state.phase !== 'WAITING') throw refuse('WRONG_PHASE', 'ready is for the waiting room');
      const players = state.players.map((p) =>
        p.userId === command.userId ? { ...p, ready: command.ready } : p,
      );
      return {
        state: { ...state, players },
        events: [{ type: 'player.ready', userId: command.userId, ready: command.ready }],
        timers: [],
      };
    }
    case 'start':
      return start(state, command, now);
    case 'presence': {
      const player = state.players.find((p) => p.userId === command.userId);
      if (!player || player.online === command.online) return unchanged(state);
      const players = state.players.map((p) =>
        p.userId === command.userId ? { ...p, online: command.online } : p,
      );
      return {
        state: { ...state, players },
        events: [{ type: 'player.presence', userId: command.userId, online: command.online }],
        // The last one to go arms a check: a room left with nobody in it is closed later.
        timers: players.some((p) => p.online)
          ? []
          : [{ key: timerKey(state.id, 'idle', String(now)), dueAt: now + IDLE_ROOM_MS }],
      };
    }
    case 'pass': {
      const game = requireRelay(state);
      if (game.turn?.userId !== command.userId)
        throw refuse('NOT_YOUR_TURN', 'only the active player passes');
      return nextTurn(state, game, 'pass', command.online, now);
    }
    case 'timer':
      return timer(state, command.kind, command.token, command.online, now);
    case 'chat': {
      requireNotActive(state, command.userId, 'the active player cannot chat');
      return {
        state,
        events: [{ type: 'chat', userId: command.userId, nickname: command.nickname, text: command.text }],
        timers: [],
      };
    }
    case 'reaction':
      requireNotActive(state, command.userId, 'the active player cannot react');
      return {
        state,
        events: [
          {
            type: 'reaction',
            userId: command.userId,
            reaction: command.reaction,
            until: now + MARKER_DISPLAY_MS,
          },
        ],
        timers: [],
      };
    case 'ping':
      requireNotActive(state, command.userId, 'the active player cannot ping');
      if (state.phase !== 'RELAY' && state.phase !== 'STRATEGY')
        throw refuse('WRONG_PHASE', 'pings point at the game code');
      return {
        state,
        events: [{ type: 'ping', userId: command.userId, pos: command.pos, until: now + MARKER_DISPLAY_MS }],
        timers: [],
      };
    case 'judge.started': {
      const game = requireRelay(state);
      if (game.turn?.userId !== command.userId)
        throw refuse('NOT_YOUR_TURN', 'only the active player runs and submits');
      if (game.judging)
        throw refuse('JUDGING_IN_PROGRESS', 'wait for the running judgement', {
          submissionId: game.judging.submissionId,
        });
      const judging: JudgingView = {
        submissionId: command.submissionId,
        mode: command.mode,
        by: command.userId,
        codeVersion: command.codeVersion,
        startedAt: now,
        tests: [],
      };
      return {
        state: {
          ...state,
          game: { ...game, judging, submissions: game.submissions + (command.mode === 'full' ? 1 : 0) },
        },
        events: [{ type: 'judge.started', judging }],
        timers: [judgingWatch(state.id, judging.submissionId, now)],
      };
    }
    case 'judge.test': {
      const judging = state.game?.judging;
      // Tests arrive again when a replica resumes following a submission: each is broadcast once.
      if (!judging || judging.submissionId !== command.submissionId) return unchanged(state);
      if (judging.tests.some((t) => t.testId === command.test.testId)) return unchanged(state);
      const game = { ...state.game!, judging: { ...judging, tests: [...judging.tests, command.test] } };
      return {
        state: { ...state, game },
        events: [{ type: 'judge.test', submissionId: command.submissionId, test: command.test }],
        timers: [],
      };
    }
    case 'judge.final':
      return judgeFinal(state, command, now);
    case 'announce': {
      const game = state.game;
      // Announced once: a replica that stored the record too, or a timer fired again, finds it done.
      if (state.phase !== 'RESULT' || game?.id !== command.gameId || game.announced) return unchanged(state);
      return {
        state: { ...state, game: { ...game, announced: true } },
        events: [{ type: 'game.ended', result: command.result }],
        timers: [],
      };
    }
  }
}

function join(state: RoomState, userId: string, nickname: string, now: number): Decision {
  if (isPlayer(state, userId)) return unchanged(state);
  if (state.phase !== 'WAITING') throw refuse('ROOM_NOT_JOINABLE', 'the game has started; watch it instead');
  if (state.players.length >= state.maxPlayers) throw refuse('ROOM_FULL', 'the room is full');
  const player: Player = { userId, nickname, ready: false, online: false, joinedAt: now };
  return {
    state: { ...state, players: [...state.players, player] },
    events: [{ type: 'player.joined', player }],
    timers: [],
  };
}

function leave(state: RoomState, userId: string, now: number): Decision {
  requirePlayer(state, userId);
  const players = state.players.filter((p) => p.userId !== userId);
  const events: EventBody[] = [{ type: 'player.left', userId, reason: 'left' }];
  if (players.length === 0) return { state: null, events: [...events, { type: 'room.closed' }], timers: [] };
  let next: RoomState = { ...state, players };
  if (state.hostId === userId) {
    // The next player in join order takes the room over.
    next = { ...next, hostId: players[0]!.userId };
    events.push({ type: 'host.changed', hostId: players[0]!.userId });
  }
  const game = next.game;
  if (game && (next.phase === 'STRATEGY' || next.phase === 'RELAY')) {
    if (players.length < 2) {
      const ended = endGame(next, game, 'ABANDONED', now);
      return { ...ended, events: [...events, ...ended.events] };
    }
    if (next.phase === 'RELAY' && game.turn?.userId === userId) {
      const online = new Set(players.filter((p) => p.online).map((p) => p.userId));
      const turn = nextTurn(next, game, 'left', online, now, state.players);
      return { ...turn, events: [...events, ...turn.events] };
    }
  }
  return { state: next, events, timers: [] };
}

function start(state: RoomState, command: Extract<RoomCommand, { type: 'start' }>, now: number): Decision {
  checkStart(state, command.userId);
  const game: GameState = {
    id: command.gameId,
    problem: command.problem,
    initialCode: command.initialCode,
    startedAt: now,
    phaseEndsAt: null,
    endsAt: now + state.strategySeconds * 1000 + state.timeCapMinutes * 60_000,
    turn: null,
    turns: [],
    judging: null,
    submissions: 0,
    outcome: null,
    endedAt: null,
    announced: false,
    roster: state.players.map(({ userId, nickname }) => ({ userId, nickname })),
  };
  const timers: TimerRequest[] = [{ key: timerKey(state.id, 'cap', game.id), dueAt: game.endsAt }];
  if (state.strategySeconds > 0) {
    const strategy: RoomState = {
      ...state,
      phase: 'STRATEGY',
      game: { ...game, phaseEndsAt: now + state.strategySeconds * 1000 },
    };
    timers.push({ key: timerKey(state.id, 'strategy', game.id), dueAt: strategy.game!.phaseEndsAt! });
    return { state: strategy, events: [phaseChanged(strategy, true)], timers };
  }
  const relay = beginRelay({ ...state, game }, game, command.online, now);
  return { ...relay, timers: [...timers, ...relay.timers] };
}

/** STRATEGY → RELAY: the first player in join order who is here takes the first turn. */
function beginRelay(state: RoomState, game: GameState, online: ReadonlySet<string>, now: number): Decision {
  const { userId, skipped } = pickNext(state.players, null, online);
  const turn: TurnView = { number: 1, userId, startedAt: now, endsAt: now + state.turnSeconds * 1000 };
  const next: RoomState = {
    ...state,
    phase: 'RELAY',
    game: { ...game, phaseEndsAt: null, turn, turns: [turn] },
  };
  return {
    state: next,
    events: [phaseChanged(next, true), { type: 'turn.started', turn, skipped, reason: 'start' }],
    timers: [{ key: timerKey(state.id, 'turn', `${game.id}:1`), dueAt: turn.endsAt }],
  };
}

/**
 * The player after `current` in join order who is connected. Players away are skipped until they
 * return; when nobody else is here the turn still moves on, to the next player in order.
 */
export function pickNext(
  players: readonly Player[],
  current: string | null,
  online: ReadonlySet<string>,
  order: readonly Player[] = players,
): { userId: string; skipped: string[] } {
  // `order` still holds a player who just left, so the turn moves to whoever followed them.
  const start = current === null ? -1 : order.findIndex((p) => p.userId === current);
  const present = new Set(players.map((p) => p.userId));
  const candidates: string[] = [];
  for (let step = 1; step <= order.length; step++) {
    const candidate = order[(start + step + order.length) % order.length]!.userId;
    if (present.has(candidate) && !candidates.includes(candidate)) candidates.push(candidate);
  }
  for (const player of players) if (!candidates.includes(player.userId)) candidates.push(player.userId);
  const skipped: string[] = [];
  for (const candidate of candidates) {
    if (online.has(candidate)) return { userId: candidate, skipped };
    if (candidate !== current) skipped.push(candidate);
  }
  return { userId: candidates[0]!, skipped: [] };
}

function nextTurn(
  state: RoomState,
  game: GameState,
  reason: 'timeout' | 'pass' | 'left',
  online: ReadonlySet<string>,
  now: number,
  order: readonly Player[] = state.players,
): Decision {
  const previous = game.turn!;
  const { userId, skipped } = pickNext(state.players, previous.userId, online, order);
  const turn: TurnView = {
    number: previous.number + 1,
    userId,
    startedAt: now,
    endsAt: now + state.turnSeconds * 1000,
  };
  const turns = [...game.turns.slice(0, -1), { ...previous, endsAt: now }, turn];
  const next: RoomState = { ...state, game: { ...game, turn, turns } };
  return {
    state: next,
    events: [{ type: 'turn.started', turn, skipped, reason }],
    timers: [{ key: timerKey(state.id, 'turn', `${game.id}:${turn.number}`), dueAt: turn.endsAt }],
  };
}

/** Closes a waiting room none of whose players is connected; a game in progress ends by its own timers. */
function closeIfAbandoned(state: RoomState, online: ReadonlySet<string>): Decision {
  if (state.phase !== 'WAITING' || state.players.some((p) => online.has(p.userId))) return unchanged(state);
  const left = state.players.map((p): EventBody => ({
    type: 'player.left',
    userId: p.userId,
    reason: 'kicked',
  }));
  return { state: null, events: [...left, { type: 'room.closed' }], timers: [] };
}

function timer(
  state: RoomState,
  kind: TimerKind,
  token: string,
  online: ReadonlySet<string>,
  now: number,
): Decision {
  if (kind === 'idle') return closeIfAbandoned(state, online);
  const game = state.game;
  // A timer armed for an earlier phase, turn or game: it has nothing left to end.
  if (!game) return unchanged(state);
  switch (kind) {
    case 'judging': {
      // Watched again while it runs; a judgement that ended needs no watch.
      const submissionId = game.judging?.submissionId;
      if (!submissionId || token.split('@')[0] !== submissionId) return unchanged(state);
      return { state, events: [], timers: [judgingWatch(state.id, submissionId, now)] };
    }
    case 'strategy':
      if (state.phase !== 'STRATEGY' || token !== game.id) return unchanged(state);
      return beginRelay(state, game, online, now);
    case 'turn':
      if (state.phase !== 'RELAY' || token !== `${game.id}:${game.turn?.number}`) return unchanged(state);
      return nextTurn(state, game, 'timeout', online, now);
    case 'cap':
      if ((state.phase !== 'RELAY' && state.phase !== 'STRATEGY') || token !== game.id)
        return unchanged(state);
      return endGame(state, game, 'TIME_UP', now);
    case 'announce':
      // The engine announces before applying this timer: announcing takes the stored record.
      return unchanged(state);
    case 'result': {
      if (state.phase !== 'RESULT' || token !== game.id) return unchanged(state);
      const waiting: RoomState = {
        ...state,
        phase: 'WAITING',
        game: null,
        lastGameId: game.id,
        players: state.players.map((p) => ({ ...p, ready: false })),
      };
      return {
        state: waiting,
        events: [phaseChanged(waiting, false)],
        timers: [{ key: timerKey(state.id, 'idle', String(now)), dueAt: now + IDLE_ROOM_MS }],
      };
    }
  }
}

function judgeFinal(
  state: RoomState,
  command: Extract<RoomCommand, { type: 'judge.final' }>,
  now: number,
): Decision {
  const game = state.game;
  const judging = game?.judging;
  if (!game || !judging || judging.submissionId !== command.submissionId) return unchanged(state);
  // Tests the stream delivered only inside `final` are broadcast before it, each once.
  const seen = new Set(judging.tests.map((t) => t.testId));
  const missing = command.tests.filter((t) => !seen.has(t.testId));
  const events: EventBody[] = missing.map((test) => ({
    type: 'judge.test',
    submissionId: judging.submissionId,
    test,
  }));
  const tests = [...judging.tests, ...missing];
  events.push({
    type: 'judge.final',
    submissionId: judging.submissionId,
    mode: judging.mode,
    verdict: command.verdict,
    message: command.message,
    compileOutput: command.compileOutput,
    passed: tests.filter((t) => t.verdict === 'ACCEPTED').length,
    total: command.testCount,
  });
  const next: RoomState = { ...state, game: { ...game, judging: null } };
  if (command.verdict === 'ACCEPTED' && judging.mode === 'full' && state.phase === 'RELAY') {
    const ended = endGame(next, next.game!, 'SOLVED', now);
    return { ...ended, events: [...events, ...ended.events] };
  }
  return { state: next, events, timers: [] };
}

function endGame(state: RoomState, game: GameState, outcome: GameOutcome, now: number): Decision {
  const turns = game.turn ? [...game.turns.slice(0, -1), { ...game.turn, endsAt: now }] : game.turns;
  const next: RoomState = {
    ...state,
    phase: 'RESULT',
    game: {
      ...game,
      turns,
      turn: null,
      judging: null,
      outcome,
      endedAt: now,
      phaseEndsAt: now + RESULT_SECONDS * 1000,
    },
  };
  return {
    state: next,
    // `game.ended` follows once the game's record is stored (the `announce` command).
    events: [phaseChanged(next, false)],
    timers: [
      { key: timerKey(state.id, 'announce', game.id), dueAt: now + ANNOUNCE_WATCH_MS },
      { key: timerKey(state.id, 'result', game.id), dueAt: now + RESULT_SECONDS * 1000 },
    ],
    ended: outcome,
  };
}

function phaseChanged(state: RoomState, withCode: boolean): EventBody {
  return {
    type: 'phase.changed',
    phase: state.phase,
    room: toView(state, null),
    code: withCode && state.game ? { doc: state.game.initialCode, version: 0 } : null,
  };
}

function requirePlayer(state: RoomState, userId: string): void {
  if (!isPlayer(state, userId)) throw refuse('NOT_IN_ROOM', 'you are not a player of this room');
}

function requireRelay(state: RoomState): GameState {
  if (state.phase !== 'RELAY' || !state.game) throw refuse('WRONG_PHASE', `the room is in ${state.phase}`);
  return state.game;
}

function requireNotActive(state: RoomState, userId: string, message: string): void {
  if (activePlayerOf(state) === userId) throw refuse('CHAT_DISABLED', message);
}

const unchanged = (state: RoomState): Decision => ({ state, events: [], timers: [] });

/** The next look at a running judgement; the due time is in the key, as a fired key is completed (removed). */
function judgingWatch(roomId: string, submissionId: string, now: number): TimerRequest {
  const dueAt = now + JUDGING_WATCH_MS;
  return { key: timerKey(roomId, 'judging', `${submissionId}@${dueAt}`), dueAt };
}

/** The room as a viewer sees it: the join code only for its players. */
export function toView(state: RoomState, viewerId: string | null): RoomView {
  const game = state.game;
  return {
    id: state.id,
    name: state.name,
    language: state.language,
    maxPlayers: state.maxPlayers,
    turnSeconds: state.turnSeconds,
    strategySeconds: state.strategySeconds,
    timeCapMinutes: state.timeCapMinutes,
    private: state.private,
    joinCode: viewerId !== null && isPlayer(state, viewerId) ? state.joinCode : null,
    hostId: state.hostId,
    phase: state.phase,
    players: state.players,
    game: game
      ? {
          id: game.id,
          problem: game.problem,
          startedAt: game.startedAt,
          phaseEndsAt: game.phaseEndsAt,
          endsAt: game.endsAt,
          turn: game.turn,
          judging: game.judging,
          submissions: game.submissions,
        }
      : null,
    lastGameId: state.lastGameId,
  };
}

export function toSummary(state: RoomState): RoomSummary {
  return {
    id: state.id,
    name: state.name,
    language: state.language,
    phase: state.phase,
    private: state.private,
    hostNickname: state.players.find((p) => p.userId === state.hostId)?.nickname ?? '',
    players: state.players.length,
    maxPlayers: state.maxPlayers,
    problemTitle: state.game?.problem.title ?? null,
    createdAt: state.createdAt,
  };
}
