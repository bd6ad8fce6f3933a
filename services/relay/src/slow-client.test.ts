import { connect as connectTcp, type Socket } from 'node:net';
import { ChangeSet, Text } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeOperation, RoomEvent, RoomView } from '@corazy/contracts';
import { startTestCompile, type TestCompile } from '@corazy/compile/testing';
import {
  call,
  headersOf,
  RelayClient,
  startTestRelay,
  testUser,
  type TestRelay,
  type TestUser,
} from './testing.js';

/**
 * A spectator that stops reading must not hold its room back: once its unsent data passes
 * SLOW_CLIENT_BYTES the replica drops it, and everyone else keeps getting every operation in order.
 */

let compile: TestCompile;
let replica: TestRelay;
const clients: RelayClient[] = [];
let stalled: Socket | undefined;

beforeAll(async () => {
  compile = await startTestCompile({ queue: 'memory' });
  replica = await startTestRelay({
    env: {
      COMPILE_URL: compile.url,
      SLOW_CLIENT_BYTES: '65536',
      MESSAGES_PER_SECOND: '100000',
      MESSAGE_BURST: '100000',
    },
  });
}, 60_000);

afterAll(async () => {
  stalled?.destroy();
  await Promise.all(clients.map((c) => c.close()));
  await replica?.close();
  await compile?.close();
});

/** A WebSocket client that completes the handshake, subscribes to a room, then never reads again. */
async function stalledSpectator(url: string, user: TestUser, roomId: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connectTcp(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const headers = Object.entries(headersOf(user))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(
    `GET /api/relay/ws HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n`,
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  // One masked text frame, as a client must send: the subscription.
  const payload = Buffer.from(JSON.stringify({ type: 'room.subscribe', roomId }));
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
  // Subscribed once the snapshot arrives; from then on nothing is read.
  await new Promise<void>((resolve) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('room.snapshot')) return;
      socket.off('data', onData);
      socket.pause();
      resolve();
    };
    socket.on('data', onData);
  });
  return socket;
}

describe('a client that stops reading', () => {
  it('is dropped, and the room goes on at full speed for everyone else', async () => {
    const [host, guest, watcher, sleeper] = ['Host', 'Guest', 'Watcher', 'Sleeper'].map(testUser) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    const { body: room } = await call<RoomView>(replica.url, host, 'POST', '/api/relay/rooms', {
      name: 'slow',
      language: 'python',
      problem: 'a-plus-b',
      strategySeconds: 0,
      turnSeconds: 300,
    });
    await call(replica.url, guest, 'POST', `/api/relay/rooms/${room.id}/join`);
    const hostWs = await RelayClient.connect(replica.url, host);
    const guestWs = await RelayClient.connect(replica.url, guest);
    const watcherWs = await RelayClient.connect(replica.url, watcher);
    clients.push(hostWs, guestWs, watcherWs);
    for (const client of [hostWs, guestWs, watcherWs])
      await client.request({ type: 'room.subscribe', roomId: room.id });
    await guestWs.request({ type: 'ready', roomId: room.id, ready: true });
    await hostWs.request({ type: 'start', roomId: room.id });
    const relay = (await watcherWs.waitFor(
      (f) => f.type === 'phase.changed' && f.phase === 'RELAY',
    )) as Extract<RoomEvent, { type: 'phase.changed' }>;
    stalled = await stalledSpectator(replica.url, sleeper, room.id);

    // Large edits, so the stalled socket's buffers fill quickly: 12,000 characters in, then out again.
    let doc = Text.of(relay.code!.doc.split('\n'));
    const block = 'x'.repeat(12_000);
    const started = Date.now();
    const operations = 1_500;
    for (let version = 0; version < operations; version++) {
      const changes =
        version % 2 === 0
          ? ChangeSet.of({ from: doc.length, insert: block }, doc.length)
          : ChangeSet.of({ from: doc.length - block.length, to: doc.length }, doc.length);
      await hostWs.request({
        type: 'code.push',
        roomId: room.id,
        version,
        changes: changes.toJSON() as CodeOperation['changes'],
        cursor: null,
      });
      doc = changes.apply(doc);
    }
    const elapsed = Date.now() - started;

    const metrics = await (await fetch(`${replica.url}/metrics`)).text();
    expect(metrics).toMatch(/relay_slow_clients_dropped_total\{[^}]*\} 1/);
    await watcherWs.waitFor((f) => f.type === 'code.op' && f.op.version === operations);
    const versions = watcherWs.events(room.id).flatMap((e) => (e.type === 'code.op' ? [e.op.version] : []));
    expect(versions).toEqual(Array.from({ length: operations }, (_, i) => i + 1));
    // Hundreds of 12 KB operations, acknowledged one after the other: well under 10 ms each.
    expect(elapsed / operations).toBeLessThan(10);
  }, 60_000);
});
