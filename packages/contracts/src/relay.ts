import { z } from 'zod';
import { Language, Verdict } from './grading.js';
import { DictationSummary, Difficulty, SubmissionMode, SubmissionTestResult } from './compile.js';

/**
 * The relay service's wire: REST bodies under `/api/relay` and `/api/rankings`, and the messages of
 * the one WebSocket per client at `/api/relay/ws`. docs/relay-protocol.md explains the flow.
 *
 * Every WebSocket frame is one JSON object with a `type`. Room events carry `roomId` and a per-room
 * `seq` (1, 2, 3… without gaps): a client remembers the last `seq` it applied per room and sends it
 * back as `afterSeq` when it (re)subscribes, on any replica, to get exactly the events it missed.
 */

/**
 * Why the relay closed a socket, beyond the standard codes (docs/relay-protocol.md): the client
 * reconnects with a fresh token after `tokenExpired`, signs in again after `sessionEnded`, and waits
 * long before trying again after `tooManySockets`.
 */
export const RelayCloseCode = {
  /** The access token the socket lives on expired and was not renewed (`auth.renew`). */
  tokenExpired: 4401,
  /** The sign-in ended: logout, sign-out everywhere, or a stolen refresh token. */
  sessionEnded: 4403,
  /** The user already has the most sockets allowed (`SOCKETS_PER_USER`); this new one is refused. */
  tooManySockets: 4429,
} as const;

/** Largest WebSocket frame a client may send, in bytes; larger frames close the socket (1009). */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;
export const MAX_CHAT_CHARS = 200;
export const LOBBY_CHAT_HISTORY = 100;
/** Longest code the shared editor may hold, in characters (the compile service caps sources at 64 KiB). */
export const MAX_CODE_CHARS = 60_000;
/** How long a ping or a reaction stays on screen. */
export const MARKER_DISPLAY_MS = 3_000;

export const RoomPhase = z.enum(['WAITING', 'STRATEGY', 'RELAY', 'RESULT']);
export type RoomPhase = z.infer<typeof RoomPhase>;

export const Reaction = z.enum(['thumb', 'question', 'sad', 'fire', 'laugh', 'clap', 'heart', 'eyes']);
export type Reaction = z.infer<typeof Reaction>;

const RoomId = z.uuid();
const UserId = z.string().min(1).max(100);
const ChatText = z
  .string()
  .trim()
  .min(1, 'message is empty')
  .max(MAX_CHAT_CHARS, `at most ${MAX_CHAT_CHARS} characters`);
/** A client's own correlation id, echoed in the `ack` or `error` that answers the message. */
const RequestId = z.string().max(64).optional();

// ---------------------------------------------------------------- REST

export const CreateRoomRequest = z.object({
  name: z.string().trim().min(1).max(30),
  language: Language,
  maxPlayers: z.number().int().min(2).max(4).default(4),
  turnSeconds: z.number().int().min(30).max(300).default(60),
  strategySeconds: z.number().int().min(0).max(300).default(60),
  /** The game's time cap, in minutes. */
  timeCapMinutes: z.number().int().min(5).max(120).default(30),
  /** A random problem of this difficulty (any when omitted) for the language, unless `problem` names one. */
  difficulty: Difficulty.optional(),
  /** A problem slug or id chosen by the host. */
  problem: z.string().min(1).max(64).optional(),
  /** Private rooms are left out of the list and joined with their code. */
  private: z.boolean().default(false),
});
export type CreateRoomRequest = z.infer<typeof CreateRoomRequest>;
export type CreateRoomInput = z.input<typeof CreateRoomRequest>;

export const JoinByCodeRequest = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/, 'a join code is 6 letters or digits'),
});
export type JoinByCodeRequest = z.infer<typeof JoinByCodeRequest>;

export const ProblemRef = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.object({ ko: z.string(), en: z.string() }),
  difficulty: Difficulty,
});
export type ProblemRef = z.infer<typeof ProblemRef>;

export const PlayerView = z.object({
  userId: UserId,
  nickname: z.string(),
  ready: z.boolean(),
  /** Has a connection subscribed to the room right now. */
  online: z.boolean(),
  joinedAt: z.number().int(),
});
export type PlayerView = z.infer<typeof PlayerView>;

