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
/** How long the tokens the stand-in acks live (it answers as the relay would for them). */
let renewedTokenSeconds = 900;
/** Every RelaySocket a test starts, stopped after it (a running one would reconnect into the next test). */
const started: RelaySocket[] = [];
const startSocket = (api: ApiClient) => {
  const socket = new RelaySocket(api);
  started.push(socket);
  socket.start();
  return socket;
};

beforeEach(async () => {
  connections = [];
  renewedTokenSeconds = 900;
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
          JSON.stringify({
            type: 'ack',
            id: message.id,
            data: { expiresAt: Date.now() / 1000 + renewedTokenSeconds },
          }),
        );
    });
  });
  vi.stubGlobal('WebSocket', NodeWebSocket);
  vi.stubGlobal('window', {
    location: { href: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` },
  });
});
afterEach(async () => {
  for (const socket of started.splice(0)) socket.stop();
  vi.unstubAllGlobals();
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * An API client whose session's access token expires in `expiresIn` seconds, as do the tokens its
 * refreshes give; `refreshes()` counts them.
 */
function apiWithSession(expiresIn: number) {
  let generation = 1;
  const api = new ApiClient({
    fetch: async () => {
      generation++;
      return new Response(JSON.stringify(session(generation, expiresIn)), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  api.setSession(session(1, expiresIn));
  return { api, refreshes: () => generation - 1 };
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the relay socket', () => {
  it('renews a short-lived token once, at half its life, never in a loop', async () => {
    const { api, refreshes } = apiWithSession(2);
    renewedTokenSeconds = 2;
    startSocket(api);
    await until(() => connections[0]?.received.some((m) => m.type === 'auth.renew') ?? false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The renewed token lives 2 s too: the next renewal is a second away, not at once.
    expect(connections[0]!.received.filter((m) => m.type === 'auth.renew')).toHaveLength(1);
    // One refresh when connecting (under 30 s left), one for the renewal.
    expect(refreshes()).toBe(2);
    expect(connections[0]!.received.find((m) => m.type === 'auth.renew')).toMatchObject({
      accessToken: 'access-3',
    });
    expect(connections).toHaveLength(1);
  });

  it('reconnects with a fresh token after an expiry close, resuming its rooms from their seq', async () => {
    const { api } = apiWithSession(900);
    const socket = startSocket(api);
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
  });

  it('signs out and stays closed when the server ends the session', async () => {
    const { api } = apiWithSession(900);
    const socket = startSocket(api);
    await until(() => socket.status === 'open');
    connections[0]!.socket.close(RelayCloseCode.sessionEnded, 'signed out');
    await until(() => socket.status === 'closed');
    expect(api.session).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(connections).toHaveLength(1);
  });
});
