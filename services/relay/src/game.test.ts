import { ChangeSet, Text } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeOperation,
  GameRecord,
  GameResult,
  PlayerProfile,
  RankingList,
  RoomEvent,
  RoomView,
} from '@corazy/contracts';
import { startTestCompile, type TestCompile } from '@corazy/compile/testing';
import { createWorkerService, WorkerSettings } from '@corazy/compile-worker';
import { connectRabbitQueue, type GradingQueue } from '@corazy/grading-queue';
import { createTestDatabase } from '@corazy/database';
import { createSandbox, type Sandbox } from '@corazy/sandbox';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { call, RelayClient, startTestRelay, testUser, type TestRelay } from './testing.js';

/**
 * Whole games on two relay replicas sharing one real Redis (and PostgreSQL for results), players of one room connected to
 * different replicas, judged by the real compile service and a real grading worker (namespace sandbox).
 */

const amqpUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

let compile: TestCompile;
let sandbox: Sandbox;
let workerQueue: GradingQueue;
let worker: HttpService;
let replicaA: TestRelay;
let replicaB: TestRelay;
let relayDatabase: { url: string; drop(): Promise<void> };
const clients: RelayClient[] = [];

beforeAll(async () => {
  compile = await startTestCompile();
  sandbox = await createSandbox('namespace', { namespace: { concurrency: 2 } });
  workerQueue = await connectRabbitQueue(amqpUrl, { namespace: compile.namespace });
  worker = await createWorkerService({
    config: loadConfig(WorkerSettings, { WORKER_CONCURRENCY: '2', PROGRESS_INTERVAL_MS: '50' }),
    queue: workerQueue,
    sandbox,
    logger: createLogger('compile-worker', 'silent'),
  });
  relayDatabase = await createTestDatabase('relay');
  replicaA = await startTestRelay({ env: { COMPILE_URL: compile.url }, databaseUrl: relayDatabase.url });
  replicaB = await startTestRelay({
    prefix: replicaA.prefix,
    env: { COMPILE_URL: compile.url },
    databaseUrl: relayDatabase.url,
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await replicaA?.close();
  await replicaB?.close();
  await worker?.stop();
  await workerQueue?.close();
  await sandbox?.close();
  await compile?.close();
  await relayDatabase?.drop();
});

async function connect(replica: TestRelay, user: ReturnType<typeof testUser>) {
  const client = await RelayClient.connect(replica.url, user);
  clients.push(client);
  return client;
}

/** The events a client got for a room, checked to be numbered 1 higher each time: no gap, no duplicate. */
function assertContiguous(client: RelayClient, roomId: string) {
  const snapshot = client.frames.find((f) => f.type === 'room.snapshot' && f.roomId === roomId);
  const seqs = client.events(roomId).map((e) => e.seq);
  const first = snapshot && 'seq' in snapshot ? snapshot.seq : seqs[0]! - 1;
  expect(seqs).toEqual(seqs.map((_, i) => first + 1 + i));
}

/** Edits the way an editor sends them: one change set per keystroke, against the document so far. */
async function type(
  client: RelayClient,
  roomId: string,
  doc: Text,
  version: number,
  at: number,
  text: string,
) {
  let current = doc;
  let v = version;
  for (let i = 0; i < text.length; i++) {
    const changes = ChangeSet.of({ from: at + i, insert: text[i]! }, current.length);
    await client.request({
      type: 'code.push',
      roomId,
      version: v,
      changes: changes.toJSON() as CodeOperation['changes'],
      cursor: { anchor: at + i + 1, head: at + i + 1 },
    });
    current = changes.apply(current);
    v++;
  }
  return { doc: current, version: v };
}

async function push(
  client: RelayClient,
  roomId: string,
  doc: Text,
  version: number,
  spec: { from: number; to?: number; insert?: string },
) {
  const changes = ChangeSet.of(spec, doc.length);
  await client.request({
    type: 'code.push',
    roomId,
    version,
    changes: changes.toJSON() as CodeOperation['changes'],
    cursor: null,
  });
  return { doc: changes.apply(doc), version: version + 1 };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('a relay game across two replicas', () => {
  it('plays a whole game: join, ready, strategy, turns, live code, chat, a wrong and an accepted submission, results, replay', async () => {
    const [host, second, third, watcher] = ['Host', 'Second', '셋째', 'Watcher'].map(testUser) as [
      ReturnType<typeof testUser>,
      ReturnType<typeof testUser>,
      ReturnType<typeof testUser>,
      ReturnType<typeof testUser>,
    ];
    const created = await call<RoomView>(replicaA.url, host, 'POST', '/api/relay/rooms', {
      name: 'A+B relay',
      language: 'python',
      problem: 'a-plus-b',
      maxPlayers: 3,
      strategySeconds: 1,
      turnSeconds: 60,
    });
    expect(created.status).toBe(201);
    const roomId = created.body.id;
    expect((await call(replicaB.url, second, 'POST', `/api/relay/rooms/${roomId}/join`)).status).toBe(200);
    expect((await call(replicaA.url, third, 'POST', `/api/relay/rooms/${roomId}/join`)).status).toBe(200);
    const full = await call<{ error: { code: string } }>(
      replicaB.url,
      watcher,
      'POST',
      `/api/relay/rooms/${roomId}/join`,
    );
    expect(full.body.error.code).toBe('ROOM_FULL');
    const listed = await call<{ items: { id: string; players: number }[] }>(
      replicaB.url,
      watcher,
      'GET',
      '/api/relay/rooms',
    );
    expect(listed.body.items.find((r) => r.id === roomId)?.players).toBe(3);

    // Players of one room on different replicas; the spectator on the other one from the host.
    const hostWs = await connect(replicaA, host);
    const secondWs = await connect(replicaB, second);
    const thirdWs = await connect(replicaA, third);
    const watcherWs = await connect(replicaB, watcher);
    for (const client of [hostWs, secondWs, thirdWs, watcherWs]) {
      await client.request({ type: 'room.subscribe', roomId });
      await client.waitFor((f) => f.type === 'room.snapshot');
    }

    await secondWs.request({ type: 'ready', roomId, ready: true });
    expect(await rejection(hostWs.request({ type: 'start', roomId }))).toBe('START_CONDITIONS_UNMET');
    await thirdWs.request({ type: 'ready', roomId, ready: true });
    expect(await rejection(secondWs.request({ type: 'start', roomId }))).toBe('NOT_HOST');
    await hostWs.request({ type: 'start', roomId });

    const strategy = (await watcherWs.waitFor(
      (f) => f.type === 'phase.changed' && f.phase === 'STRATEGY',
    )) as Extract<RoomEvent, { type: 'phase.changed' }>;
    expect(strategy.room.game!.problem.slug).toBe('a-plus-b');
    const starter = strategy.code!.doc;
    expect(starter).toContain('# TODO: print the answer');
    await secondWs.request({ type: 'chat', roomId, text: 'read the input first' });

    // The server's strategy timer starts the relay; the host, first to join, has the first turn.
    const firstTurn = (await secondWs.waitFor((f) => f.type === 'turn.started')) as Extract<
      RoomEvent,
      { type: 'turn.started' }
    >;
    expect(firstTurn.turn).toMatchObject({ number: 1, userId: host.userId });

    // Out of turn, as a spectator, or chatting while active: refused, nothing changes.
    const emptyEdit = ChangeSet.of(
      { from: 0, insert: 'x' },
      starter.length,
    ).toJSON() as CodeOperation['changes'];
    expect(
      await rejection(
        secondWs.request({ type: 'code.push', roomId, version: 0, changes: emptyEdit, cursor: null }),
      ),
    ).toBe('NOT_YOUR_TURN');
    expect(
      await rejection(
        watcherWs.request({ type: 'code.push', roomId, version: 0, changes: emptyEdit, cursor: null }),
      ),
    ).toBe('NOT_YOUR_TURN');
    expect(await rejection(hostWs.request({ type: 'chat', roomId, text: 'hi' }))).toBe('CHAT_DISABLED');
    expect(await rejection(secondWs.request({ type: 'pass', roomId }))).toBe('NOT_YOUR_TURN');
    expect(await rejection(secondWs.request({ type: 'judge', roomId, mode: 'full' }))).toBe('NOT_YOUR_TURN');
    await watcherWs.request({ type: 'reaction', roomId, reaction: 'fire' });
    await thirdWs.request({ type: 'ping', roomId, pos: 10 });

    // The host replaces the TODO with a wrong answer, keystroke by keystroke.
    let code = { doc: Text.of(starter.split('\n')), version: 0 };
    const todo = starter.indexOf('# TODO: print the answer');
    code = await push(hostWs, roomId, code.doc, code.version, {
      from: todo,
      to: todo + '# TODO: print the answer'.length,
    });
    code = await type(hostWs, roomId, code.doc, code.version, todo, 'print(a - b)');
    // A stale base is refused with the current version, so the client can rebase.
    const stale = await hostWs
      .request({
        type: 'code.push',
        roomId,
        version: 1,
        changes: ChangeSet.of({ from: 0, insert: '#' }, code.doc.length).toJSON() as CodeOperation['changes'],
        cursor: null,
      })
      .catch((error: { code: string; details: unknown }) => error);
    expect(stale).toMatchObject({ code: 'STALE_VERSION', details: { version: code.version } });
    // A change set made for a document of another length never reaches the log.
    const misfit = ChangeSet.of(
      { from: 0, insert: '#' },
      code.doc.length + 3,
    ).toJSON() as CodeOperation['changes'];
    expect(
      await rejection(
        hostWs.request({ type: 'code.push', roomId, version: code.version, changes: misfit, cursor: null }),
      ),
    ).toBe('VALIDATION_FAILED');

    await hostWs.request({ type: 'judge', roomId, mode: 'sample' });
    const sampleFinal = (await watcherWs.waitFor((f) => f.type === 'judge.final', 30_000)) as Extract<
      RoomEvent,
      { type: 'judge.final' }
    >;
    expect(sampleFinal).toMatchObject({ mode: 'sample', verdict: 'WRONG_ANSWER' });
    expect(watcherWs.events(roomId).filter((e) => e.type === 'judge.test').length).toBeGreaterThan(0);

    // Pass early: the second player, on the other replica, takes over and fixes the code.
    await hostWs.request({ type: 'pass', roomId });
    const secondTurn = (await secondWs.waitFor(
      (f) => f.type === 'turn.started' && f.turn.number === 2,
    )) as Extract<RoomEvent, { type: 'turn.started' }>;
    expect(secondTurn.turn.userId).toBe(second.userId);
    await hostWs.request({ type: 'chat', roomId, text: 'plus, not minus' });
    const minus = code.doc.toString().indexOf('a - b') + 2;
    code = await push(secondWs, roomId, code.doc, code.version, { from: minus, to: minus + 1, insert: '+' });
    await secondWs.request({ type: 'judge', roomId, mode: 'full' });

    const ended = (await thirdWs.waitFor((f) => f.type === 'game.ended', 30_000)) as Extract<
      RoomEvent,
      { type: 'game.ended' }
    >;
    const { result } = ended;
    // Stored before it was announced: the result is there for whoever saw the end, at once.
    const fetched = await call<GameResult>(replicaA.url, third, 'GET', `/api/relay/games/${result.gameId}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject(result);
    expect(result.outcome).toBe('SOLVED');
    expect(result.finalCode).toBe(code.doc.toString());
    expect(result.finalCode).toContain('print(a + b)');
    expect(result.submissions).toBe(1);
    const stats = Object.fromEntries(result.players.map((p) => [p.userId, p]));
    expect(stats[host.userId]).toMatchObject({ typed: 'print(a-b)'.length, surviving: 'print(ab)'.length });
    expect(stats[second.userId]).toMatchObject({ typed: 1, surviving: 1 });
    expect(stats[third.userId]).toMatchObject({ typed: 0, surviving: 0, activeMs: 0 });
    expect(result.awards.find((a) => a.kind === 'best-contributor')?.userId).toBe(host.userId);
    await watcherWs.waitFor((f) => f.type === 'phase.changed' && f.phase === 'RESULT');

    // Every client saw the same numbered story, without a gap or a repeat, whichever replica served it.
    for (const client of [hostWs, secondWs, thirdWs, watcherWs]) assertContiguous(client, roomId);
    const watcherOps = watcherWs
      .events(roomId)
      .filter((e): e is Extract<RoomEvent, { type: 'code.op' }> => e.type === 'code.op');
    expect(watcherOps.map((e) => e.op.version)).toEqual(watcherOps.map((_, i) => i + 1));
    expect(
      watcherWs
        .events(roomId)
        .filter((e) => e.type === 'chat')
        .map((e) => (e as { text: string }).text),
    ).toEqual(['read the input first', 'plus, not minus']);

    // The replay rebuilds the final code keystroke by keystroke.
    const replay = await call<GameRecord>(
      replicaB.url,
      watcher,
      'GET',
      `/api/relay/games/${result.gameId}/replay`,
    );
    expect(replay.status).toBe(200);
    let doc = Text.of(replay.body.initialCode.split('\n'));
    for (const op of replay.body.operations) doc = ChangeSet.fromJSON(op.changes).apply(doc);
    expect(doc.toString()).toBe(result.finalCode);
    expect(replay.body.operations).toHaveLength(code.version);
    expect(replay.body.ratingChanges.every((c) => c.after > c.before)).toBe(true);

    const ranking = await call<RankingList>(replicaA.url, undefined, 'GET', '/api/rankings?by=rating');
    expect(ranking.body.items.map((e) => e.userId)).toEqual(
      expect.arrayContaining([host.userId, second.userId, third.userId]),
    );

    // The profile lists the game with the player's rating change.
    const profile = await call<PlayerProfile>(
      replicaB.url,
      watcher,
      'GET',
      `/api/relay/players/${second.userId}`,
    );
    expect(profile.status).toBe(200);
    expect(profile.body.rating).toBe(
      replay.body.ratingChanges.find((c) => c.userId === second.userId)!.after,
    );
    expect(profile.body.ratingRank).toBeGreaterThan(0);
    expect(profile.body.games[0]).toMatchObject({ gameId: result.gameId, outcome: 'SOLVED' });
    expect(profile.body.games[0]!.rating!.after).toBe(profile.body.rating);
  }, 120_000);

  it('catches a reconnecting client up from its last seq on the other replica, then a snapshot when it has none', async () => {
    const [host, guest] = [testUser('Host'), testUser('Guest')];
    const { body: room } = await call<RoomView>(replicaA.url, host, 'POST', '/api/relay/rooms', {
      name: 'r',
      language: 'python',
    });
    const hostWs = await connect(replicaA, host);
    await hostWs.request({ type: 'room.subscribe', roomId: room.id });
    await hostWs.waitFor((f) => f.type === 'room.snapshot');
    const seen = hostWs.lastSeq.get(room.id)!;
    await hostWs.close();

    await call(replicaB.url, guest, 'POST', `/api/relay/rooms/${room.id}/join`);
    const guestWs = await connect(replicaB, guest);
    await guestWs.request({ type: 'room.subscribe', roomId: room.id });
    await guestWs.request({ type: 'ready', roomId: room.id, ready: true });

    const back = await connect(replicaB, host);
    await back.request({ type: 'room.subscribe', roomId: room.id, afterSeq: seen });
    await back.waitFor((f) => f.type === 'player.ready');
    expect(back.frames.some((f) => f.type === 'room.snapshot')).toBe(false);
    const seqs = back.events(room.id).map((e) => e.seq);
    expect(seqs[0]).toBe(seen + 1);
    assertContiguous(back, room.id);
  });

  it('keeps private rooms out of the list and lets players in by code only', async () => {
    const [host, friend, stranger] = [testUser('Host'), testUser('Friend'), testUser('Stranger')];
    const { body: room } = await call<RoomView>(replicaA.url, host, 'POST', '/api/relay/rooms', {
      name: 'private',
      language: 'cpp',
      private: true,
    });
    expect(room.joinCode).toMatch(/^[A-Z0-9]{6}$/);
    const list = await call<{ items: { id: string }[] }>(replicaB.url, stranger, 'GET', '/api/relay/rooms');
    expect(list.body.items.map((r) => r.id)).not.toContain(room.id);
    expect((await call(replicaB.url, stranger, 'POST', `/api/relay/rooms/${room.id}/join`)).status).toBe(404);
    expect((await call(replicaB.url, stranger, 'GET', `/api/relay/rooms/${room.id}`)).status).toBe(404);
    const joined = await call<RoomView>(replicaB.url, friend, 'POST', '/api/relay/rooms/join-by-code', {
      code: room.joinCode!.toLowerCase(),
    });
    expect(joined.status).toBe(200);
    expect(joined.body.players.map((p) => p.userId)).toEqual([host.userId, friend.userId]);
  });

  it('validates every message and answers bad ones with an error, never a crash', async () => {
    const client = await connect(replicaB, testUser('Fuzzer'));
    client.socket.send('not json');
    client.send({ type: 'chat', roomId: 'nope', text: 'x' });
    client.send({ type: 'lobby.chat', id: 'long', text: 'x'.repeat(201) });
    client.send({ type: 'teleport', id: 'u' });
    await client.waitFor((f) => f.type === 'error' && f.id === 'u');
    const codes = client.frames.filter((f) => f.type === 'error').map((f) => (f as { code: string }).code);
    expect(codes).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
    ]);
    client.socket.send('x'.repeat(20_000));
    expect(await client.closed).toBe(1009);
  });

  it('throttles a flooding client', async () => {
    const client = await connect(replicaA, testUser('Flood'));
    for (let i = 0; i < 200; i++) client.send({ type: 'heartbeat', id: `h${i}` });
    await client.waitFor((f) => f.type === 'pong' && f.id === 'h59');
    await client.waitFor((f) => f.type === 'error' && f.code === 'RATE_LIMITED');
    const pongs = client.frames.filter((f) => f.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(60);
    expect(pongs).toBeLessThan(100);
  });

  it('shares the lobby: chat history and rate limit, rooms appearing live, who is online', async () => {
    const [talker, listener] = [testUser('Talker'), testUser('Listener')];
    const listenerWs = await connect(replicaB, listener);
    await listenerWs.request({ type: 'lobby.subscribe' });
    const talkerWs = await connect(replicaA, talker);
    await talkerWs.request({ type: 'lobby.chat', text: '안녕하세요' });
    const chat = await listenerWs.waitFor((f) => f.type === 'lobby.chat');
    expect(chat).toMatchObject({ message: { nickname: 'Talker', text: '안녕하세요' } });
    const { body: room } = await call<RoomView>(replicaA.url, talker, 'POST', '/api/relay/rooms', {
      name: 'new',
      language: 'java',
    });
    await listenerWs.waitFor((f) => f.type === 'lobby.room' && f.room.id === room.id);
    const online = await call<{ items: { userId: string }[] }>(
      replicaB.url,
      listener,
      'GET',
      '/api/relay/online',
    );
    expect(online.body.items.map((u) => u.userId)).toEqual(
      expect.arrayContaining([talker.userId, listener.userId]),
    );
    const results = [];
    for (let i = 0; i < 10; i++)
      results.push(await rejection(talkerWs.request({ type: 'lobby.chat', text: `spam ${i}` })));
    expect(results).toContain('RATE_LIMITED');
  });

  it('ranks dictation runs by best CPM after checking them against their keystrokes', async () => {
    const typist = testUser('Typist');
    const list = await call<{ items: { id: string }[] }>(
      compile.url,
      undefined,
      'GET',
      '/api/dictations?language=python',
    );
    const snippet = await call<{ id: string; code: string }>(
      compile.url,
      undefined,
      'GET',
      `/api/dictations/${list.body.items[0]!.id}`,
    );
    // Every line typed after its indentation, 150 ms a key, Enter at each line's end.
    const keystrokes: { t: number; k: string }[] = [];
    const lines = snippet.body.code.split('\n').map((l) => l.trimEnd());
    while (lines.at(-1) === '') lines.pop();
    for (const line of lines)
      for (const k of [...line.trimStart(), 'Enter']) keystrokes.push({ t: keystrokes.length * 150, k });
    const characters = lines.reduce((sum, l) => sum + l.trimStart().length, 0);
    const cpm = Math.round(characters / (((keystrokes.length - 1) * 150) / 60_000));

    const forged = await call<{ error: { code: string } }>(
      replicaA.url,
      typist,
      'POST',
      '/api/relay/dictation-results',
      {
        dictationId: snippet.body.id,
        keystrokes,
        cpm: cpm + 100,
        accuracy: 100,
      },
    );
    expect(forged.status).toBe(422);
    const accepted = await call<{ cpm: number; best: number; rank: number }>(
      replicaB.url,
      typist,
      'POST',
      '/api/relay/dictation-results',
      {
        dictationId: snippet.body.id,
        keystrokes,
        cpm,
        accuracy: 100,
      },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ cpm, best: cpm, rank: 1 });
    const ranking = await call<RankingList>(replicaA.url, undefined, 'GET', '/api/rankings?by=cpm');
    expect(ranking.body.items[0]).toMatchObject({ userId: typist.userId, nickname: 'Typist', value: cpm });

    // The accepted run (not the forged one) is in the typist's history.
    const profile = await call<PlayerProfile>(
      replicaA.url,
      typist,
      'GET',
      `/api/relay/players/${typist.userId}`,
    );
    expect(profile.body).toMatchObject({ nickname: 'Typist', bestCpm: cpm, cpmRank: 1, rating: null });
    expect(profile.body.dictations).toEqual([
      expect.objectContaining({ dictationId: snippet.body.id, language: 'python', cpm, accuracy: 100 }),
    ]);
  });
});
