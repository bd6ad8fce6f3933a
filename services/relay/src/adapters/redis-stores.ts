import { Redis } from 'ioredis';
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
  type CodeLog,
  type Commit,
  type CommitOutcome,
  type LoadedRoom,
  type LobbyMessage,
  type PushOutcome,
  type RelayStores,
  type StoreOptions,
} from '../domain/ports.js';
import { summarize } from '../domain/results.js';
import type { RoomState } from '../domain/room.js';
import { numbered, seqOf } from './sequence.js';

/**
 * The relay's state in Redis. Keys (under the prefix, `corazy:relay:` by default):
 *
 * | key | type | contents |
 * |---|---|---|
 * | `room:{id}` | string | the room state (JSON) |
 * | `room:{id}:seq` | string | the seq of the room's last event |
 * | `room:{id}:log` | list | the newest events (EVENTS_KEPT), the last one at seq |
 * | `room:{id}:ops` | list | the current game's code operations, index = version − 1 |
 * | `room:{id}:code0` | string | the current game's id and first document (JSON) |
 * | `room:{id}:active` | string | the user who may push code |
 * | `room:{id}:length` | string | the length of the current document (checked against each operation) |
 * | `room:{id}:checkpoint` | hash | the current game's document at a version (`gameId`, `version`, `doc`) |
 * | `room:{id}:presence` | zset | `userId|connectionId` → expiry |
 * | `rooms` | hash | room id → lobby summary (public rooms) |
 * | `code:{CODE}`, `user:{id}:room` | string | join codes, the room a user plays in |
 * | `timers` | zset | timer key → due time (or lease end while claimed) |
 * | `lobby:chat` | list | newest first, trimmed |
 * | `online`, `online:nick` | zset, hash | user → last heartbeat expiry, nickname |
 * | `game:{id}` | string | a finished game's record (result + replay) |
 * | `ratings`, `cpm`, `nick` | zset, zset, hash | ranking scores and nicknames |
 * | `user:{id}:games`, `user:{id}:dictations` | list | the user's game summaries and dictation runs, newest first, trimmed |
 *
 * Every change to a room goes through one Lua script (compare-and-set on the seq), so state, log,
 * timers and the published events never disagree, whichever replica wrote them.
 */

const COMMIT = `
local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
if seq ~= tonumber(ARGV[1]) then return -1 end
local state, active, reset, resetDoc, summary, roomId, channel, lobbyChannel, lobbyMessage =
  ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
local kept = tonumber(ARGV[12])
local i = 13
local timers = tonumber(ARGV[i]); i = i + 1
for _ = 1, timers do
  redis.call('ZADD', KEYS[7], ARGV[i + 1], ARGV[i]); i = i + 2
end
local events = tonumber(ARGV[i]); i = i + 1
for _ = 1, events do
  seq = seq + 1
  local event = '{"seq":' .. seq .. ',' .. string.sub(ARGV[i], 2)
  redis.call('RPUSH', KEYS[3], event)
  redis.call('PUBLISH', channel, event)
  i = i + 1
end
if events > 0 then redis.call('LTRIM', KEYS[3], -kept, -1) end
redis.call('SET', KEYS[2], seq)
if state == '' then
  redis.call('DEL', KEYS[1], KEYS[4], KEYS[5], KEYS[6], KEYS[9], KEYS[10])
  -- Kept a while, so a client reconnecting after the room closed still learns that it did.
  redis.call('EXPIRE', KEYS[2], 600)
  redis.call('EXPIRE', KEYS[3], 600)
else
  redis.call('SET', KEYS[1], state)
  if active == '' then redis.call('DEL', KEYS[6]) else redis.call('SET', KEYS[6], active) end
  if reset == '1' then
    redis.call('DEL', KEYS[4], KEYS[10])
    redis.call('SET', KEYS[5], resetDoc)
    redis.call('SET', KEYS[9], ARGV[11])
  end
end
if summary == '-' then redis.call('HDEL', KEYS[8], roomId)
elseif summary ~= '' then redis.call('HSET', KEYS[8], roomId, summary) end
if lobbyMessage ~= '' then redis.call('PUBLISH', lobbyChannel, lobbyMessage) end
return seq
`;

