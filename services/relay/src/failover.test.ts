import { randomUUID } from 'node:crypto';
import { ChangeSet, Text } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeOperation, RoomEvent, RoomView } from '@corazy/contracts';
import { startTestCompile, type TestCompile } from '@corazy/compile/testing';
import { createWorkerService, WorkerSettings } from '@corazy/compile-worker';
import { createSandbox, type Sandbox } from '@corazy/sandbox';
import { createLogger, loadConfig, type HttpService } from '@corazy/service-kit';
import { spawnService, type ServiceProcess } from '@corazy/service-kit/testing';
import { connectRedisStores } from './adapters/redis-stores.js';
import { seqOf } from './adapters/sequence.js';
import type { RelayStores } from './domain/ports.js';
import { JUDGING_WATCH_MS } from './domain/room.js';
import { call, freePort, RelayClient, testRedisUrl, testUser, type TestUser } from './testing.js';

/**
 * Relay replicas as separate processes on one Redis. The replica serving the active player is killed
 * with SIGKILL mid-turn: its clients reconnect to the other one and resume from their last seq, and
 * the turn still ends on time, once. The replica following a judgement is killed too: another one
 * picks the judgement up and the room gets its verdict.
 */

let compile: TestCompile;
let replicaA: ServiceProcess;
let replicaB: ServiceProcess;
let stores: RelayStores;
const prefix = `test:relay:${randomUUID()}:`;
const clients: RelayClient[] = [];
const stopLater: { stop(): Promise<unknown> }[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  // The in-process queue holds submissions until a test starts a worker on it.
  compile = await startTestCompile({ queue: 'memory' });
  env = {
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: prefix,
    COMPILE_URL: compile.url,
    HEARTBEAT_MS: '500',
    TIMER_POLL_MS: '20',
    TIMER_LEASE_MS: '1000',
  };
  [replicaA, replicaB] = await Promise.all([
    freePort().then((port) => spawnService('relay', port, { ...env, REPLICA_ID: 'A' })),
    freePort().then((port) => spawnService('relay', port, { ...env, REPLICA_ID: 'B' })),
  ]);
  stores = connectRedisStores(testRedisUrl(), prefix);
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const service of stopLater.reverse()) await service.stop();
  await replicaA?.stop('SIGKILL');
  await replicaB?.stop();
  await stores?.close();
  await compile?.close();
});

async function connect(url: string, user: TestUser) {
  const client = await RelayClient.connect(url, user);
  clients.push(client);
  return client;
}

/** What a user saw over all its connections, in order. */
const story = (connections: RelayClient[], roomId: string) => connections.flatMap((c) => c.events(roomId));

describe('losing a replica mid-turn', () => {
  it('resumes every client on the other replica with no lost or repeated event, and ends the turn on time, once', async () => {
    const [host, guest, watcher] = [testUser('Host'), testUser('Guest'), testUser('Watcher')];
    const created = await call<RoomView>(replicaA.url, host, 'POST', '/api/relay/rooms', {
      name: 'failover',
      language: 'python',
      problem: 'a-plus-b',
      strategySeconds: 0,
      turnSeconds: 30,
    });
    const roomId = created.body.id;
    await call(replicaB.url, guest, 'POST', `/api/relay/rooms/${roomId}/join`);

    const hostOnA = await connect(replicaA.url, host);
    const watcherOnA = await connect(replicaA.url, watcher);
    const guestOnB = await connect(replicaB.url, guest);
    for (const client of [hostOnA, watcherOnA, guestOnB]) {
      await client.request({ type: 'room.subscribe', roomId });
      await client.waitFor((f) => f.type === 'room.snapshot');
    }
    await guestOnB.request({ type: 'ready', roomId, ready: true });
    await hostOnA.request({ type: 'start', roomId });
    const started = (await guestOnB.waitFor((f) => f.type === 'turn.started')) as Extract<
      RoomEvent,
      { type: 'turn.started' }
    >;
    expect(started.turn.userId).toBe(host.userId);
    const snapshot = (await guestOnB.waitFor(
      (f) => f.type === 'phase.changed' && f.phase === 'RELAY',
    )) as Extract<RoomEvent, { type: 'phase.changed' }>;

    let doc = Text.of(snapshot.code!.doc.split('\n'));
    let version = 0;
    const typeOn = async (client: RelayClient, text: string) => {
      for (const char of text) {
        const changes = ChangeSet.of({ from: doc.length, insert: char }, doc.length);
        await client.request({
          type: 'code.push',
          roomId,
          version,
          changes: changes.toJSON() as CodeOperation['changes'],
          cursor: null,
        });
        doc = changes.apply(doc);
        version++;
      }
    };
    await typeOn(hostOnA, '# abc');

    // The replica holding the active player dies without a word.
    await replicaA.stop('SIGKILL');
    expect(await hostOnA.closed).toBe(1006);
    await watcherOnA.closed;
    // Meanwhile the room goes on: these events are what the reconnecting clients missed.
    await guestOnB.request({ type: 'chat', roomId, text: 'are you there?' });

    const hostOnB = await connect(replicaB.url, host);
    const watcherOnB = await connect(replicaB.url, watcher);
    await hostOnB.request({ type: 'room.subscribe', roomId, afterSeq: hostOnA.lastSeq.get(roomId)! });
    await watcherOnB.request({ type: 'room.subscribe', roomId, afterSeq: watcherOnA.lastSeq.get(roomId)! });
    await hostOnB.waitFor((f) => f.type === 'chat');
    await typeOn(hostOnB, 'def');

    const turnEnds = started.turn.endsAt;
    const secondTurn = (await guestOnB.waitFor(
      (f) => f.type === 'turn.started' && f.turn.number === 2,
      40_000,
    )) as Extract<RoomEvent, { type: 'turn.started' }>;
    expect(secondTurn.turn.userId).toBe(guest.userId);
    expect(secondTurn.reason).toBe('timeout');
    expect(Math.abs(secondTurn.at - turnEnds)).toBeLessThan(1_000);
    await hostOnB.waitFor((f) => f.type === 'turn.started' && f.turn.number === 2);
    await watcherOnB.waitFor((f) => f.type === 'turn.started' && f.turn.number === 2);
    // Nothing fires twice, even with the dead replica's leases left behind.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const log = (await stores.rooms.readEvents(roomId, 0))!;
    const logSeqs = log.map(seqOf);
    expect(logSeqs).toEqual(logSeqs.map((_, i) => i + 1));
    const turnStarts = log.map((e) => JSON.parse(e) as RoomEvent).filter((e) => e.type === 'turn.started');
    expect(turnStarts.map((e) => e.turn.number)).toEqual([1, 2]);

    // Each user saw the log's events after its snapshot, exactly once and in order, across both connections.
    for (const connections of [[hostOnA, hostOnB], [watcherOnA, watcherOnB], [guestOnB]]) {
      const seen = story(connections, roomId).map((e) => e.seq);
      const from = seen[0]!;
      expect(seen).toEqual(logSeqs.filter((seq) => seq >= from));
    }
    const watcherOps = story([watcherOnA, watcherOnB], roomId).filter((e) => e.type === 'code.op');
    expect(watcherOps.map((e) => e.op.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await stores.rooms.readCode(roomId, 0)).operations).toHaveLength(8);
  }, 90_000);
});

