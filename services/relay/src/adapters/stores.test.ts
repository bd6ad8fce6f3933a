import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GameRecord } from '@corazy/contracts';
import { connectPostgres, createTestDatabase, migrate } from '@corazy/database';
import { MIGRATIONS_DIR } from '../app.js';
import type { GameArchive, RelayStores, StoreOptions } from '../domain/ports.js';
import { createRoom, type RoomState } from '../domain/room.js';
import { testRedisUrl } from '../testing.js';
import { memoryStores } from './memory-stores.js';
import { connectRedisStores } from './redis-stores.js';
import { seqOf } from './sequence.js';
import { sqlArchive } from './sql-archive.js';

/** One contract, two implementations: the embedded platform must behave like the Redis deployment. */
const implementations: [string, (options?: StoreOptions) => RelayStores][] = [
  ['redis', (options) => connectRedisStores(testRedisUrl(), `test:relay:${randomUUID()}:`, options)],
  ['memory', (options) => memoryStores(options)],
];

const roomState = (id: string): RoomState =>
  createRoom(
    {
      id,
      name: 'r',
      language: 'python',
      maxPlayers: 4,
      turnSeconds: 60,
      strategySeconds: 0,
      timeCapMinutes: 30,
      difficulty: null,
      problemChoice: null,
      private: false,
      joinCode: null,
    },
    { userId: 'host', nickname: 'Host' },
    1,
  );

const event = (text: string) => JSON.stringify({ type: 'chat', text });