export const TurnView = z.object({
  /** 1 for the first turn of a game. */
  number: z.number().int().positive(),
  userId: UserId,
  startedAt: z.number().int(),
  endsAt: z.number().int(),
});
export type TurnView = z.infer<typeof TurnView>;

export const JudgingView = z.object({
  submissionId: z.string(),
  mode: SubmissionMode,
  by: UserId,
  /** The code version that was submitted. */
  codeVersion: z.number().int().nonnegative(),
  startedAt: z.number().int(),
  tests: z.array(SubmissionTestResult),
});
export type JudgingView = z.infer<typeof JudgingView>;

export const RoomSummary = z.object({
  id: RoomId,
  name: z.string(),
  language: Language,
  phase: RoomPhase,
  private: z.boolean(),
  hostNickname: z.string(),
  players: z.number().int(),
  maxPlayers: z.number().int(),
  problemTitle: z.object({ ko: z.string(), en: z.string() }).nullable(),
  createdAt: z.number().int(),
});
export type RoomSummary = z.infer<typeof RoomSummary>;

/** Rooms per page of the room list, and on the lobby's first screen. */
export const ROOM_PAGE_SIZE = 50;

/** `GET /api/relay/rooms?limit=&cursor=`: newest first; `cursor` is the `nextCursor` of the page before. */
export const RoomListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(ROOM_PAGE_SIZE),
  cursor: z.string().max(200).optional(),
});
export type RoomListQuery = z.infer<typeof RoomListQuery>;

