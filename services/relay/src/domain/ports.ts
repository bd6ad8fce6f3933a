import type {
  DictationRun,
  GameRecord,
  GameSummary,
  LobbyChatMessage,
  OnlineUser,
  RankingEntry,
  RoomSummary,
} from '@corazy/contracts';
import type { RoomState, TimerRequest } from './room.js';

/**
 * The relay's state, shared by every replica. Redis in a deployment (adapters/redis-stores.ts), process
 * memory for the embedded platform (adapters/memory-stores.ts); one contract suite runs against both.
 */

/**
 * Events a room's log keeps, newest: a client that missed more than these gets a snapshot instead of
 * the events. Without a bound, a long-lived room's log grows by every keystroke of every game.
 */
export const EVENTS_KEPT = 2_000;

export interface StoreOptions {
  /** EVENTS_KEPT unless given (tests give a few). */
  eventsKept?: number;
}

export interface LoadedRoom {
  state: RoomState;
  /** The seq of the room's last event: the version the state is at. */
  seq: number;
}

export interface Commit {
  roomId: string;
  /** The seq the state was read at: the commit is refused when the room has moved on since. */
  expectedSeq: number;
  /** null deletes the room. */
  state: RoomState | null;
  /** Serialised events without `seq` (each a JSON object); the store numbers them in order. */
  events: string[];
  timers: TimerRequest[];
  /** Who may push code once this commits (the active player), or nobody. */
  activeUserId: string | null;
  /** A new game: the code log restarts from this document at version 0. */
  resetCode?: { gameId: string; doc: string };
  /** The room's new line in the public lobby list, null to remove it, undefined when it is unchanged. */
  summary?: RoomSummary | null;
}

export type CommitOutcome = { ok: true; seq: number } | { ok: false };

export interface CodePush {
  roomId: string;
  userId: string;
  /** The version the operation applies to; it becomes `baseVersion + 1`. */
  baseVersion: number;
  /** The document length the operation applies to, and the length after it. */
  length: number;
  newLength: number;
  /** The operation as stored in the code log (CodeOperation JSON). */
  operation: string;
  /** The `code.op` event without `seq`. */
  event: string;
}

export type PushOutcome =
  /** `event`: the `code.op` event as stored and published, `seq` included. */
  | { ok: true; seq: number; event: string }
  | { ok: false; reason: 'not-active' }
  | { ok: false; reason: 'stale'; version: number }
  /** The operation was made for a document of another length: a corrupt or forged change. */
  | { ok: false; reason: 'length'; length: number };

export interface CodeLog {
  /** The game the log belongs to (empty before the first game). */
  gameId: string;
  initialDoc: string;
  /** CodeOperation JSON, versions `fromVersion + 1` onwards. */
  operations: string[];
}

/** The current game's document at a version, so that a snapshot replays the operations after it only. */
export interface CodeCheckpoint {
  gameId: string;
  version: number;
  doc: string;
}

/** A room at one instant: its state and the current game's code, from the last checkpoint on. */
export interface RoomSnapshot extends LoadedRoom {
  gameId: string;
  /** The document at `base.version`: the latest checkpoint's, or the game's first at version 0. */
  base: { version: number; doc: string };
  /** CodeOperation JSON, versions `base.version + 1` onwards. */
  operations: string[];
}

/** Room state, event logs, code logs and the room-event fan-out. */
export interface RoomStore {
  load(roomId: string): Promise<LoadedRoom | undefined>;
  /** Atomically: state, the numbered events appended to the log and published, timers armed. */
  commit(commit: Commit): Promise<CommitOutcome>;
  /**
   * Appends a code operation when `userId` is the active player, `baseVersion` is current and the
   * document has the length the operation was made for: one round trip, no document read.
   */
  pushCode(push: CodePush): Promise<PushOutcome>;
  /**
   * Events with seq > afterSeq, in order (serialised, `seq` included); undefined when the log cannot
   * serve it: no such room, a seq it never reached, or events it no longer keeps.
   */
  readEvents(roomId: string, afterSeq: number): Promise<string[] | undefined>;
  readCode(roomId: string, fromVersion: number): Promise<CodeLog>;
  /** State, seq and the code from the last checkpoint, read at one instant. */
  snapshot(roomId: string): Promise<RoomSnapshot | undefined>;
  /**
   * Keeps a checkpoint of the current game's code. Ignored unless it is for the current game, within
   * its log, and later than the checkpoint kept; a new game drops the checkpoint.
   */
  saveCheckpoint(roomId: string, checkpoint: CodeCheckpoint): Promise<void>;
  /** Receives every event of the room published from now on, on any replica (`seq` and the JSON). */
  subscribe(roomId: string, listener: (seq: number, event: string) => void): Promise<() => Promise<void>>;
  listRooms(): Promise<RoomSummary[]>;
  setJoinCode(code: string, roomId: string | null): Promise<boolean>;
  roomIdByCode(code: string): Promise<string | undefined>;
  /** The room each user plays in; one at a time. */
  setUserRoom(userId: string, roomId: string | null): Promise<void>;
  userRoom(userId: string): Promise<string | undefined>;
  /** The seq of each room's last event (0 for a room without events), in one read. */
  lastSeqs(roomIds: readonly string[]): Promise<number[]>;
}

