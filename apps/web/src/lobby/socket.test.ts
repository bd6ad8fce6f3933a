import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { RelayCloseCode, type ClientMessage, type Session } from '@corazy/contracts';
import { ApiClient } from '../api/client.js';
import { RelaySocket } from './socket.js';

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  nickname: 'tester',
  role: 'GUEST' as const,
  email: null,
  createdAt: '2026-01-01T00:00:00Z',
};
const session = (n: number, expiresIn: number): Session => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn,
  user,
});

/**
 * A relay stand-in on a real WebSocket server: it records what each connection sent and with which
 * token it connected, and acks `auth.renew` with the renewed token's expiry.
 */
let server: WebSocketServer;
let connections: { socket: ServerSocket; token: string | null; received: ClientMessage[] }[];

beforeEach(async () => {
  connections = [];
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket, request) => {
    const connection = {
      socket,
      token: new URL(request.url!, 'http://relay').searchParams.get('access_token'),
      received: [] as ClientMessage[],
    };
    connections.push(connection);
    socket.send(
      JSON.stringify({
        type: 'welcome',
        userId: user.id,
        nickname: 'tester',
        serverTime: Date.now(),
        replica: 'r',
      }),
    );
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ClientMessage;
      connection.received.push(message);
      if (message.type === 'auth.renew')
        socket.send(
          JSON.stringify({ type: 'ack', id: message.id, data: { expiresAt: Date.now() / 1000 + 900 } }),
        );
    });
  });
  vi.stubGlobal('WebSocket', NodeWebSocket);
  vi.stubGlobal('window', {
    location: { href: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` },
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

/** An API client whose session's access token expires in `expiresIn` seconds; refreshes give 900 s. */
function apiWithSession(expiresIn: number) {
  let generation = 1;
  const api = new ApiClient({
    fetch: (async () => {
      generation++;
      return new Response(JSON.stringify(session(generation, 900)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch,
  });
  api.setSession(session(1, expiresIn));
  return api;
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the relay socket', () => {
  it('renews its access token over the open socket a minute before it expires, without reconnecting', async () => {
    const socket = new RelaySocket(apiWithSession(61));
    socket.start();
    await until(() => connections[0]?.received.some((m) => m.type === 'auth.renew') ?? false);
    const renewal = connections[0]!.received.find((m) => m.type === 'auth.renew');
    expect(renewal).toMatchObject({ type: 'auth.renew', accessToken: 'access-2' });
    expect(connections[0]!.token).toBe('access-1');
    expect(connections).toHaveLength(1);
    socket.stop();
  });

  it('reconnects with a fresh token after an expiry close, resuming its rooms from their seq', async () => {
    const api = apiWithSession(900);
    const socket = new RelaySocket(api);
    socket.start();
    await until(() => socket.status === 'open');
    const roomId = '00000000-0000-4000-8000-0000000000aa';
    socket.subscribeRoom(roomId);
    connections[0]!.socket.send(
      JSON.stringify({ type: 'room.snapshot', roomId, seq: 7, room: {}, code: null }),
    );
    await until(() => connections[0]!.received.some((m) => m.type === 'room.subscribe'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    connections[0]!.socket.close(RelayCloseCode.tokenExpired, 'access token expired');
    await until(() => connections.length === 2 && connections[1]!.received.length > 0);
    expect(connections[1]!.received).toContainEqual({ type: 'room.subscribe', roomId, afterSeq: 7 });
    socket.stop();
  });

  it('signs out and stays closed when the server ends the session', async () => {
    const api = apiWithSession(900);
    const socket = new RelaySocket(api);
    socket.start();
    await until(() => socket.status === 'open');
    connections[0]!.socket.close(RelayCloseCode.sessionEnded, 'signed out');
    await until(() => socket.status === 'closed');
    expect(api.session).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(connections).toHaveLength(1);
  });
});
