import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  ClientMessage,
  LOBBY_CHAT_HISTORY,
  MAX_CLIENT_FRAME_BYTES,
  RelayCloseCode,
  ROOM_PAGE_SIZE,
  type LobbyChatMessage,
  type OnlineUser,
  type ServerMessage,
} from '@corazy/contracts';
import { AppError, identityOf, type Identity, type Logger, type TokenVerifier } from '@corazy/service-kit';
import type { ExpiringSet, RateLimiter } from '@corazy/shared-state';
import { seqOf } from './adapters/sequence.js';
import { refuse } from './domain/errors.js';
import type { PresenceEntry, RelayStores } from './domain/ports.js';
import type { RelayEngine } from './domain/relay-engine.js';
import { isPlayer } from './domain/room.js';
import type { Metrics } from './metrics.js';

export const WS_PATH = '/api/relay/ws';

export interface HubOptions {
  replicaId: string;
  /** A client whose unsent data passes this is dropped, so one slow reader never holds its room back. */
  slowClientBytes: number;
  /** Messages per second a connection may send, and the burst it may save up. */
  messagesPerSecond: number;
  messageBurst: number;
  heartbeatMs: number;
  chatLimiter: RateLimiter;
  /** Verifies access tokens renewed over a socket; without one, `auth.renew` is refused. */
  verifier: TokenVerifier | undefined;
  /** Ended sign-ins, whose sockets are refused. */
  revocations: { isRevoked(sessionId: string | undefined): boolean };
  socketsPerUser: number;
  /** A user's open sockets on every replica, each alive until a few missed heartbeats. */
  openSockets: (userId: string) => ExpiringSet;
}

/** Presence entries outlive a missed heartbeat or two, but not a dead replica for long. */
const PRESENCE_TTL_FACTOR = 3;
/** setTimeout's longest delay; a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Frames sent to one socket in one turn of the event loop leave in one write: an operation's ack and
 * its echo to the author, or a burst of catch-up events, cost one system call (and one wake-up of the
 * gateway) instead of one each. Written sockets are corked until the turn's immediates run.
 */
class Outbox {
  private readonly corked = new Set<Duplex>();
  private flushing: NodeJS.Immediate | undefined;

  hold(raw: Duplex) {
    if (this.corked.has(raw)) return;
    raw.cork();
    this.corked.add(raw);
    this.flushing ??= setImmediate(() => this.flush());
  }

  flush() {
    this.flushing = undefined;
    for (const raw of this.corked) raw.uncork();
    this.corked.clear();
  }
}

