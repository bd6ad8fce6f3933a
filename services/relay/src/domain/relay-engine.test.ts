import { randomUUID } from 'node:crypto';
import { ChangeSet, Text } from '@codemirror/state';
import { describe, expect, it, vi } from 'vitest';
import type { ChangeSetJson } from '@corazy/contracts';
import { createLogger } from '@corazy/service-kit';
import { compileClient } from '../adapters/compile-client.js';
import { memoryStores } from '../adapters/memory-stores.js';
import { RelayEngine } from './relay-engine.js';
import { activePlayerOf, createRoom, decide, timerKey, toSummary, type RoomState } from './room.js';

const T0 = 1_000_000;
const host = { userId: 'host', nickname: 'Host', role: 'USER' as const };

/** A room in its first turn, the host typing, committed as the engine would have. */
async function roomInPlay(stores: ReturnType<typeof memoryStores>, initialCode: string) {
  const roomId = randomUUID();
  let state: RoomState = createRoom(
    {
      id: roomId,
      name: 'long game',
      language: 'python',
      maxPlayers: 4,
      turnSeconds: 300,
      strategySeconds: 0,
      timeCapMinutes: 120,
      difficulty: null,
      problemChoice: null,
      private: false,
      joinCode: null,
    },
    host,
    T0,
  );
  state = decide(state, { type: 'join', userId: 'b', nickname: 'B' }, T0).state!;
  state = decide(state, { type: 'ready', userId: 'b', ready: true }, T0).state!;
  state = decide(
    state,
    {
      type: 'start',
      userId: 'host',
      gameId: 'game-1',
      problem: { id: 'p', slug: 'a-plus-b', title: { ko: 'A + B', en: 'A + B' }, difficulty: 'easy' },
      initialCode,
      online: new Set(['host', 'b']),
    },
    T0,
  ).state!;
  await stores.rooms.commit({
    roomId,
    expectedSeq: 0,
    state,
    events: [JSON.stringify({ type: 'phase.changed' })],
    timers: [],
    activeUserId: activePlayerOf(state),
    resetCode: { gameId: 'game-1', doc: initialCode },
    summary: toSummary(state),
  });
  return roomId;
}

describe('snapshots of a long game', () => {
  it('leave a checkpoint, and the next snapshot replays only what came after it', async () => {
    const stores = memoryStores();
    // The compile service is not called: snapshots and code pushes never judge.
    const engine = new RelayEngine(
      stores,
      compileClient('http://127.0.0.1:9'),
      createLogger('relay', 'silent'),
      {
        checkpointEvery: 10,
      },
    );
    const roomId = await roomInPlay(stores, '# go\n');
    let doc = Text.of(['# go', '']);
    let version = 0;
    const type = async (text: string) => {
      for (const char of text) {
        const changes = ChangeSet.of({ from: doc.length, insert: char }, doc.length);
        await engine.pushCode(host, roomId, version++, changes.toJSON() as ChangeSetJson, null);
        doc = changes.apply(doc);
      }
    };

    await type('print(1)\n');
    expect((await engine.snapshot('b', roomId)).code).toEqual({ doc: doc.toString(), version: 9 });
    expect((await stores.rooms.snapshot(roomId))!.base.version).toBe(0);

    await type('x = 42\n');
    expect((await engine.snapshot('b', roomId)).code).toEqual({ doc: doc.toString(), version: 16 });
    const kept = (await stores.rooms.snapshot(roomId))!;
    expect(kept.base).toEqual({ version: 16, doc: doc.toString() });
    expect(kept.operations).toEqual([]);

    await type('y');
    expect((await engine.snapshot('b', roomId)).code).toEqual({ doc: doc.toString(), version: 17 });
    expect((await stores.rooms.snapshot(roomId))!.operations).toHaveLength(1);
  });
});