export const RoomList = z.object({
  items: z.array(RoomSummary),
  /** Where the next page starts; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type RoomList = z.infer<typeof RoomList>;

/** Everything a client needs to draw a room; sent on subscribe and after a gap too old to replay. */
export const RoomView = z.object({
  id: RoomId,
  name: z.string(),
  language: Language,
  maxPlayers: z.number().int(),
  turnSeconds: z.number().int(),
  strategySeconds: z.number().int(),
  timeCapMinutes: z.number().int(),
  private: z.boolean(),
  /** Only shown to the room's players. */
  joinCode: z.string().nullable(),
  hostId: UserId,
  phase: RoomPhase,
  players: z.array(PlayerView),
  /** The current game, from STRATEGY through RESULT. */
  game: z
    .object({
      id: z.uuid(),
      problem: ProblemRef,
      startedAt: z.number().int(),
      /** End of the strategy phase, or of the result screen. */
      phaseEndsAt: z.number().int().nullable(),
      /** The time cap. */
      endsAt: z.number().int(),
      turn: TurnView.nullable(),
      judging: JudgingView.nullable(),
      submissions: z.number().int(),
    })
    .nullable(),
  /** The last finished game of this room, for the result screen. */
  lastGameId: z.uuid().nullable(),
});
export type RoomView = z.infer<typeof RoomView>;

/** The shared editor at one version: the document and the version its operations continue from. */
export const CodeSnapshot = z.object({ doc: z.string(), version: z.number().int().nonnegative() });
export type CodeSnapshot = z.infer<typeof CodeSnapshot>;

// ---------------------------------------------------------------- code operations

/**
 * A CodeMirror `ChangeSet.toJSON()`: an array where a number keeps that many characters and an array
 * `[deleted, ...insertedLines]` replaces. Checked structurally here and against the document on the
 * server (its length must match the document's).
 */
export const ChangeSetJson = z
  .array(
    z.union([z.number().int().nonnegative(), z.array(z.union([z.number().int().nonnegative(), z.string()]))]),
  )
  .max(2_000);
export type ChangeSetJson = z.infer<typeof ChangeSetJson>;

/** A selection head and anchor, as document offsets. */
export const Cursor = z.object({
  anchor: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
});
export type Cursor = z.infer<typeof Cursor>;

/** One operation of the log: the change from `version - 1` to `version`. */
export const CodeOperation = z.object({
  version: z.number().int().positive(),
  changes: ChangeSetJson,
  cursor: Cursor.nullable(),
  userId: UserId,
  /** Server time it was accepted, ms since the epoch. */
  at: z.number().int(),
});
export type CodeOperation = z.infer<typeof CodeOperation>;

// ---------------------------------------------------------------- client → server

export const ClientMessage = z.discriminatedUnion('type', [
  /** Start (or resume) receiving a room's events; `afterSeq` is the last seq applied, 0 or absent for a snapshot. */
  z.object({
    type: z.literal('room.subscribe'),
    id: RequestId,
    roomId: RoomId,
    afterSeq: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('room.unsubscribe'), id: RequestId, roomId: RoomId }),
  z.object({ type: z.literal('lobby.subscribe'), id: RequestId }),
  z.object({ type: z.literal('lobby.unsubscribe'), id: RequestId }),
  z.object({ type: z.literal('lobby.chat'), id: RequestId, text: ChatText }),
  z.object({ type: z.literal('ready'), id: RequestId, roomId: RoomId, ready: z.boolean() }),
  z.object({ type: z.literal('start'), id: RequestId, roomId: RoomId }),
  z.object({ type: z.literal('leave'), id: RequestId, roomId: RoomId }),
  z.object({ type: z.literal('pass'), id: RequestId, roomId: RoomId }),
  /**
   * The active player's edit, based on `version` (the version the client's document is at). A stale
   * base is refused with the current version in `error.details`: pull the missing operations (they
   * arrive as events), rebase, resend.
   */
  z.object({
    type: z.literal('code.push'),
    id: RequestId,
    roomId: RoomId,
    version: z.number().int().nonnegative(),
    changes: ChangeSetJson,
    cursor: Cursor.nullable().default(null),
  }),
  /** Run the samples (`sample`) or submit for judging on every test (`full`). */
  z.object({ type: z.literal('judge'), id: RequestId, roomId: RoomId, mode: SubmissionMode }),
  z.object({ type: z.literal('chat'), id: RequestId, roomId: RoomId, text: ChatText }),
  z.object({ type: z.literal('reaction'), id: RequestId, roomId: RoomId, reaction: Reaction }),
  /** Points at a spot in the code, as a document offset. */
  z.object({ type: z.literal('ping'), id: RequestId, roomId: RoomId, pos: z.number().int().nonnegative() }),
  /** Keep-alive; answered with `pong`. */
  z.object({ type: z.literal('heartbeat'), id: RequestId }),
  /**
   * A fresh access token of the same user, before the one the socket opened with expires: the socket
   * then lives until the new token's expiry (else it closes with RelayCloseCode.tokenExpired).
   * Answered with an `ack` carrying `{ expiresAt }` (seconds since the epoch).
   */
  z.object({ type: z.literal('auth.renew'), id: RequestId, accessToken: z.string().min(1).max(4096) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];

// ---------------------------------------------------------------- room events (sequenced)

export const PlayerStats = z.object({
  userId: UserId,
  nickname: z.string(),
  /** Characters inserted by the player. */
  typed: z.number().int().nonnegative(),
  /** Characters of the final code the player inserted (attributed through the log). */
  surviving: z.number().int().nonnegative(),
  /** Time holding the turn, and the part of it without an edit for 3 s or more, in ms. */
  activeMs: z.number().int().nonnegative(),
  idleMs: z.number().int().nonnegative(),
  /** Characters typed per minute of active time (over MAX_PLAUSIBLE_CPM: pasted, not typed). */
  cpm: z.number().nonnegative(),
});
export type PlayerStats = z.infer<typeof PlayerStats>;

export const Award = z.object({
  kind: z.enum(['best-contributor', 'fastest-typist', 'most-idle']),
  userId: UserId,
  nickname: z.string(),
  value: z.number(),
  unit: z.enum(['chars', 'cpm', 'seconds']),
});
export type Award = z.infer<typeof Award>;

export const GameOutcome = z.enum(['SOLVED', 'TIME_UP', 'ABANDONED']);
export type GameOutcome = z.infer<typeof GameOutcome>;

export const GameResult = z.object({
  gameId: z.uuid(),
  roomId: RoomId,
  problem: ProblemRef,
  language: Language,
  outcome: GameOutcome,
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  submissions: z.number().int(),
  finalCode: z.string(),
  codeVersion: z.number().int(),
  players: z.array(PlayerStats),
  awards: z.array(Award),
});
export type GameResult = z.infer<typeof GameResult>;

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({
    type: z.literal(type),
    roomId: RoomId,
    seq: z.number().int().positive(),
    at: z.number().int(),
    ...shape,
  });

export const RoomEvent = z.discriminatedUnion('type', [
  event('player.joined', { player: PlayerView }),
  event('player.left', { userId: UserId, reason: z.enum(['left', 'kicked']) }),
  event('player.ready', { userId: UserId, ready: z.boolean() }),
  event('player.presence', { userId: UserId, online: z.boolean() }),
  event('host.changed', { hostId: UserId }),
  /** A new phase; `room` is the whole view after the change (phases change rarely). */
  event('phase.changed', { phase: RoomPhase, room: RoomView, code: CodeSnapshot.nullable() }),
  event('turn.started', {
    turn: TurnView,
    skipped: z.array(UserId),
    reason: z.enum(['start', 'timeout', 'pass', 'left']),
  }),
  event('code.op', { op: CodeOperation }),
  event('chat', { userId: UserId, nickname: z.string(), text: z.string() }),
  event('reaction', { userId: UserId, reaction: Reaction, until: z.number().int() }),
  event('ping', { userId: UserId, pos: z.number().int(), until: z.number().int() }),
  event('judge.started', { judging: JudgingView }),
  event('judge.test', { submissionId: z.string(), test: SubmissionTestResult }),
  event('judge.final', {
    submissionId: z.string(),
    mode: SubmissionMode,
    verdict: Verdict,
    message: z.string().nullable(),
    compileOutput: z.string().nullable(),
    passed: z.number().int(),
    total: z.number().int(),
  }),
  event('game.ended', { result: GameResult }),
  /** The room is gone (its last player left); unsubscribe. */
  event('room.closed', {}),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
export type RoomEventType = RoomEvent['type'];
/** A room event before the store numbers it. */
export type RoomEventDraft = RoomEvent extends infer E
  ? E extends RoomEvent
    ? Omit<E, 'seq'>
    : never
  : never;

// ---------------------------------------------------------------- server → client (not sequenced)

export const LobbyChatMessage = z.object({
  userId: UserId,
  nickname: z.string(),
  text: z.string(),
  at: z.number().int(),
});
export type LobbyChatMessage = z.infer<typeof LobbyChatMessage>;

export const OnlineUser = z.object({ userId: UserId, nickname: z.string() });
export type OnlineUser = z.infer<typeof OnlineUser>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    userId: UserId,
    nickname: z.string(),
    serverTime: z.number().int(),
    replica: z.string(),
  }),
  /** Answers a client message that carried an `id` and succeeded. */
  z.object({ type: z.literal('ack'), id: z.string(), data: z.unknown().optional() }),
  z.object({
    type: z.literal('error'),
    /** The `id` of the message refused, when it had one. */
    id: z.string().optional(),
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  z.object({ type: z.literal('pong'), id: z.string().optional(), serverTime: z.number().int() }),
  /** The room at `seq`; events with a higher seq follow. */
  z.object({
    type: z.literal('room.snapshot'),
    roomId: RoomId,
    seq: z.number().int().nonnegative(),
    room: RoomView,
    code: CodeSnapshot.nullable(),
  }),
  z.object({
    type: z.literal('lobby.snapshot'),
    /** The first page of the room list; the rest is paged in with `GET /api/relay/rooms?cursor=`. */
    rooms: z.array(RoomSummary),
    roomsNextCursor: z.string().nullable(),
    chat: z.array(LobbyChatMessage),
    online: z.array(OnlineUser),
  }),
  z.object({ type: z.literal('lobby.room'), room: RoomSummary }),
  z.object({ type: z.literal('lobby.room.removed'), roomId: RoomId }),
  z.object({ type: z.literal('lobby.chat'), message: LobbyChatMessage }),
  z.object({ type: z.literal('lobby.online'), online: z.array(OnlineUser) }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Any frame the server sends: a room event or one of the unsequenced messages. */
export type ServerFrame = RoomEvent | ServerMessage;

// ---------------------------------------------------------------- results, replays, rankings

export const GameRecord = GameResult.extend({
  /** The editor's first document; the operations rebuild every later one. */
  initialCode: z.string(),
  operations: z.array(CodeOperation),
  turns: z.array(TurnView),
  /** Rating change per player, applied once when the game was recorded. */
  ratingChanges: z.array(z.object({ userId: UserId, before: z.number(), after: z.number() })),
});
export type GameRecord = z.infer<typeof GameRecord>;

/** One finished game as a player's history lists it: what, when, how, with whom, and their rating change. */
export const GameSummary = GameResult.pick({
  gameId: true,
  roomId: true,
  problem: true,
  language: true,
  outcome: true,
  startedAt: true,
  endedAt: true,
}).extend({
  players: z.array(PlayerStats.pick({ userId: true, nickname: true })),
  rating: z.object({ before: z.number(), after: z.number() }).nullable(),
});
export type GameSummary = z.infer<typeof GameSummary>;

/** One accepted dictation run, as a player's history lists it. */
export const DictationRun = DictationSummary.pick({ language: true, algorithm: true, title: true }).extend({
  dictationId: z.uuid(),
  cpm: z.number().int(),
  accuracy: z.number(),
  durationMs: z.number().int(),
  /** When it was recorded, ms since the epoch. */
  at: z.number().int(),
});
export type DictationRun = z.infer<typeof DictationRun>;

/** Most games, and most dictation runs, a player profile lists, newest first. */
export const PROFILE_GAMES = 20;

/** `GET /api/relay/players/:id`: a player's relay rating, best dictation speed, their ranks, recent games and dictation runs. */
export const PlayerProfile = z.object({
  userId: UserId,
  /** The last nickname the relay saw (null for a user who has neither played nor typed a dictation). */
  nickname: z.string().nullable(),
  rating: z.number().nullable(),
  ratingRank: z.number().int().positive().nullable(),
  bestCpm: z.number().nullable(),
  cpmRank: z.number().int().positive().nullable(),
  games: z.array(GameSummary),
  dictations: z.array(DictationRun),
});
export type PlayerProfile = z.infer<typeof PlayerProfile>;

export const RankingQuery = z.object({
  by: z.enum(['rating', 'cpm']).default('rating'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type RankingQuery = z.infer<typeof RankingQuery>;

export const RankingEntry = z.object({
  rank: z.number().int().positive(),
  userId: UserId,
  nickname: z.string(),
  value: z.number(),
});
export type RankingEntry = z.infer<typeof RankingEntry>;

export const RankingList = z.object({
  by: z.enum(['rating', 'cpm']),
  items: z.array(RankingEntry),
  total: z.number().int(),
});
export type RankingList = z.infer<typeof RankingList>;

// ---------------------------------------------------------------- dictation results

/**
 * The one speed limit of typing (docs/web.md, "Typing speed"): nobody types code faster, by a wide
 * margin. A dictation run above it is refused; a relay player above it pasted rather than typed, and
 * is neither awarded "fastest typist" nor shown a typing speed.
 */
export const MAX_PLAUSIBLE_CPM = 1_200;

/** The most keystrokes one dictation result may carry. */
export const MAX_DICTATION_KEYSTROKES = 20_000;

/**
 * One keystroke of a dictation run: `t` ms since the run's first keystroke (non-decreasing), `k` a
 * typed character, `Backspace`, or `Enter`.
 */
export const DictationKeystroke = z.object({
  t: z.number().int().nonnegative().max(3_600_000),
  k: z.union([z.string().min(1).max(2), z.enum(['Backspace', 'Enter'])]),
});
export type DictationKeystroke = z.infer<typeof DictationKeystroke>;

/**
 * A finished dictation run. The relay owns dictation results (it owns rankings): it replays the
 * keystrokes against the snippet from the compile service, recomputes CPM and accuracy, and refuses a
 * run whose totals differ from the client's or whose timeline is not humanly possible.
 */
export const DictationResultRequest = z.object({
  dictationId: z.uuid(),
  keystrokes: z.array(DictationKeystroke).min(1).max(MAX_DICTATION_KEYSTROKES),
  /** What the client showed; checked against the server's own count. */
  cpm: z.number().nonnegative(),
  accuracy: z.number().min(0).max(100),
});
export type DictationResultRequest = z.infer<typeof DictationResultRequest>;

export const DictationResult = z.object({
  cpm: z.number().int(),
  accuracy: z.number(),
  durationMs: z.number().int(),
  /** The user's best CPM, this run included, and its rank. */
  best: z.number().int(),
  rank: z.number().int().positive(),
});
export type DictationResult = z.infer<typeof DictationResult>;