class Connection {
  readonly rooms = new Set<string>();
  lobby = false;
  private tokens: number;
  private refilledAt = Date.now();
  private expiry: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    /** The TCP socket under `socket`, corked by the outbox. */
    private readonly raw: Duplex,
    /** Replaced (same user) when the client renews its access token. */
    public identity: Identity,
    private readonly options: HubOptions,
    private readonly metrics: Metrics,
    private readonly outbox: Outbox,
  ) {
    this.tokens = options.messageBurst;
  }

  /** Sends a serialised frame, or drops the client when it has stopped reading. */
  send(frame: string) {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.options.slowClientBytes) {
      this.metrics.slowClientsDropped.inc();
      this.startOver('too slow');
      return;
    }
    this.outbox.hold(this.raw);
    this.socket.send(frame);
  }

  /**
   * Closes with 1013 "try again later": the client reconnects with its last seq and catches up, from
   * the log, or from a snapshot when the log no longer holds what it missed.
   */
  startOver(reason: string) {
    this.end(1013, reason);
  }

  /** Closes with `code`, and cuts the socket if the client does not answer the close within 1 s. */
  end(code: number, reason: string) {
    this.closed = true;
    this.stopExpiry();
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  get expired() {
    return this.identity.expiresAt !== undefined && this.identity.expiresAt * 1000 <= Date.now();
  }

  stopExpiry() {
    clearTimeout(this.expiry);
  }

  /** Closes the socket when its access token expires, unless a renewal moves the expiry first. */
  scheduleExpiry() {
    this.stopExpiry();
    if (this.identity.expiresAt === undefined) return;
    const delayMs = Math.min(MAX_TIMER_MS, Math.max(0, this.identity.expiresAt * 1000 - Date.now()));
    this.expiry = setTimeout(() => {
      if (this.expired) this.end(RelayCloseCode.tokenExpired, 'access token expired');
      else this.scheduleExpiry();
    }, delayMs);
    this.expiry.unref();
  }

  sendMessage(message: ServerMessage) {
    this.send(JSON.stringify(message));
  }

  /** A token bucket: bursts of typing pass, a flood does not. */
  takeToken(): boolean {
    const now = Date.now();
    this.tokens = Math.min(
      this.options.messageBurst,
      this.tokens + ((now - this.refilledAt) / 1000) * this.options.messagesPerSecond,
    );
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Watcher {
  connection: Connection;
  /** The last seq this connection was sent. */
  cursor: number;
}

/**
 * One replica's subscription to one room: the room's events arrive here over pub/sub (and, for a code
 * operation written by this replica, straight from the write) and go to every local watcher once, in
 * seq order. Work is serialised per room, so a watcher's catch-up from the log and the live events
 * never interleave; a gap in the live stream (a lost pub/sub message, or an own write that overtook
 * the events before it) is filled from the log before anything after it is sent.
 */
class RoomFeed {
  private lastSeq = 0;
  private readonly watchers = new Map<string, Watcher>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running: while there are none, the next event in order is delivered at once. */
  private queued = 0;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    readonly roomId: string,
    private readonly stores: RelayStores,
    private readonly logger: Logger,
    private readonly onClosed: (feed: RoomFeed) => void,
  ) {}

  get size() {
    return this.watchers.size;
  }

  async open() {
    // Subscribed first, then read: whatever was published before is in the log, and is caught up from
    // there. Events that arrive meanwhile wait behind the read rather than each reading the log.
    await this.enqueue(async () => {
      this.unsubscribe = await this.stores.rooms.subscribe(this.roomId, (seq, event) =>
        this.offer(seq, event),
      );
      [this.lastSeq] = (await this.stores.rooms.lastSeqs([this.roomId])) as [number];
    });
  }

  async close() {
    await this.unsubscribe?.();
  }

  enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.chain.then(task).finally(() => this.queued--);
    this.chain = run.catch((error: unknown) =>
      this.logger.error({ err: error, roomId: this.roomId }, 'room feed task failed'),
    );
    return run;
  }

  /** An event of the room, as many times as it arrives: watchers get it once, after every event before it. */
  offer(seq: number, event: string) {
    if (seq <= this.lastSeq) return;
    // Nothing queued and nothing missing: no task could have to run first, so no need to wait for one.
    if (this.queued === 0 && seq === this.lastSeq + 1) this.deliver(seq, event);
    else void this.enqueue(() => this.receive(seq, event));
  }

  /** Adds a watcher that has seen up to `cursor`, sending what it missed first. */
  add(connection: Connection, cursor: number, catchUp: string[]) {
    const watcher: Watcher = { connection, cursor };
    this.sendAll(watcher, catchUp);
    this.watchers.set(connection.id, watcher);
  }

  remove(connection: Connection) {
    this.watchers.delete(connection.id);
  }

  /** Catches up to the log's last seq, read now and then in case the last messages before a quiet spell were lost. */
  catchUpTo(seq: number) {
    if (seq <= this.lastSeq) return;
    void this.enqueue(async () => {
      if (seq > this.lastSeq) await this.fillTo(seq);
    });
  }

  private async receive(seq: number, event: string) {
    if (seq <= this.lastSeq) return;
    if (seq > this.lastSeq + 1) await this.fillTo(seq - 1);
    this.deliver(seq, event);
  }

  private async fillTo(seq: number) {
    const missing = await this.stores.rooms.readEvents(this.roomId, this.lastSeq);
    if (!missing) {
      // This replica missed more than the log keeps: rather than a gap, its watchers start over.
      this.logger.warn({ roomId: this.roomId, from: this.lastSeq, to: seq }, 'room feed fell behind the log');
      for (const watcher of this.watchers.values()) watcher.connection.startOver('fell behind');
      this.watchers.clear();
      this.lastSeq = seq;
      return;
    }
    for (const event of missing) {
      const eventSeq = seqOf(event);
      if (eventSeq > this.lastSeq && eventSeq <= seq) this.deliver(eventSeq, event);
    }
  }

  private deliver(seq: number, event: string) {
    this.lastSeq = seq;
    for (const watcher of this.watchers.values()) {
      if (watcher.cursor < seq) {
        watcher.connection.send(event);
        watcher.cursor = seq;
      }
    }
    if (event.includes('"type":"room.closed"')) this.onClosed(this);
  }

  private sendAll(watcher: Watcher, events: string[]) {
    for (const event of events) {
      const seq = seqOf(event);
      if (seq > watcher.cursor) {
        watcher.connection.send(event);
        watcher.cursor = seq;
      }
    }
  }
}

