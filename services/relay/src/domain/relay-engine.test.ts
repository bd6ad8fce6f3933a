import { randomUUID } from 'node:crypto';
import { ChangeSet, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { ChangeSetJson } from '@corazy/contracts';
import { createLogger } from '@corazy/service-kit';
import { compileClient } from '../adapters/compile-client.js';
import { memoryStores } from '../adapters/memory-stores.js';
import { RelayEngine } from './relay-engine.js';
import { activePlayerOf, createRoom, decide, toSummary, type RoomState } from './room.js';

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
