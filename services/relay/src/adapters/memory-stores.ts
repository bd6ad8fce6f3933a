import type {
  DictationRun,
  GameRecord,
  GameSummary,
  LobbyChatMessage,
  OnlineUser,
  RoomSummary,
} from '@corazy/contracts';
import {
  EVENTS_KEPT,
  HISTORY_KEPT_PER_USER,
  type Commit,
  type LobbyMessage,
  type RelayStores,
  type StoreOptions,
} from '../domain/ports.js';
import { summarize } from '../domain/results.js';
import type { RoomState } from '../domain/room.js';
import { numbered, seqOf } from './sequence.js';

interface RoomRecord {
  state: string | null;
  seq: number;
  log: string[];
  ops: string[];
  gameId: string;
  initialDoc: string;
  length: number;
  active: string | null;
  checkpoint: { version: number; doc: string } | null;
}

/**
 * The relay's state in process memory, for the embedded platform (one replica). Same semantics as the
 * Redis stores, checked by the same contract suite: states are kept serialised so that a caller never
 * shares an object with the store, and events reach listeners asynchronously, in order, as they would
 * over pub/sub.
 */
export function memoryStores({ eventsKept = EVENTS_KEPT }: StoreOptions = {}): RelayStores {
  const rooms = new Map<string, RoomRecord>();
  const roomList = new Map<string, RoomSummary>();
  const joinCodes = new Map<string, string>();
  const userRooms = new Map<string, string>();
  const timers = new Map<string, number>();
  const presence = new Map<string, Map<string, number>>();
  const chat: LobbyChatMessage[] = [];
  const online = new Map<string, { nickname: string; until: number }>();
  const games = new Map<string, string>();
  const ratings = new Map<string, number>();
  const cpm = new Map<string, number>();
  const nicknames = new Map<string, string>();
  /** Newest first. */
  const histories = new Map<string, GameSummary[]>();
  const dictationRuns = new Map<string, DictationRun[]>();
  const channels = new Map<string, Set<(message: string) => void>>();

  const publish = (channel: string, message: string) => {
    for (const listener of channels.get(channel) ?? []) queueMicrotask(() => listener(message));
  };
  const listen = async (channel: string, listener: (message: string) => void) => {
    let set = channels.get(channel);
    if (!set) channels.set(channel, (set = new Set()));
    set.add(listener);
    return async () => {
      set.delete(listener);
    };
  };
  const roomOf = (roomId: string): RoomRecord => {
    let room = rooms.get(roomId);
    if (!room)
      rooms.set(
        roomId,
        (room = {
          state: null,
          seq: 0,
          log: [],
          ops: [],
          gameId: '',
          initialDoc: '',
          length: 0,
          active: null,
          checkpoint: null,
        }),
      );
    return room;
  };
  const parse = (json: string | null) => (json ? (JSON.parse(json) as RoomState) : undefined);

  return {
    rooms: {
      async load(roomId) {
        const room = rooms.get(roomId);
        const state = parse(room?.state ?? null);
        return state && room ? { state, seq: room.seq } : undefined;
      },
      async commit(commit: Commit) {
        const room = roomOf(commit.roomId);
        if (room.seq !== commit.expectedSeq) return { ok: false };
        for (const timer of commit.timers) timers.set(timer.key, timer.dueAt);
        for (const event of commit.events) {
          const stored = numbered(++room.seq, event);
          room.log.push(stored);
          publish(`room:${commit.roomId}`, stored);
        }
        room.log.splice(0, room.log.length - eventsKept);
        if (commit.state === null) {
          room.state = null;
          room.ops = [];
          room.active = null;
          room.checkpoint = null;
        } else {
          room.state = JSON.stringify(commit.state);
          room.active = commit.activeUserId;
          if (commit.resetCode !== undefined) {
            room.ops = [];
            room.gameId = commit.resetCode.gameId;
            room.initialDoc = commit.resetCode.doc;
            room.length = commit.resetCode.doc.length;
            room.checkpoint = null;
          }
        }
        if (commit.summary === null) {
          roomList.delete(commit.roomId);
          publish(
            'lobby',
            JSON.stringify({ type: 'lobby.room.removed', roomId: commit.roomId } satisfies LobbyMessage),
          );
        } else if (commit.summary) {
          roomList.set(commit.roomId, commit.summary);
          publish(
            'lobby',
            JSON.stringify({ type: 'lobby.room', room: commit.summary } satisfies LobbyMessage),
          );
        }
        return { ok: true, seq: room.seq };
      },
      async pushCode(push) {
        const room = rooms.get(push.roomId);
        if (!room || room.active !== push.userId) return { ok: false, reason: 'not-active' };
        if (room.ops.length !== push.baseVersion)
          return { ok: false, reason: 'stale', version: room.ops.length };
        if (room.length !== push.length) return { ok: false, reason: 'length', length: room.length };
        room.length = push.newLength;
        room.ops.push(push.operation);
        const stored = numbered(++room.seq, push.event);
        room.log.push(stored);
        room.log.splice(0, room.log.length - eventsKept);
        publish(`room:${push.roomId}`, stored);
        return { ok: true, seq: room.seq, event: stored };
      },
      async readEvents(roomId, afterSeq) {
        const room = rooms.get(roomId);
        if (!room || room.seq === 0 || afterSeq > room.seq) return undefined;
        const wanted = room.seq - afterSeq;
        if (wanted > room.log.length) return undefined;
        return wanted === 0 ? [] : room.log.slice(-wanted);
      },
      async readCode(roomId, fromVersion) {
        const room = rooms.get(roomId);
        return {
          gameId: room?.gameId ?? '',
          initialDoc: room?.initialDoc ?? '',
          operations: room?.ops.slice(fromVersion) ?? [],
        };
      },
      async snapshot(roomId) {
        const room = rooms.get(roomId);
        const state = parse(room?.state ?? null);
        if (!state || !room) return undefined;
        const base = room.checkpoint ?? { version: 0, doc: room.initialDoc };
        return { state, seq: room.seq, gameId: room.gameId, base, operations: room.ops.slice(base.version) };
      },
      async saveCheckpoint(roomId, { gameId, version, doc }) {
        const room = rooms.get(roomId);
        if (!room?.state || room.gameId !== gameId || version > room.ops.length) return;
        if (version > (room.checkpoint?.version ?? 0)) room.checkpoint = { version, doc };
      },
      subscribe: (roomId, listener) =>
        listen(`room:${roomId}`, (message) => listener(seqOf(message), message)),
      async listRooms() {
        return [...roomList.values()];
      },
      async setJoinCode(code, roomId) {
        if (roomId === null) return joinCodes.delete(code) || true;
        if (joinCodes.has(code)) return false;
        joinCodes.set(code, roomId);
        return true;
      },
      async roomIdByCode(code) {
        return joinCodes.get(code);
      },
      async setUserRoom(userId, roomId) {
        if (roomId === null) userRooms.delete(userId);
        else userRooms.set(userId, roomId);
      },
      async userRoom(userId) {
        return userRooms.get(userId);
      },
      async lastSeqs(roomIds) {
        return roomIds.map((roomId) => rooms.get(roomId)?.seq ?? 0);
      },
    },
    timers: {
      async claimDue(now, leaseMs, limit) {
        const due = [...timers].filter(([, at]) => at <= now).slice(0, limit);
        for (const [key] of due) timers.set(key, now + leaseMs);
        return due.map(([key]) => key);
      },
      async complete(key) {
        timers.delete(key);
      },
      async dueAt(key) {
        return timers.get(key);
      },
    },
    presence: {
      async touch(roomId, entries, ttlMs) {
        let members = presence.get(roomId);
        if (!members) presence.set(roomId, (members = new Map<string, number>()));
        for (const { userId, connectionId } of entries)
          members.set(`${userId}|${connectionId}`, Date.now() + ttlMs);
      },
      async remove(roomId, userId, connectionId) {
        presence.get(roomId)?.delete(`${userId}|${connectionId}`);
      },
      async online(roomId) {
        const now = Date.now();
        const users = new Set<string>();
        for (const [member, until] of presence.get(roomId) ?? []) {
          if (until > now) users.add(member.split('|')[0]!);
          else presence.get(roomId)!.delete(member);
        }
        return users;
      },
    },
    lobby: {
      async addChat(message, keep) {
        chat.push(message);
        if (chat.length > keep) chat.splice(0, chat.length - keep);
      },
      async chat() {
        return [...chat];
      },
      async seen(users: readonly OnlineUser[], ttlMs) {
        for (const user of users)
          online.set(user.userId, { nickname: user.nickname, until: Date.now() + ttlMs });
      },
      async online() {
        const now = Date.now();
        const users: OnlineUser[] = [];
        for (const [userId, { nickname, until }] of online) {
          if (until > now) users.push({ userId, nickname });
          else online.delete(userId);
        }
        return users;
      },
      async publish(message) {
        publish('lobby', JSON.stringify(message));
      },
      subscribe: (listener) => listen('lobby', (message) => listener(JSON.parse(message) as LobbyMessage)),
    },
    archive: {
      async record(record: GameRecord) {
        if (games.has(record.gameId)) return false;
        games.set(record.gameId, JSON.stringify(record));
        for (const change of record.ratingChanges) {
          const current = ratings.get(change.userId) ?? change.before;
          ratings.set(change.userId, current + change.after - change.before);
        }
        for (const player of record.players) {
          nicknames.set(player.userId, player.nickname);
          const history = [summarize(record, player.userId), ...(histories.get(player.userId) ?? [])];
          histories.set(player.userId, history.slice(0, HISTORY_KEPT_PER_USER));
        }
        return true;
      },
      async game(gameId) {
        const json = games.get(gameId);
        return json ? (JSON.parse(json) as GameRecord) : undefined;
      },
      async ratings(userIds) {
        return new Map(userIds.filter((id) => ratings.has(id)).map((id) => [id, ratings.get(id)!]));
      },
      async ranking(by, offset, limit) {
        const scores = by === 'rating' ? ratings : cpm;
        // Ties in the order Redis uses for ZREVRANGE: by member, descending.
        const sorted = [...scores].sort(([a, x], [b, y]) => y - x || (b > a ? 1 : b < a ? -1 : 0));
        return {
          total: sorted.length,
          items: sorted.slice(offset, offset + limit).map(([userId, value], i) => ({
            rank: offset + i + 1,
            userId,
            nickname: nicknames.get(userId) ?? '',
            value,
          })),
        };
      },
      async rankOf(by, userId) {
        const scores = by === 'rating' ? ratings : cpm;
        const score = scores.get(userId);
        if (score === undefined) return undefined;
        // Redis orders equal scores by member, descending; a rank counts who is ahead.
        return 1 + [...scores].filter(([id, s]) => s > score || (s === score && id > userId)).length;
      },
      async player(userId) {
        return { nickname: nicknames.get(userId), rating: ratings.get(userId), bestCpm: cpm.get(userId) };
      },
      async gamesOf(userId, limit) {
        return (histories.get(userId) ?? []).slice(0, limit);
      },
      async recordDictationRun(userId, run) {
        dictationRuns.set(
          userId,
          [run, ...(dictationRuns.get(userId) ?? [])].slice(0, HISTORY_KEPT_PER_USER),
        );
      },
      async dictationsOf(userId, limit) {
        return (dictationRuns.get(userId) ?? []).slice(0, limit);
      },
      async recordCpm(userId, nickname, value) {
        cpm.set(userId, Math.max(cpm.get(userId) ?? 0, value));
        nicknames.set(userId, nickname);
        return cpm.get(userId)!;
      },
    },
    async ping() {},
    async close() {
      channels.clear();
    },
  };
}