/**
 * The WebSocket side of the relay: one socket per client at /api/relay/ws, authenticated by the
 * gateway's identity headers on the upgrade request.
 */
export class SocketHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly connections = new Map<string, Connection>();
  private readonly feeds = new Map<string, RoomFeed>();
  private readonly opening = new Map<string, Promise<RoomFeed>>();
  private readonly lobbyWatchers = new Set<Connection>();
  private readonly outbox = new Outbox();
  private unsubscribeLobby: (() => Promise<void>) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: RelayEngine,
    private readonly stores: RelayStores,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly options: HubOptions,
  ) {}

  async start() {
    this.unsubscribeLobby = await this.stores.lobby.subscribe((message) => {
      const frame = JSON.stringify(message);
      for (const connection of this.lobbyWatchers) connection.send(frame);
    });
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  get connectionCount() {
    return this.connections.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const path = (request.url ?? '').split('?')[0];
    if (path !== WS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // identityOf reads only the headers, which an upgrade request has like any other request.
    const identity = identityOf({ headers: request.headers } as FastifyRequest);
    if (!identity) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    const id = randomUUID();
    void this.admitSocket(identity.userId, id).then((admitted) => {
      this.server.handleUpgrade(request, socket, head, (ws) => {
        // Refused with a close code rather than an HTTP status, which a browser's WebSocket cannot read.
        if (!admitted) ws.close(RelayCloseCode.tooManySockets, 'too many open sockets');
        else if (this.options.revocations.isRevoked(identity.sessionId))
          ws.close(RelayCloseCode.sessionEnded, 'signed out');
        else this.accept(id, ws, socket, identity);
      });
    });
  }

  /**
   * Counts the socket among the user's open ones, on every replica, and says whether it is within
   * SOCKETS_PER_USER. The new socket is the one refused: a flood of new sockets never closes the one
   * a player's game runs on. A store that cannot be reached admits (as the rate limiters do).
   */
  private async admitSocket(userId: string, connectionId: string): Promise<boolean> {
    const open = this.options.openSockets(userId);
    try {
      await open.add(connectionId, this.presenceTtl() / 1000);
      if ((await open.live()).size <= this.options.socketsPerUser) return true;
      await open.remove(connectionId);
      this.metrics.socketsRefused.inc();
      return false;
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot count open sockets; admitting');
      return true;
    }
  }

  /** Closes the sockets of an ended sign-in (learned from the revocation list). */
  endSession(sessionId: string) {
    for (const connection of this.connections.values()) {
      if (connection.identity.sessionId === sessionId)
        connection.end(RelayCloseCode.sessionEnded, 'signed out');
    }
  }

  private accept(id: string, socket: WebSocket, raw: Duplex, identity: Identity) {
    const connection = new Connection(id, socket, raw, identity, this.options, this.metrics, this.outbox);
    connection.scheduleExpiry();
    this.connections.set(connection.id, connection);
    this.metrics.connections.inc();
    connection.sendMessage({
      type: 'welcome',
      userId: identity.userId,
      nickname: identity.nickname,
      serverTime: Date.now(),
      replica: this.options.replicaId,
    });
    void this.stores.lobby
      .seen([{ userId: identity.userId, nickname: identity.nickname }], this.presenceTtl())
      .catch(() => undefined);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      void this.receive(connection, data, isBinary);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => void this.disconnect(connection));
  }

  private async receive(connection: Connection, data: RawData, isBinary: boolean) {
    let id: string | undefined;
    try {
      // The timer closes an expired socket; this covers a frame that arrives before it fires.
      if (connection.expired) {
        connection.end(RelayCloseCode.tokenExpired, 'access token expired');
        return;
      }
      if (!connection.takeToken()) {
        this.metrics.messagesThrottled.inc();
        throw new AppError('RATE_LIMITED', 'too many messages; slow down');
      }
      if (isBinary) throw refuse('VALIDATION_FAILED', 'frames are JSON text');
      let json: unknown;
      try {
        json = JSON.parse(rawText(data));
      } catch {
        throw refuse('VALIDATION_FAILED', 'a frame is one JSON object');
      }
      if (json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string') {
        id = (json as { id: string }).id.slice(0, 64);
      }
      const parsed = ClientMessage.safeParse(json);
      if (!parsed.success) {
        throw refuse(
          'VALIDATION_FAILED',
          'message is invalid',
          parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      this.metrics.messages.inc({ type: parsed.data.type });
      const answer = await this.dispatch(connection, parsed.data);
      if (id !== undefined)
        connection.sendMessage({ type: 'ack', id, ...(answer === undefined ? {} : { data: answer }) });
    } catch (error) {
      if (error instanceof AppError) {
        connection.sendMessage({
          type: 'error',
          ...(id === undefined ? {} : { id }),
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        });
        return;
      }
      this.logger.error({ err: error, userId: connection.identity.userId }, 'handling a message failed');
      connection.sendMessage({
        type: 'error',
        ...(id === undefined ? {} : { id }),
        code: 'INTERNAL_ERROR',
        message: 'something went wrong',
      });
    }
  }

  private async dispatch(connection: Connection, message: ClientMessage): Promise<unknown> {
    const user = connection.identity;
    switch (message.type) {
      case 'heartbeat':
        connection.sendMessage({
          type: 'pong',
          ...(message.id ? { id: message.id } : {}),
          serverTime: Date.now(),
        });
        return undefined;
      case 'auth.renew':
        return this.renew(connection, message.accessToken);
      case 'room.subscribe':
        return this.subscribe(connection, message.roomId, message.afterSeq ?? 0);
      case 'room.unsubscribe':
        await this.unsubscribe(connection, message.roomId);
        return undefined;
      case 'lobby.subscribe': {
        const [rooms, chat, online] = await Promise.all([
          this.engine.listRooms({ limit: ROOM_PAGE_SIZE }),
          this.stores.lobby.chat(),
          this.stores.lobby.online(),
        ]);
        this.lobbyWatchers.add(connection);
        connection.lobby = true;
        connection.sendMessage({
          type: 'lobby.snapshot',
          rooms: rooms.items,
          roomsNextCursor: rooms.nextCursor,
          chat,
          online,
        });
        return undefined;
      }
      case 'lobby.unsubscribe':
        this.lobbyWatchers.delete(connection);
        connection.lobby = false;
        return undefined;
      case 'lobby.chat': {
        await this.limitChat(user.userId);
        const chat: LobbyChatMessage = {
          userId: user.userId,
          nickname: user.nickname,
          text: message.text,
          at: Date.now(),
        };
        await this.stores.lobby.addChat(chat, LOBBY_CHAT_HISTORY);
        await this.stores.lobby.publish({ type: 'lobby.chat', message: chat });
        return undefined;
      }
      case 'ready':
        return this.engine.ready(user, message.roomId, message.ready);
      case 'start':
        return this.engine.start(user, message.roomId);
      case 'leave':
        await this.engine.leave(user, message.roomId);
        return undefined;
      case 'pass':
        return this.engine.pass(user, message.roomId);
      case 'code.push': {
        this.requireSubscribed(connection, message.roomId);
        const { event, ...answer } = await this.engine.pushCode(
          user,
          message.roomId,
          message.version,
          message.changes,
          message.cursor,
        );
        // This replica's watchers, the author's echo among them, get the operation now rather than
        // after its round trip through pub/sub; the published copy then finds it delivered.
        this.feeds.get(message.roomId)?.offer(answer.seq, event);
        return answer;
      }
      case 'judge':
        return this.engine.judgeCode(user, message.roomId, message.mode);
      case 'chat':
        this.requireSubscribed(connection, message.roomId);
        await this.limitChat(user.userId);
        return this.engine.chat(user, message.roomId, message.text);
      case 'reaction':
        this.requireSubscribed(connection, message.roomId);
        return this.engine.react(user, message.roomId, message.reaction);
      case 'ping':
        this.requireSubscribed(connection, message.roomId);
        return this.engine.ping(user, message.roomId, message.pos);
    }
  }

  /** A fresh access token of the socket's user moves the socket's expiry to the token's. */
  private async renew(connection: Connection, accessToken: string) {
    if (!this.options.verifier)
      throw refuse('SERVICE_UNAVAILABLE', 'tokens cannot be renewed here; reconnect instead');
    const renewed = await this.options.verifier.verify(accessToken);
    if (renewed.userId !== connection.identity.userId)
      throw refuse('FORBIDDEN', "a socket cannot change users; the token is another user's");
    connection.identity = {
      ...connection.identity,
      sessionId: renewed.sessionId,
      expiresAt: renewed.expiresAt,
    };
    connection.scheduleExpiry();
    return { expiresAt: renewed.expiresAt };
  }

  private requireSubscribed(connection: Connection, roomId: string) {
    if (!connection.rooms.has(roomId)) throw refuse('NOT_IN_ROOM', 'subscribe to the room first');
  }

  private async limitChat(userId: string) {
    const decision = await this.options.chatLimiter.consume(userId);
    if (!decision.allowed)
      throw new AppError('RATE_LIMITED', 'chatting too fast', { retryAfterMs: decision.retryAfterMs });
  }

  /**
   * Starts sending a room's events: what came after `afterSeq` from the log, or a snapshot when the
   * client has nothing (0) or asks for a seq the log cannot serve; then everything live, in order.
   */
  private async subscribe(connection: Connection, roomId: string, afterSeq: number) {
    const feed = await this.feed(roomId);
    await feed
      .enqueue(async () => {
        let cursor = afterSeq;
        let catchUp = afterSeq > 0 ? await this.stores.rooms.readEvents(roomId, afterSeq) : undefined;
        if (catchUp === undefined) {
          const snapshot = await this.engine.snapshot(connection.identity.userId, roomId);
          connection.sendMessage({ type: 'room.snapshot', roomId, ...snapshot });
          cursor = snapshot.seq;
          catchUp = (await this.stores.rooms.readEvents(roomId, snapshot.seq)) ?? [];
        } else {
          const loaded = await this.stores.rooms.load(roomId);
          if (loaded) this.engine.requireVisible(loaded.state, connection.identity.userId);
        }
        feed.add(connection, cursor, catchUp);
        connection.rooms.add(roomId);
      })
      .catch(async (error: unknown) => {
        // A refused subscription (no such room, a private one) must not leave a feed nobody reads.
        if (feed.size === 0 && this.feeds.get(roomId) === feed) {
          this.feeds.delete(roomId);
          await feed.close();
        }
        throw error;
      });
    const loaded = await this.stores.rooms.load(roomId);
    if (loaded && isPlayer(loaded.state, connection.identity.userId)) {
      await this.stores.presence.touch(
        roomId,
        [{ userId: connection.identity.userId, connectionId: connection.id }],
        this.presenceTtl(),
      );
      await this.engine.presence(connection.identity.userId, roomId, true);
    }
    return undefined;
  }

  private async unsubscribe(connection: Connection, roomId: string) {
    const feed = this.feeds.get(roomId);
    connection.rooms.delete(roomId);
    if (feed) {
      feed.remove(connection);
      if (feed.size === 0) {
        this.feeds.delete(roomId);
        await feed.close();
      }
    }
    await this.stores.presence.remove(roomId, connection.identity.userId, connection.id);
    if (!(await this.stores.presence.online(roomId)).has(connection.identity.userId)) {
      await this.engine.presence(connection.identity.userId, roomId, false).catch(() => undefined);
    }
  }

  private async feed(roomId: string): Promise<RoomFeed> {
    const existing = this.feeds.get(roomId);
    if (existing) return existing;
    let opening = this.opening.get(roomId);
    if (!opening) {
      opening = (async () => {
        const feed = new RoomFeed(roomId, this.stores, this.logger, (closed) => this.closeFeed(closed));
        await feed.open();
        this.feeds.set(roomId, feed);
        return feed;
      })().finally(() => this.opening.delete(roomId));
      this.opening.set(roomId, opening);
    }
    return opening;
  }

  private closeFeed(feed: RoomFeed) {
    if (this.feeds.get(feed.roomId) === feed) this.feeds.delete(feed.roomId);
    for (const connection of this.connections.values()) connection.rooms.delete(feed.roomId);
    void feed.close();
  }

  private async disconnect(connection: Connection) {
    connection.closed = true;
    connection.stopExpiry();
    this.connections.delete(connection.id);
    void this.options
      .openSockets(connection.identity.userId)
      .remove(connection.id)
      .catch(() => undefined);
    this.lobbyWatchers.delete(connection);
    this.metrics.connections.dec();
    for (const roomId of [...connection.rooms]) {
      await this.unsubscribe(connection, roomId).catch((error: unknown) =>
        this.logger.warn({ err: error, roomId }, 'leaving a room feed failed'),
      );
    }
  }

  private presenceTtl() {
    return this.options.heartbeatMs * PRESENCE_TTL_FACTOR;
  }

  /** Keeps this replica's presence entries alive and re-checks every feed against the log. */
  private async beat() {
    const ttl = this.presenceTtl();
    try {
      // One write per room, one for the lobby and one read for every feed, rather than a few per
      // connection: a beat of thousands of connections must not stall the rooms' traffic behind it.
      const seen = new Map<string, OnlineUser>();
      const byRoom = new Map<string, PresenceEntry[]>();
      for (const { id, identity, rooms } of this.connections.values()) {
        seen.set(identity.userId, { userId: identity.userId, nickname: identity.nickname });
        for (const roomId of rooms) {
          const entries = byRoom.get(roomId) ?? [];
          entries.push({ userId: identity.userId, connectionId: id });
          byRoom.set(roomId, entries);
        }
      }
      const feeds = [...this.feeds.values()];
      const [seqs] = await Promise.all([
        this.stores.rooms.lastSeqs(feeds.map((feed) => feed.roomId)),
        ...[...this.connections.values()].map((connection) =>
          this.options.openSockets(connection.identity.userId).add(connection.id, ttl / 1000),
        ),
        this.stores.lobby.seen([...seen.values()], ttl),
        ...[...byRoom].map(([roomId, entries]) => this.stores.presence.touch(roomId, entries, ttl)),
      ]);
      feeds.forEach((feed, i) => feed.catchUpTo(seqs[i]!));
      if (this.lobbyWatchers.size > 0) {
        const frame = JSON.stringify({
          type: 'lobby.online',
          online: await this.stores.lobby.online(),
        } satisfies ServerMessage);
        for (const connection of this.lobbyWatchers) connection.send(frame);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'heartbeat failed');
    }
  }

  /** Closes every socket with 1012 (service restart): clients reconnect, to another replica, and resume. */
  async stop() {
    clearInterval(this.heartbeat);
    await this.unsubscribeLobby?.();
    for (const connection of this.connections.values()) connection.socket.close(1012, 'restarting');
    this.outbox.flush();
    await Promise.all([...this.feeds.values()].map((feed) => feed.close()));
    this.server.close();
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