describe('the end of a game', () => {
  const engineOn = (stores: ReturnType<typeof memoryStores>) =>
    new RelayEngine(stores, compileClient('http://127.0.0.1:9'), createLogger('relay', 'silent'));

  /** The room's events from now on, each checked against the archive the moment it arrives. */
  async function watch(stores: ReturnType<typeof memoryStores>, roomId: string) {
    const seen: { type: string; storedWhenSeen?: boolean }[] = [];
    await stores.rooms.subscribe(roomId, (_seq, json) => {
      const event = JSON.parse(json) as { type: string; result?: { gameId: string } };
      const entry: (typeof seen)[number] = { type: event.type };
      seen.push(entry);
      if (event.result)
        void stores.archive.game(event.result.gameId).then((record) => (entry.storedWhenSeen = !!record));
    });
    return seen;
  }

  it('publishes game.ended only once the game is stored, so its result and replay can be fetched at once', async () => {
    const stores = memoryStores();
    const roomId = await roomInPlay(stores, '# go\n');
    const seen = await watch(stores, roomId);

    await engineOn(stores).fireTimer(timerKey(roomId, 'cap', 'game-1'));

    await vi.waitFor(() => expect(seen.find((e) => e.type === 'game.ended')?.storedWhenSeen).toBeDefined());
    expect(seen).toEqual([{ type: 'phase.changed' }, { type: 'game.ended', storedWhenSeen: true }]);
  });

  it('is announced once, from the watch timer on another replica, when the one that ended it died at once', async () => {
    const stores = memoryStores();
    const roomId = await roomInPlay(stores, '# go\n');
    // The dying replica's part: the end committed (the room in RESULT, its timers armed), nothing more.
    const loaded = (await stores.rooms.load(roomId))!;
    const ended = decide(
      loaded.state,
      { type: 'timer', kind: 'cap', token: 'game-1', online: new Set() },
      T0,
    );
    await stores.rooms.commit({
      roomId,
      expectedSeq: loaded.seq,
      state: ended.state,
      events: ended.events.map((event) => JSON.stringify({ ...event, roomId, at: T0 })),
      timers: ended.timers,
      activeUserId: null,
    });
    const seen = await watch(stores, roomId);
    const survivor = engineOn(stores);

    // The watch, fired twice (a timer may be), then the result timer: one announcement, one record.
    await survivor.fireTimer(timerKey(roomId, 'announce', 'game-1'));
    await survivor.fireTimer(timerKey(roomId, 'announce', 'game-1'));
    await survivor.fireTimer(timerKey(roomId, 'result', 'game-1'));

    await vi.waitFor(() => expect(seen.map((e) => e.type)).toEqual(['game.ended', 'phase.changed']));
    expect(seen[0]).toEqual({ type: 'game.ended', storedWhenSeen: true });
    expect((await stores.archive.game('game-1'))?.outcome).toBe('TIME_UP');
  });

  it('announces the record a replica stored before it died, once, and stores no other', async () => {
    const stores = memoryStores();
    const roomId = await roomInPlay(stores, '# go\n');
    // This replica dies on its way to publishing the end: its announcing commit never happens.
    const dying = engineOn({
      ...stores,
      rooms: {
        ...stores.rooms,
        commit: async (commit) => {
          if (commit.events.some((event) => event.includes('"type":"game.ended"'))) throw new Error('died');
          return stores.rooms.commit(commit);
        },
      },
    });
    await dying.fireTimer(timerKey(roomId, 'cap', 'game-1'));
    const stored = (await stores.archive.game('game-1'))!;
    const ratings = await stores.archive.ratings(['host', 'b']);
    const seen = await watch(stores, roomId);

    const survivor = engineOn(stores);
    await survivor.fireTimer(timerKey(roomId, 'announce', 'game-1'));
    await survivor.fireTimer(timerKey(roomId, 'result', 'game-1'));

    await vi.waitFor(() => expect(seen.map((e) => e.type)).toEqual(['game.ended', 'phase.changed']));
    expect(await stores.archive.game('game-1')).toEqual(stored);
    expect(await stores.archive.ratings(['host', 'b'])).toEqual(ratings);
    expect(stored.ratingChanges).toHaveLength(2);
  });
});
