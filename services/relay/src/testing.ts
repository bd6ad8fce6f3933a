import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { z } from 'zod';
import type { ClientMessage, RoomEvent, ServerFrame, ServerMessage } from '@corazy/contracts';
import { connectPostgres } from '@corazy/database';
import { createLogger, loadConfig } from '@corazy/service-kit';
import { connectRedisState, type SharedState } from '@corazy/shared-state';
import { connectRedisStores } from './adapters/redis-stores.js';
import { createRelayService, type RelayService } from './app.js';
import { RelayConfig } from './config.js';
import type { Judge } from './domain/judge.js';
import type { RelayStores } from './domain/ports.js';

export { freePort } from '@corazy/service-kit/testing';

export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRelay {
  service: RelayService;
  url: string;
  stores: RelayStores;
  prefix: string;
  close(): Promise<void>;
}

/**
 * A relay replica on real Redis, under `prefix` (a fresh one unless given: pass another replica's
 * prefix, and database, to start a second replica of the same deployment), listening on a free port.
 */
export async function startTestRelay(
  options: {
    prefix?: string;
    env?: Record<string, string>;
    judge?: Judge;
    port?: number;
    /** PostgreSQL for finished games and rankings (schema `relay`); Redis when absent. */
    databaseUrl?: string;
  } = {},
): Promise<TestRelay> {
  const prefix = options.prefix ?? `test:relay:${randomUUID()}:`;
  const config = loadConfig(RelayConfig, {
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    HEARTBEAT_MS: '500',
    TIMER_POLL_MS: '20',
    TIMER_LEASE_MS: '1000',
    ...options.env,
  });
  const stores = connectRedisStores(config.REDIS_URL, prefix);
  const state: SharedState = connectRedisState(config.REDIS_URL, prefix);
  const db = options.databaseUrl ? connectPostgres(options.databaseUrl, { maxConnections: 4 }) : undefined;
  const service = await createRelayService({
    db,
    config,
    stores,
    state,
    logger: createLogger('relay', config.LOG_LEVEL === 'info' ? 'silent' : config.LOG_LEVEL),
    judge: options.judge,
  });
  const url = await service.listen(options.port ?? 0, '127.0.0.1');
  return {
    service,
    url,
    stores,
    prefix,
    async close() {
      await service.stop();
      await stores.close();
      await state.close();
      await db?.close();
    },
  };
}

export interface TestUser {
  userId: string;
  nickname: string;
}

export const testUser = (nickname: string): TestUser => ({ userId: randomUUID(), nickname });

/** The headers the gateway sets for a signed-in user. */
export const headersOf = (user: TestUser) => ({
  'x-user-id': user.userId,
  'x-user-nickname': encodeURIComponent(user.nickname),
  'x-user-role': 'USER',
});

/** A JSON call to a relay as `user`; answers the status and the parsed body. */
export async function call<T = unknown>(
  baseUrl: string,
  user: TestUser | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(user ? headersOf(user) : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A client message as a client writes it (defaults may be left out), without the id `request` adds. */
export type OutgoingMessage =
  z.input<typeof ClientMessage> extends infer M ? (M extends { id?: string } ? Omit<M, 'id'> : never) : never;

/**
 * A WebSocket client as a test (or a bench bot) uses it: keeps every frame, tracks the last seq per
 * room, and answers `request` with the ack or error of the message it sent.
 */
export class RelayClient {
  readonly frames: ServerFrame[] = [];
  readonly lastSeq = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private nextId = 0;
  closed: Promise<number>;

  private constructor(
    readonly socket: WebSocket,
    readonly user: TestUser,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      this.frames.push(frame);
      if ('seq' in frame && 'roomId' in frame && frame.type !== 'room.snapshot')
        this.lastSeq.set(frame.roomId, frame.seq);
      if (frame.type === 'room.snapshot') this.lastSeq.set(frame.roomId, frame.seq);
      for (const waiter of this.waiters) waiter();
    });
    socket.on('error', () => undefined);
  }

  /**
   * Opens a socket as `user`: with the identity headers the gateway sets (straight to a relay), or,
   * given an access token, as a browser does through the gateway.
   */
  static async connect(baseUrl: string, user: TestUser, accessToken?: string): Promise<RelayClient> {
    const url = new URL('/api/relay/ws', baseUrl.replace(/^http/, 'ws'));
    if (accessToken) url.searchParams.set('access_token', accessToken);
    const socket = new WebSocket(url, { headers: accessToken ? {} : headersOf(user) });
    const client = new RelayClient(socket, user);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await client.waitFor((f) => f.type === 'welcome');
    return client;
  }

  /** Sends any frame, valid or not (tests of bad input send both). */
  send(message: z.input<typeof ClientMessage> | Record<string, unknown>) {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends a message with an id and resolves with its ack, or rejects with its error. */
  async request(message: OutgoingMessage): Promise<unknown> {
    const id = `r${++this.nextId}`;
    const from = this.frames.length;
    this.send({ ...message, id });
    const answer = (await this.waitFor(
      (f) => (f.type === 'ack' || f.type === 'error') && f.id === id,
      10_000,
      from,
    )) as Extract<ServerMessage, { type: 'ack' | 'error' }>;
    if (answer.type === 'error') throw Object.assign(new Error(`${answer.code}: ${answer.message}`), answer);
    return answer.data;
  }

  /** The first frame from `from` on that matches, waiting for it up to `timeoutMs`. */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs = 10_000, from = 0): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (!found) return false;
        this.waiters.delete(waiter);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms for ${this.user.nickname}; last: ${JSON.stringify(this.frames.slice(-3))}`,
          ),
        );
      }, timeoutMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** Room events received for a room, in arrival order. */
  events(roomId: string): RoomEvent[] {
    return this.frames.filter(
      (f): f is RoomEvent => 'seq' in f && f.type !== 'room.snapshot' && f.roomId === roomId,
    );
  }

  close() {
    this.socket.close();
    return this.closed;
  }
}