/** Server-owned timers: due keys are claimed by one replica at a time, and again if it dies before completing. */
export interface TimerQueue {
  /** Keys due at `now`, each leased to the caller until `now + leaseMs`. */
  claimDue(now: number, leaseMs: number, limit: number): Promise<string[]>;
  complete(key: string): Promise<void>;
  /** The due time of a key, for tests and diagnostics. */
  dueAt(key: string): Promise<number | undefined>;
}

/** Who is connected to which room, kept alive by heartbeats so a dead replica's clients expire. */
export interface PresenceEntry {
  userId: string;
  connectionId: string;
}

export interface Presence {
  /** Marks connections to a room alive for `ttlMs` more; a heartbeat touches all of a room's at once. */
  touch(roomId: string, entries: readonly PresenceEntry[], ttlMs: number): Promise<void>;
  remove(roomId: string, userId: string, connectionId: string): Promise<void>;
  /** Users with at least one live connection to the room. */
  online(roomId: string): Promise<Set<string>>;
}

export type LobbyMessage =
  | { type: 'lobby.room'; room: RoomSummary }
  | { type: 'lobby.room.removed'; roomId: string }
  | { type: 'lobby.chat'; message: LobbyChatMessage };

export interface Lobby {
  addChat(message: LobbyChatMessage, keep: number): Promise<void>;
  chat(): Promise<LobbyChatMessage[]>;
  /** Marks users online for `ttlMs` more. */
  seen(users: readonly OnlineUser[], ttlMs: number): Promise<void>;
  online(): Promise<OnlineUser[]>;
  publish(message: LobbyMessage): Promise<void>;
  subscribe(listener: (message: LobbyMessage) => void): Promise<() => Promise<void>>;
}

/** How many recent games, and dictation runs, per user the Redis and memory archives keep (PostgreSQL keeps all). */
export const HISTORY_KEPT_PER_USER = 100;

/** Finished games (results and replays), ratings and best dictation speeds. */
export interface GameArchive {
  /**
   * Stores a finished game once. The first call for a game applies its rating changes and answers
   * true; later calls (a replica retrying after another recorded it) change nothing. A change is
   * applied as its difference (after − before) to the stored rating, so two games of one player
   * that end at once, both computed from the same rating, both count.
   */
  record(record: GameRecord): Promise<boolean>;
  game(gameId: string): Promise<GameRecord | undefined>;
  ratings(userIds: readonly string[]): Promise<Map<string, number>>;
  ranking(
    by: 'rating' | 'cpm',
    offset: number,
    limit: number,
  ): Promise<{ items: RankingEntry[]; total: number }>;
  /** 1 for the best, undefined when the user is not ranked. */
  rankOf(by: 'rating' | 'cpm', userId: string): Promise<number | undefined>;
  /** The user's last known nickname, rating and best CPM (each undefined when the relay has none). */
  player(
    userId: string,
  ): Promise<{ nickname: string | undefined; rating: number | undefined; bestCpm: number | undefined }>;
  /** The user's finished games, newest first. */
  gamesOf(userId: string, limit: number): Promise<GameSummary[]>;
  /** Adds an accepted dictation run to the user's history. */
  recordDictationRun(userId: string, run: DictationRun): Promise<void>;
  /** The user's dictation runs, newest first. */
  dictationsOf(userId: string, limit: number): Promise<DictationRun[]>;
  /** Keeps the user's best dictation CPM; answers the best after the call. */
  recordCpm(userId: string, nickname: string, cpm: number): Promise<number>;
}

export interface RelayStores {
  rooms: RoomStore;
  timers: TimerQueue;
  presence: Presence;
  lobby: Lobby;
  archive: GameArchive;
  ping(): Promise<void>;
  close(): Promise<void>;
}