describe.each(implementations)('relay stores (%s)', (_name, connect) => {
  let stores: RelayStores;
  const opened: RelayStores[] = [];
  beforeEach(() => {
    stores = connect();
    opened.push(stores);
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  const commit = (
    roomId: string,
    expectedSeq: number,
    texts: string[],
    extra: Partial<Parameters<RelayStores['rooms']['commit']>[0]> = {},
  ) =>
    stores.rooms.commit({
      roomId,
      expectedSeq,
      state: roomState(roomId),
      events: texts.map(event),
      timers: [],
      activeUserId: null,
      ...extra,
    });

  it('numbers events without gaps, publishes them in order and serves any suffix from the log', async () => {
    const roomId = randomUUID();
    const received: [number, string][] = [];
    const unsubscribe = await stores.rooms.subscribe(roomId, (seq, json) => received.push([seq, json]));
    expect(await commit(roomId, 0, ['a', 'b'])).toEqual({ ok: true, seq: 2 });
    expect(await commit(roomId, 2, ['c'])).toEqual({ ok: true, seq: 3 });
    await expect.poll(() => received.length).toBe(3);
    expect(received.map(([seq]) => seq)).toEqual([1, 2, 3]);
    expect(JSON.parse(received[2]![1])).toEqual({ seq: 3, type: 'chat', text: 'c' });
    const suffix = await stores.rooms.readEvents(roomId, 1);
    expect(suffix!.map(seqOf)).toEqual([2, 3]);
    expect(await stores.rooms.readEvents(roomId, 3)).toEqual([]);
    expect(await stores.rooms.readEvents(roomId, 9)).toBeUndefined();
    expect((await stores.rooms.load(roomId))!.seq).toBe(3);
    await unsubscribe();
  });

  it('refuses a commit based on an old seq and writes nothing of it', async () => {
    const roomId = randomUUID();
    await commit(roomId, 0, ['a']);
    expect(await commit(roomId, 0, ['stale'], { timers: [{ key: `${roomId}|turn|x`, dueAt: 5 }] })).toEqual({
      ok: false,
    });
    expect(
      (await stores.rooms.readEvents(roomId, 0))!.map((e) => (JSON.parse(e) as { text: string }).text),
    ).toEqual(['a']);
    expect(await stores.timers.dueAt(`${roomId}|turn|x`)).toBeUndefined();
  });

  it('accepts code only from the active player on the current version, in the room sequence', async () => {
    const roomId = randomUUID();
    await commit(roomId, 0, ['start'], { activeUserId: 'host', resetCode: { gameId: 'g1', doc: 'print()' } });
    // Each operation types one character into 'print()' (7 long).
    const push = (userId: string, baseVersion: number, length = 7 + baseVersion) =>
      stores.rooms.pushCode({
        roomId,
        userId,
        baseVersion,
        length,
        newLength: length + 1,
        operation: JSON.stringify({ version: baseVersion + 1 }),
        event: JSON.stringify({ type: 'code.op', v: baseVersion + 1 }),
      });
    expect(await push('other', 0)).toEqual({ ok: false, reason: 'not-active' });
    // The answer carries the event as the log holds it, for the writing replica to deliver at once.
    const first = await push('host', 0);
    expect(first).toEqual({ ok: true, seq: 2, event: (await stores.rooms.readEvents(roomId, 1))![0] });
    expect(await push('host', 0)).toEqual({ ok: false, reason: 'stale', version: 1 });
    expect(await push('host', 1, 3)).toEqual({ ok: false, reason: 'length', length: 8 });
    expect(await commit(roomId, 2, ['chat'], { activeUserId: 'host' })).toEqual({ ok: true, seq: 3 });
    expect(await push('host', 1)).toMatchObject({ ok: true, seq: 4 });
    const code = await stores.rooms.readCode(roomId, 1);
    expect(code).toEqual({
      gameId: 'g1',
      initialDoc: 'print()',
      operations: [JSON.stringify({ version: 2 })],
    });
    const snapshot = await stores.rooms.snapshot(roomId);
    expect(snapshot).toMatchObject({ seq: 4, gameId: 'g1', base: { version: 0, doc: 'print()' } });
    expect(snapshot!.operations).toHaveLength(2);

    // A new game restarts the code log; the turn passing to nobody closes the editor.
    await commit(roomId, 4, ['next game'], { activeUserId: null, resetCode: { gameId: 'g2', doc: '' } });
    expect(await stores.rooms.readCode(roomId, 0)).toEqual({ gameId: 'g2', initialDoc: '', operations: [] });
    expect(await push('host', 0)).toEqual({ ok: false, reason: 'not-active' });
  });

  it("snapshots the code from the latest checkpoint of the current game's log", async () => {
    const roomId = randomUUID();
    await commit(roomId, 0, ['start'], { activeUserId: 'host', resetCode: { gameId: 'g1', doc: '' } });
    for (let version = 0; version < 3; version++) {
      await stores.rooms.pushCode({
        roomId,
        userId: 'host',
        baseVersion: version,
        length: version,
        newLength: version + 1,
        operation: JSON.stringify({ version: version + 1 }),
        event: event('op'),
      });
    }
    const base = async () => (await stores.rooms.snapshot(roomId))!.base;
    await stores.rooms.saveCheckpoint(roomId, { gameId: 'g1', version: 2, doc: 'ab' });
    expect(await base()).toEqual({ version: 2, doc: 'ab' });
    expect((await stores.rooms.snapshot(roomId))!.operations).toEqual([JSON.stringify({ version: 3 })]);
    // Refused: an older checkpoint, one beyond the log, one for another game.
    await stores.rooms.saveCheckpoint(roomId, { gameId: 'g1', version: 1, doc: 'a' });
    await stores.rooms.saveCheckpoint(roomId, { gameId: 'g1', version: 4, doc: 'abcd' });
    await stores.rooms.saveCheckpoint(roomId, { gameId: 'g0', version: 3, doc: 'xyz' });
    expect(await base()).toEqual({ version: 2, doc: 'ab' });
    // A new game starts from its first document again.
    await commit(roomId, 4, ['next'], { activeUserId: 'host', resetCode: { gameId: 'g2', doc: 'new' } });
    expect(await base()).toEqual({ version: 0, doc: 'new' });
    await stores.rooms.saveCheckpoint(roomId, { gameId: 'g1', version: 0, doc: 'ab' });
    expect(await base()).toEqual({ version: 0, doc: 'new' });
  });

  it('keeps the newest events only; a reader further behind is told the log cannot serve it', async () => {
    const short = connect({ eventsKept: 3 });
    try {
      const roomId = randomUUID();
      const seqs = (events: string[] | undefined) => events?.map(seqOf);
      await short.rooms.commit({
        roomId,
        expectedSeq: 0,
        state: roomState(roomId),
        events: ['a', 'b'].map(event),
        timers: [],
        activeUserId: 'host',
        resetCode: { gameId: 'g', doc: '' },
      });
      for (let version = 0; version < 3; version++) {
        await short.rooms.pushCode({
          roomId,
          userId: 'host',
          baseVersion: version,
          length: version,
          newLength: version + 1,
          operation: JSON.stringify({ version: version + 1 }),
          event: JSON.stringify({ type: 'code.op', v: version + 1 }),
        });
      }
      expect(seqs(await short.rooms.readEvents(roomId, 2))).toEqual([3, 4, 5]);
      expect(seqs(await short.rooms.readEvents(roomId, 4))).toEqual([5]);
      expect(await short.rooms.readEvents(roomId, 5)).toEqual([]);
      expect(await short.rooms.readEvents(roomId, 1)).toBeUndefined();
      expect(await short.rooms.readEvents(roomId, 6)).toBeUndefined();
      // The code log is the game's replay: it keeps every operation.
      expect((await short.rooms.readCode(roomId, 0)).operations).toHaveLength(3);
    } finally {
      await short.close();
    }
  });

  it('deletes a room but keeps its log for clients that come back to learn it closed', async () => {
    const roomId = randomUUID();
    await commit(roomId, 0, ['a']);
    await commit(roomId, 1, ['closed'], { state: null, summary: null });
    expect(await stores.rooms.load(roomId)).toBeUndefined();
    expect((await stores.rooms.readEvents(roomId, 1))!.map(seqOf)).toEqual([2]);
  });

  it('keeps the lobby list of public rooms and tells lobby listeners about changes', async () => {
    const roomId = randomUUID();
    const messages: unknown[] = [];
    const unsubscribe = await stores.lobby.subscribe((message) => messages.push(message));
    const summary = {
      id: roomId,
      name: 'r',
      language: 'python',
      phase: 'WAITING',
      private: false,
      hostNickname: 'Host',
      players: 1,
      maxPlayers: 4,
      problemTitle: null,
      createdAt: 1,
    } as const;
    await commit(roomId, 0, ['a'], { summary });
    expect((await stores.rooms.listRooms()).map((r) => r.id)).toContain(roomId);
    await commit(roomId, 1, ['b'], { state: null, summary: null });
    expect((await stores.rooms.listRooms()).map((r) => r.id)).not.toContain(roomId);
    await expect
      .poll(() => messages)
      .toEqual([
        { type: 'lobby.room', room: summary },
        { type: 'lobby.room.removed', roomId },
      ]);
    await unsubscribe();
  });

  it('leases each due timer to one claimer, and again when the lease ends without completion', async () => {
    const roomId = randomUUID();
    const keys = [1, 2, 3, 4].map((n) => `${roomId}|turn|g:${n}`);
    await commit(roomId, 0, ['a'], { timers: keys.map((key, i) => ({ key, dueAt: 1_000 + i })) });
    await commit(roomId, 1, ['b'], { timers: [{ key: `${roomId}|cap|g`, dueAt: 10_000_000 }] });
    const [first, second] = await Promise.all([
      stores.timers.claimDue(2_000, 500, 50),
      stores.timers.claimDue(2_000, 500, 50),
    ]);
    const mine = [...first, ...second].filter((k) => k.startsWith(roomId));
    expect(mine.sort()).toEqual([...keys].sort());
    expect((await stores.timers.claimDue(2_100, 500, 50)).filter((k) => k.startsWith(roomId))).toEqual([]);
    await stores.timers.complete(keys[0]!);
    const reclaimed = (await stores.timers.claimDue(2_600, 500, 50)).filter((k) => k.startsWith(roomId));
    expect(reclaimed.sort()).toEqual(keys.slice(1).sort());
    expect(await stores.timers.dueAt(`${roomId}|cap|g`)).toBe(10_000_000);
  });

  it('counts a user online while any of their connections is alive', async () => {
    const roomId = randomUUID();
    await stores.presence.touch(
      roomId,
      [
        { userId: 'u1', connectionId: 'c1' },
        { userId: 'u1', connectionId: 'c2' },
      ],
      10_000,
    );
    await stores.presence.touch(roomId, [{ userId: 'u2', connectionId: 'c3' }], 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await stores.presence.online(roomId)).toEqual(new Set(['u1']));
    await stores.presence.remove(roomId, 'u1', 'c1');
    expect(await stores.presence.online(roomId)).toEqual(new Set(['u1']));
    await stores.presence.remove(roomId, 'u1', 'c2');
    expect(await stores.presence.online(roomId)).toEqual(new Set());
  });

  it('lists the users seen until their time runs out', async () => {
    const [fresh, stale] = [randomUUID(), randomUUID()];
    await stores.lobby.seen([{ userId: fresh, nickname: 'Fresh' }], 10_000);
    await stores.lobby.seen([{ userId: stale, nickname: 'Stale' }], 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const online = await stores.lobby.online();
    expect(online).toContainEqual({ userId: fresh, nickname: 'Fresh' });
    expect(online.map((user) => user.userId)).not.toContain(stale);
  });

  it("reads many rooms' last seq at once, 0 for a room without events", async () => {
    const [busy, quiet] = [randomUUID(), randomUUID()];
    await commit(busy, 0, ['a', 'b']);
    expect(await stores.rooms.lastSeqs([busy, quiet])).toEqual([2, 0]);
    expect(await stores.rooms.lastSeqs([])).toEqual([]);
  });

  it('keeps the last messages of the lobby chat, oldest first', async () => {
    for (let i = 0; i < 5; i++)
      await stores.lobby.addChat({ userId: 'u', nickname: 'U', text: `m${i}`, at: i }, 3);
    expect((await stores.lobby.chat()).map((m) => m.text)).toEqual(['m2', 'm3', 'm4']);
  });
});

/** Finished games and rankings: Redis and memory as above, and PostgreSQL when the relay has a database. */
const archives: [string, () => Promise<{ archive: GameArchive; close(): Promise<void> }>][] = [
  [
    'redis',
    async () => {
      const stores = connectRedisStores(testRedisUrl(), `test:relay:${randomUUID()}:`);
      const { archive } = stores;
      return { archive, close: () => stores.close() };
    },
  ],
  ['memory', async () => ({ archive: memoryStores().archive, close: async () => undefined })],
  [
    'postgres',
    async () => {
      const database = await createTestDatabase('relay');
      const db = connectPostgres(database.url, { maxConnections: 2 });
      await migrate(db, 'relay', MIGRATIONS_DIR);
      return {
        archive: sqlArchive(db),
        async close() {
          await db.close();
          await database.drop();
        },
      };
    },
  ],
];

describe.each(archives)('game archive (%s)', (_name, open) => {
  let archive: GameArchive;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    archive = opened.archive;
    close = () => opened.close();
  });
  afterAll(async () => {
    await close();
  });

  it('records a game once, applying its rating changes once, and ranks by rating and best CPM', async () => {
    const [u1, u2] = [randomUUID(), randomUUID()];
    const record = {
      gameId: randomUUID(),
      roomId: randomUUID(),
      outcome: 'SOLVED',
      endedAt: Date.now(),
      players: [
        { userId: u1, nickname: 'One' },
        { userId: u2, nickname: 'Two' },
      ],
      ratingChanges: [
        { userId: u1, before: 1000, after: 1016 },
        { userId: u2, before: 1000, after: 1016 },
      ],
    } as unknown as GameRecord;
    expect(await archive.record(record)).toBe(true);
    expect(
      await archive.record({ ...record, ratingChanges: [{ userId: u1, before: 1016, after: 2000 }] }),
    ).toBe(false);
    expect(await archive.ratings([u1, u2, 'nobody'])).toEqual(
      new Map([
        [u1, 1016],
        [u2, 1016],
      ]),
    );
    expect((await archive.game(record.gameId))!.ratingChanges[0]!.after).toBe(1016);

    const byRating = await archive.ranking('rating', 0, 100);
    expect(byRating.items.filter((e) => e.userId === u1 || e.userId === u2).map((e) => e.value)).toEqual([
      1016, 1016,
    ]);

    expect(await archive.recordCpm(u1, 'One', 300)).toBe(300);
    expect(await archive.recordCpm(u1, 'One', 200)).toBe(300);
    await archive.recordCpm(u2, 'Two', 400);
    expect(await archive.rankOf('cpm', u2)).toBeLessThan((await archive.rankOf('cpm', u1))!);
    expect(await archive.rankOf('cpm', 'nobody')).toBeUndefined();
    const ranking = await archive.ranking('cpm', 0, 100);
    const mine = ranking.items.filter((e) => e.userId === u1 || e.userId === u2);
    expect(mine.map((e) => [e.nickname, e.value])).toEqual([
      ['Two', 400],
      ['One', 300],
    ]);
  });

  it('adds up the rating changes of two games of one player that ended at once, from the same rating', async () => {
    const player = randomUUID();
    const game = (gain: number) =>
      ({
        gameId: randomUUID(),
        roomId: randomUUID(),
        outcome: 'SOLVED',
        endedAt: Date.now(),
        players: [{ userId: player, nickname: 'Twice' }],
        ratingChanges: [{ userId: player, before: 1000, after: 1000 + gain }],
      }) as unknown as GameRecord;
    await Promise.all([archive.record(game(16)), archive.record(game(-4))]);
    expect(await archive.ratings([player])).toEqual(new Map([[player, 1012]]));
  });

  it("answers a player's nickname, rating, best CPM and games, newest first, with their own rating change", async () => {
    const [u1, u2, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    const game = (endedAt: number, before: number, after: number) =>
      ({
        gameId: randomUUID(),
        roomId: randomUUID(),
        problem: { slug: 'a-plus-b', title: { ko: 'A+B', en: 'A+B' }, difficulty: 'easy' },
        language: 'python',
        outcome: 'SOLVED',
        startedAt: endedAt - 60_000,
        endedAt,
        initialCode: '',
        finalCode: 'print(1)',
        operations: [],
        turns: [],
        players: [
          { userId: u1, nickname: 'Uno' },
          { userId: u2, nickname: 'Dos' },
        ],
        ratingChanges: [
          { userId: u1, before, after },
          { userId: u2, before: before - 10, after: after - 10 },
        ],
      }) as unknown as GameRecord;
    const older = game(Date.now() - 60_000, 1000, 1010);
    const newer = game(Date.now(), 1010, 1020);
    await archive.record(older);
    await archive.record(newer);
    await archive.recordCpm(u1, 'Uno', 250);

    expect(await archive.player(u1)).toEqual({ nickname: 'Uno', rating: 1020, bestCpm: 250 });
    expect(await archive.player(u2)).toEqual({ nickname: 'Dos', rating: 1010, bestCpm: undefined });
    expect(await archive.player(stranger)).toEqual({
      nickname: undefined,
      rating: undefined,
      bestCpm: undefined,
    });

    const history = await archive.gamesOf(u2, 10);
    expect(history.map((g) => g.gameId)).toEqual([newer.gameId, older.gameId]);
    expect(history[0]).toMatchObject({
      outcome: 'SOLVED',
      problem: { slug: 'a-plus-b' },
      players: [
        { userId: u1, nickname: 'Uno' },
        { userId: u2, nickname: 'Dos' },
      ],
      rating: { before: 1000, after: 1010 },
    });
    expect(await archive.gamesOf(u1, 1)).toHaveLength(1);
    expect(await archive.gamesOf(stranger, 10)).toEqual([]);
  });

  it("keeps a player's dictation runs, newest first", async () => {
    const [typist, stranger] = [randomUUID(), randomUUID()];
    const run = (at: number, cpm: number) => ({
      dictationId: randomUUID(),
      language: 'python' as const,
      algorithm: 'binary-search',
      title: { ko: '이분 탐색', en: 'Binary search' },
      cpm,
      accuracy: 97.5,
      durationMs: 60_000,
      at,
    });
    const [first, second] = [run(Date.now() - 1000, 200), run(Date.now(), 250)];
    await archive.recordDictationRun(typist, first);
    await archive.recordDictationRun(typist, second);
    expect(await archive.dictationsOf(typist, 10)).toEqual([second, first]);
    expect(await archive.dictationsOf(typist, 1)).toEqual([second]);
    expect(await archive.dictationsOf(stranger, 10)).toEqual([]);
  });
});