describe('losing the replica that follows a judgement', () => {
  it(
    'has another replica follow it to its verdict',
    async () => {
      const replicaC = await spawnService('relay', await freePort(), { ...env, REPLICA_ID: 'C' });
      stopLater.push({ stop: () => replicaC.stop('SIGKILL') });
      const [host, guest] = [testUser('Host'), testUser('Guest')];
      const created = await call<RoomView>(replicaC.url, host, 'POST', '/api/relay/rooms', {
        name: 'judged',
        language: 'python',
        problem: 'a-plus-b',
        strategySeconds: 0,
        turnSeconds: 300,
      });
      const roomId = created.body.id;
      await call(replicaB.url, guest, 'POST', `/api/relay/rooms/${roomId}/join`);
      const hostOnC = await connect(replicaC.url, host);
      const guestOnB = await connect(replicaB.url, guest);
      for (const client of [hostOnC, guestOnB]) {
        await client.request({ type: 'room.subscribe', roomId });
        await client.waitFor((f) => f.type === 'room.snapshot');
      }
      await guestOnB.request({ type: 'ready', roomId, ready: true });
      await hostOnC.request({ type: 'start', roomId });
      const relay = (await hostOnC.waitFor(
        (f) => f.type === 'phase.changed' && f.phase === 'RELAY',
      )) as Extract<RoomEvent, { type: 'phase.changed' }>;
      const doc = Text.of(relay.code!.doc.split('\n'));
      const changes = ChangeSet.of(
        { from: 0, to: doc.length, insert: 'print(sum(map(int, input().split())))' },
        doc.length,
      );
      await hostOnC.request({
        type: 'code.push',
        roomId,
        version: 0,
        changes: changes.toJSON() as CodeOperation['changes'],
        cursor: null,
      });
      const answer = await hostOnC.request({ type: 'judge', roomId, mode: 'sample' });
      const { submissionId } = answer as { submissionId: string };

      // Replica C follows the submission, which no worker has taken yet; C dies without a word.
      await replicaC.stop('SIGKILL');
      const sandbox: Sandbox = await createSandbox('namespace', { namespace: { concurrency: 1 } });
      const worker: HttpService = await createWorkerService({
        config: loadConfig(WorkerSettings, { WORKER_CONCURRENCY: '1', PROGRESS_INTERVAL_MS: '50' }),
        queue: compile.queue,
        sandbox,
        logger: createLogger('compile-worker', 'silent'),
      });
      stopLater.push({ stop: () => sandbox.close() }, worker);

      // Whichever replica looks at the judgement next (B, the only one left) follows it to the end.
      const final = (await guestOnB.waitFor(
        (f) => f.type === 'judge.final',
        JUDGING_WATCH_MS + 20_000,
      )) as Extract<RoomEvent, { type: 'judge.final' }>;
      expect(final.submissionId).toBe(submissionId);
      expect(final.verdict).toBe('ACCEPTED');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const log = (await stores.rooms.readEvents(roomId, 0))!.map((e) => JSON.parse(e) as RoomEvent);
      expect(log.filter((e) => e.type === 'judge.final')).toHaveLength(1);
      const room = await call<RoomView>(replicaB.url, guest, 'GET', `/api/relay/rooms/${roomId}`);
      expect(room.body.game?.judging).toBeNull();
    },
    JUDGING_WATCH_MS + 60_000,
  );
});