const PUSH_CODE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1, 0} end
local version = redis.call('LLEN', KEYS[2])
if version ~= tonumber(ARGV[2]) then return {-2, version} end
local length = tonumber(redis.call('GET', KEYS[5]) or '0')
if length ~= tonumber(ARGV[6]) then return {-3, length} end
redis.call('SET', KEYS[5], ARGV[7])
redis.call('RPUSH', KEYS[2], ARGV[3])
local seq = redis.call('INCR', KEYS[3])
local event = '{"seq":' .. seq .. ',' .. string.sub(ARGV[4], 2)
redis.call('RPUSH', KEYS[4], event)
redis.call('LTRIM', KEYS[4], -tonumber(ARGV[8]), -1)
redis.call('PUBLISH', ARGV[5], event)
return {seq, version + 1}
`;

/** The events after ARGV[1], from the tail of the log (it keeps the newest only); false when it cannot serve them. */
const READ_EVENTS = `
local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = seq - tonumber(ARGV[1])
if seq == 0 or wanted < 0 then return false end
if wanted == 0 then return {} end
if wanted > redis.call('LLEN', KEYS[2]) then return false end
return redis.call('LRANGE', KEYS[2], -wanted, -1)
`;

/** State, seq, the game's first document, and the code from the last checkpoint on, at one instant. */
const SNAPSHOT = `
local state = redis.call('GET', KEYS[1])
if not state then return false end
local checkpoint = redis.call('HMGET', KEYS[5], 'version', 'doc')
local from = tonumber(checkpoint[1] or '0')
return {state, redis.call('GET', KEYS[2]) or '0', redis.call('GET', KEYS[3]) or '', from, checkpoint[2] or '',
  redis.call('LRANGE', KEYS[4], from, -1)}
`;

/** Keeps a checkpoint only for the current game (its first document names it), within its log, and newer. */
const SAVE_CHECKPOINT = `
local code0 = redis.call('GET', KEYS[1])
if not code0 or cjson.decode(code0).gameId ~= ARGV[1] then return 0 end
local version = tonumber(ARGV[2])
if version > redis.call('LLEN', KEYS[2]) then return 0 end
if version <= tonumber(redis.call('HGET', KEYS[3], 'version') or '0') then return 0 end
redis.call('HSET', KEYS[3], 'gameId', ARGV[1], 'version', ARGV[2], 'doc', ARGV[3])
return 1
`;

/** Leases due timers: each is handed to one caller, and handed out again if its lease runs out. */
const CLAIM_TIMERS = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, key in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], key) end
return due
`;

/** The scripts above, as ioredis commands (defineCommand). */
interface RelayScripts {
  relayCommit(...keysAndArgs: (string | number)[]): Promise<number>;
  relayPushCode(...keysAndArgs: (string | number)[]): Promise<[number, number]>;
  relayClaimTimers(...keysAndArgs: (string | number)[]): Promise<string[]>;
  relayReadEvents(...keysAndArgs: (string | number)[]): Promise<string[] | null>;
  relaySnapshot(...keys: string[]): Promise<[string, string, string, number, string, string[]] | null>;
  relaySaveCheckpoint(...keysAndArgs: (string | number)[]): Promise<number>;
}

export function connectRedisStores(
  url: string,
  prefix = 'corazy:relay:',
  { eventsKept = EVENTS_KEPT }: StoreOptions = {},
): RelayStores {
  // Auto-pipelining sends the commands of one event-loop turn in one write: fewer syscalls per keystroke.
  const options = { maxRetriesPerRequest: 2, connectTimeout: 5_000, enableAutoPipelining: true };
  const redis = new Redis(url, options);
  // EVALSHA with the script loaded once, instead of the script's text with every keystroke.
  redis.defineCommand('relayCommit', { numberOfKeys: 10, lua: COMMIT });
  redis.defineCommand('relayPushCode', { numberOfKeys: 5, lua: PUSH_CODE });
  redis.defineCommand('relayClaimTimers', { numberOfKeys: 1, lua: CLAIM_TIMERS });
  redis.defineCommand('relayReadEvents', { numberOfKeys: 2, lua: READ_EVENTS });
  redis.defineCommand('relaySnapshot', { numberOfKeys: 5, lua: SNAPSHOT });
  redis.defineCommand('relaySaveCheckpoint', { numberOfKeys: 3, lua: SAVE_CHECKPOINT });
  const scripts = redis as unknown as RelayScripts;
  // Subscriptions need a connection of their own; ioredis re-subscribes after a reconnect.
  const subscriber = new Redis(url, options);
  redis.on('error', () => undefined);
  subscriber.on('error', () => undefined);

  const key = (suffix: string) => prefix + suffix;
  const roomKey = (roomId: string, suffix = '') => key(`room:${roomId}${suffix}`);
  const roomChannel = (roomId: string) => key(`events:${roomId}`);
  const lobbyChannel = key('lobby');

  const listeners = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of listeners.get(channel) ?? []) listener(message);
  });
  async function listen(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
      await subscriber.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      listeners.delete(channel);
      await subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  const parseCode0 = (json: string | null): { gameId: string; initialDoc: string } => {
    const code0 = json ? (JSON.parse(json) as { gameId: string; doc: string }) : { gameId: '', doc: '' };
    return { gameId: code0.gameId, initialDoc: code0.doc };
  };
  const parseState = (json: string | null): RoomState | undefined =>
    json ? (JSON.parse(json) as RoomState) : undefined;

  return {
    rooms: {
      async load(roomId): Promise<LoadedRoom | undefined> {
        const [state, seq] = await redis.mget(roomKey(roomId), roomKey(roomId, ':seq'));
        const parsed = parseState(state ?? null);
        return parsed ? { state: parsed, seq: Number(seq ?? 0) } : undefined;
      },
      async commit(commit: Commit): Promise<CommitOutcome> {
        const { roomId } = commit;
        let lobbyMessage = '';
        let summary = '';
        if (commit.summary === null) {
          summary = '-';
          lobbyMessage = JSON.stringify({ type: 'lobby.room.removed', roomId } satisfies LobbyMessage);
        } else if (commit.summary) {
          summary = JSON.stringify(commit.summary);
          lobbyMessage = JSON.stringify({ type: 'lobby.room', room: commit.summary } satisfies LobbyMessage);
        }
        const args: (string | number)[] = [
          commit.expectedSeq,
          commit.state ? JSON.stringify(commit.state) : '',
          commit.activeUserId ?? '',
          commit.resetCode === undefined ? '0' : '1',
          commit.resetCode ? JSON.stringify(commit.resetCode) : '',
          summary,
          roomId,
          roomChannel(roomId),
          lobbyChannel,
          lobbyMessage,
          commit.resetCode?.doc.length ?? 0,
          eventsKept,
          commit.timers.length,
          ...commit.timers.flatMap((t) => [t.key, t.dueAt]),
          commit.events.length,
          ...commit.events,
        ];
        const result = await scripts.relayCommit(
          roomKey(roomId),
          roomKey(roomId, ':seq'),
          roomKey(roomId, ':log'),
          roomKey(roomId, ':ops'),
          roomKey(roomId, ':code0'),
          roomKey(roomId, ':active'),
          key('timers'),
          key('rooms'),
          roomKey(roomId, ':length'),
          roomKey(roomId, ':checkpoint'),
          ...args,
        );
        return result < 0 ? { ok: false } : { ok: true, seq: result };
      },
      async pushCode(push): Promise<PushOutcome> {
        const [code, value] = await scripts.relayPushCode(
          roomKey(push.roomId, ':active'),
          roomKey(push.roomId, ':ops'),
          roomKey(push.roomId, ':seq'),
          roomKey(push.roomId, ':log'),
          roomKey(push.roomId, ':length'),
          push.userId,
          push.baseVersion,
          push.operation,
          push.event,
          roomChannel(push.roomId),
          push.length,
          push.newLength,
          eventsKept,
        );
        if (code === -1) return { ok: false, reason: 'not-active' };
        if (code === -2) return { ok: false, reason: 'stale', version: value };
        if (code === -3) return { ok: false, reason: 'length', length: value };
        return { ok: true, seq: code, event: numbered(code, push.event) };
      },
      async readEvents(roomId, afterSeq) {
        const events = await scripts.relayReadEvents(
          roomKey(roomId, ':seq'),
          roomKey(roomId, ':log'),
          afterSeq,
        );
        return events ?? undefined;
      },
      async readCode(roomId, fromVersion): Promise<CodeLog> {
        const result = await redis
          .multi()
          .get(roomKey(roomId, ':code0'))
          .lrange(roomKey(roomId, ':ops'), fromVersion, -1)
          .exec();
        return {
          ...parseCode0((result?.[0]?.[1] as string | null) ?? null),
          operations: (result?.[1]?.[1] as string[] | undefined) ?? [],
        };
      },
      async snapshot(roomId) {
        const result = await scripts.relaySnapshot(
          roomKey(roomId),
          roomKey(roomId, ':seq'),
          roomKey(roomId, ':code0'),
          roomKey(roomId, ':ops'),
          roomKey(roomId, ':checkpoint'),
        );
        if (!result) return undefined;
        const [state, seq, code0, from, checkpointDoc, operations] = result;
        const { gameId, initialDoc } = parseCode0(code0 || null);
        return {
          state: JSON.parse(state) as RoomState,
          seq: Number(seq),
          gameId,
          base: from > 0 ? { version: from, doc: checkpointDoc } : { version: 0, doc: initialDoc },
          operations,
        };
      },
      async saveCheckpoint(roomId, { gameId, version, doc }) {
        await scripts.relaySaveCheckpoint(
          roomKey(roomId, ':code0'),
          roomKey(roomId, ':ops'),
          roomKey(roomId, ':checkpoint'),
          gameId,
          version,
          doc,
        );
      },
      subscribe: (roomId, listener) =>
        listen(roomChannel(roomId), (message) => listener(seqOf(message), message)),
      async listRooms() {
        const all = await redis.hvals(key('rooms'));
        return all.map((json) => JSON.parse(json) as RoomSummary);
      },
      async setJoinCode(code, roomId) {
        if (roomId === null) {
          await redis.del(key(`code:${code}`));
          return true;
        }
        return (await redis.set(key(`code:${code}`), roomId, 'NX')) === 'OK';
      },
      async roomIdByCode(code) {
        return (await redis.get(key(`code:${code}`))) ?? undefined;
      },
      async setUserRoom(userId, roomId) {
        if (roomId === null) await redis.del(key(`user:${userId}:room`));
        else await redis.set(key(`user:${userId}:room`), roomId);
      },
      async userRoom(userId) {
        return (await redis.get(key(`user:${userId}:room`))) ?? undefined;
      },
      async lastSeqs(roomIds) {
        if (roomIds.length === 0) return [];
        const seqs = await redis.mget(roomIds.map((roomId) => roomKey(roomId, ':seq')));
        return seqs.map((seq) => Number(seq ?? 0));
      },
    },
    timers: {
      async claimDue(now, leaseMs, limit) {
        return scripts.relayClaimTimers(key('timers'), now, now + leaseMs, limit);
      },
      async complete(timer) {
        await redis.zrem(key('timers'), timer);
      },
      async dueAt(timer) {
        const score = await redis.zscore(key('timers'), timer);
        return score === null ? undefined : Number(score);
      },
    },
    presence: {
      async touch(roomId, entries, ttlMs) {
        if (entries.length === 0) return;
        const presenceKey = roomKey(roomId, ':presence');
        const until = Date.now() + ttlMs;
        // The key expires after its last entry would, so a closed room leaves no presence behind.
        await redis
          .multi()
          .zadd(
            presenceKey,
            ...entries.flatMap(({ userId, connectionId }) => [until, `${userId}|${connectionId}`]),
          )
          // NX for a new key, GT so that a short-lived entry never cuts a longer one's life.
          .pexpire(presenceKey, ttlMs * 2, 'NX')
          .pexpire(presenceKey, ttlMs * 2, 'GT')
          .exec();
      },
      async remove(roomId, userId, connectionId) {
        await redis.zrem(roomKey(roomId, ':presence'), `${userId}|${connectionId}`);
      },
      async online(roomId) {
        const now = Date.now();
        const presenceKey = roomKey(roomId, ':presence');
        const [, live] = (await redis
          .multi()
          .zremrangebyscore(presenceKey, '-inf', now)
          .zrangebyscore(presenceKey, now, '+inf')
          .exec())!;
        return new Set(((live?.[1] as string[] | undefined) ?? []).map((member) => member.split('|')[0]!));
      },
    },
    lobby: {
      async addChat(message: LobbyChatMessage, keep: number) {
        await redis
          .multi()
          .lpush(key('lobby:chat'), JSON.stringify(message))
          .ltrim(key('lobby:chat'), 0, keep - 1)
          .exec();
      },
      async chat() {
        const newestFirst = await redis.lrange(key('lobby:chat'), 0, -1);
        return newestFirst.reverse().map((json) => JSON.parse(json) as LobbyChatMessage);
      },
      async seen(users: readonly OnlineUser[], ttlMs: number) {
        if (users.length === 0) return;
        const until = Date.now() + ttlMs;
        await redis
          .multi()
          .zadd(key('online'), ...users.flatMap((user) => [until, user.userId]))
          .hset(key('online:nick'), Object.fromEntries(users.map((user) => [user.userId, user.nickname])))
          .exec();
      },
      async online() {
        const now = Date.now();
        await redis.zremrangebyscore(key('online'), '-inf', now);
        const ids = await redis.zrangebyscore(key('online'), now, '+inf');
        if (ids.length === 0) return [];
        const nicknames = await redis.hmget(key('online:nick'), ...ids);
        return ids.map((userId, i) => ({ userId, nickname: nicknames[i] ?? '' }));
      },
      async publish(message: LobbyMessage) {
        await redis.publish(lobbyChannel, JSON.stringify(message));
      },
      subscribe: (listener) =>
        listen(lobbyChannel, (message) => listener(JSON.parse(message) as LobbyMessage)),
    },
    archive: {
      async record(record: GameRecord) {
        const stored = await redis.set(key(`game:${record.gameId}`), JSON.stringify(record), 'NX');
        if (stored !== 'OK') return false;
        const batch = redis.multi();
        for (const change of record.ratingChanges) {
          // A first rating starts from the one the change was computed from; then only the difference is added.
          batch.zadd(key('ratings'), 'NX', change.before, change.userId);
          batch.zincrby(key('ratings'), change.after - change.before, change.userId);
        }
        for (const player of record.players) {
          const history = key(`user:${player.userId}:games`);
          batch.hset(key('nick'), player.userId, player.nickname);
          batch.lpush(history, JSON.stringify(summarize(record, player.userId)));
          batch.ltrim(history, 0, HISTORY_KEPT_PER_USER - 1);
        }
        await batch.exec();
        return true;
      },
      async game(gameId) {
        const json = await redis.get(key(`game:${gameId}`));
        return json ? (JSON.parse(json) as GameRecord) : undefined;
      },
      async ratings(userIds) {
        const ratings = new Map<string, number>();
        if (userIds.length === 0) return ratings;
        const scores = await redis.zmscore(key('ratings'), ...userIds);
        userIds.forEach((id, i) => {
          const score = scores[i];
          if (score !== null && score !== undefined) ratings.set(id, Number(score));
        });
        return ratings;
      },
      async ranking(by, offset, limit) {
        const zset = key(by === 'rating' ? 'ratings' : 'cpm');
        const [flat, total] = await Promise.all([
          redis.zrevrange(zset, offset, offset + limit - 1, 'WITHSCORES'),
          redis.zcard(zset),
        ]);
        const ids = flat.filter((_, i) => i % 2 === 0);
        const nicknames = ids.length ? await redis.hmget(key('nick'), ...ids) : [];
        return {
          total,
          items: ids.map((userId, i) => ({
            rank: offset + i + 1,
            userId,
            nickname: nicknames[i] ?? '',
            value: Number(flat[i * 2 + 1]),
          })),
        };
      },
      async rankOf(by, userId) {
        const rank = await redis.zrevrank(key(by === 'rating' ? 'ratings' : 'cpm'), userId);
        return rank === null ? undefined : rank + 1;
      },
      async player(userId) {
        const [nickname, rating, bestCpm] = await Promise.all([
          redis.hget(key('nick'), userId),
          redis.zscore(key('ratings'), userId),
          redis.zscore(key('cpm'), userId),
        ]);
        const number = (score: string | null) => (score === null ? undefined : Number(score));
        return { nickname: nickname ?? undefined, rating: number(rating), bestCpm: number(bestCpm) };
      },
      async gamesOf(userId, limit) {
        const items = await redis.lrange(key(`user:${userId}:games`), 0, limit - 1);
        return items.map((json) => JSON.parse(json) as GameSummary);
      },
      async recordDictationRun(userId, run) {
        const runs = key(`user:${userId}:dictations`);
        await redis
          .multi()
          .lpush(runs, JSON.stringify(run))
          .ltrim(runs, 0, HISTORY_KEPT_PER_USER - 1)
          .exec();
      },
      async dictationsOf(userId, limit) {
        const items = await redis.lrange(key(`user:${userId}:dictations`), 0, limit - 1);
        return items.map((json) => JSON.parse(json) as DictationRun);
      },
      async recordCpm(userId, nickname, cpm) {
        // ZADD GT keeps the best score without a read-modify-write race.
        await redis.multi().zadd(key('cpm'), 'GT', cpm, userId).hset(key('nick'), userId, nickname).exec();
        return Number(await redis.zscore(key('cpm'), userId));
      },
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await Promise.all([
        redis.quit().catch(() => redis.disconnect()),
        subscriber.quit().catch(() => subscriber.disconnect()),
      ]);
    },
  };
}
