import { RelayCloseCode, type ClientMessage, type ErrorCode, type ServerFrame } from '@corazy/contracts';
import { ApiError, type ApiClient } from '../api/client.js';

type Outgoing = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;
type Listener = (frame: ServerFrame) => void;
export type SocketStatus = 'connecting' | 'open' | 'closed';

/** The socket renews its access token this long before the token expires (or at half its life, if sooner). */
const RENEW_BEFORE_MS = 60_000;
/** A failed renewal is tried again this much later (the socket closes at expiry if none succeeds). */
const RENEW_RETRY_MS = 10_000;
/** After a refusal for too many open sockets (another tab holds them), the next try waits this long. */
const TOO_MANY_SOCKETS_RETRY_MS = 30_000;

/**
 * The one relay WebSocket: reconnects with backoff, resubscribes the lobby and every room with
 * `afterSeq` (the last seq applied), answers requests through `ack`/`error`, and keeps rooms in order
 * (a gap resubscribes from the last seq; repeats are dropped).
 */
export class RelaySocket {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly statusListeners = new Set<(status: SocketStatus) => void>();
  private readonly pending = new Map<
    string,
    { resolve: (data: unknown) => void; reject: (error: unknown) => void }
  >();
  private readonly rooms = new Map<string, number>(); // roomId → last seq applied
  /** Rooms subscribed without a seq: their events count from the snapshot that answers first. */
  private readonly awaitingSnapshot = new Set<string>();
  private lobby = 0;
  private nextId = 1;
  private attempts = 0;
  private stopped = false;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private renewal: ReturnType<typeof setTimeout> | null = null;
  status: SocketStatus = 'closed';
  /** Server clock minus this clock, from `welcome` (timers are server times). */
  serverOffset = 0;
  userId: string | null = null;

  constructor(private readonly api: ApiClient) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onStatus(listener: (status: SocketStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  start(): void {
    this.stopped = false;
    if (!this.socket) void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRenewal();
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Sends a message and waits for its `ack` (data) or `error` (thrown as ApiError). */
  request<T = unknown>(message: Outgoing): Promise<T> {
    const id = `c${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
        reject(new ApiError(0, 'NETWORK_ERROR', 'not connected'));
        return;
      }
      this.pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }

  subscribeLobby(): () => void {
    this.lobby++;
    if (this.lobby === 1) this.trySend({ type: 'lobby.subscribe' });
    return () => {
      this.lobby--;
      if (this.lobby === 0) this.trySend({ type: 'lobby.unsubscribe' });
    };
  }

  subscribeRoom(roomId: string): () => void {
    this.resync(roomId);
    return () => {
      this.rooms.delete(roomId);
      this.awaitingSnapshot.delete(roomId);
      this.trySend({ type: 'room.unsubscribe', roomId });
    };
  }

  /** Starts a room over from a fresh snapshot (what it had cannot be continued). */
  resync(roomId: string): void {
    this.rooms.set(roomId, 0);
    this.awaitingSnapshot.add(roomId);
    this.trySend({ type: 'room.subscribe', roomId });
  }

  private trySend(message: Outgoing) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private setStatus(status: SocketStatus) {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private async connect(): Promise<void> {
    this.setStatus('connecting');
    let token: string | null = null;
    try {
      token = await this.api.freshAccessToken();
    } catch {
      // an outage: retried below
    }
    if (this.stopped) return;
    if (!token) return this.retry();
    // The session's expiry is this token's: the socket lives until then unless renewed.
    const expiresAt = this.api.session?.expiresAt ?? Date.now();
    const url = new URL('/api/relay/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('access_token', token);
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.setStatus('open');
      if (this.lobby > 0) this.trySend({ type: 'lobby.subscribe' });
      for (const [roomId, seq] of this.rooms) {
        const fresh = this.awaitingSnapshot.has(roomId);
        this.trySend(
          fresh ? { type: 'room.subscribe', roomId } : { type: 'room.subscribe', roomId, afterSeq: seq },
        );
      }
      this.heartbeat = setInterval(() => this.trySend({ type: 'heartbeat' }), 20_000);
      this.scheduleRenewal(expiresAt);
    };
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerFrame);
    socket.onclose = (event) => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.cancelRenewal();
      for (const { reject } of this.pending.values())
        reject(new ApiError(0, 'NETWORK_ERROR', 'connection lost'));
      this.pending.clear();
      if (this.socket === socket) this.socket = null;
      this.setStatus('closed');
      if (event.code === RelayCloseCode.sessionEnded) {
        // Signed out (here, in another tab or device, or a stolen refresh token): back to sign-in.
        this.stopped = true;
        this.api.setSession(null);
        return;
      }
      if (!this.stopped)
        this.retry(event.code === RelayCloseCode.tooManySockets ? TOO_MANY_SOCKETS_RETRY_MS : undefined);
      // tokenExpired and every other close: reconnect with a fresh token and resume each room from its seq.
    };
  }

  /** Renews the socket's access token over the socket before it expires, so the game never drops. */
  private scheduleRenewal(expiresAtMs: number, delayMs?: number) {
    this.cancelRenewal();
    // Half the remaining life when that is under RENEW_BEFORE_MS: a short-lived token is renewed once
    // per life, never in a loop.
    const remainingMs = expiresAtMs - Date.now();
    delayMs ??= remainingMs - Math.min(RENEW_BEFORE_MS, remainingMs / 2);
    this.renewal = setTimeout(() => void this.renew(expiresAtMs), Math.max(0, delayMs));
  }

  private async renew(expiresAtMs: number) {
    try {
      // A token that outlives the socket's current one: another tab's newer one, or a refresh.
      const accessToken = await this.api.freshAccessToken(Math.max(0, expiresAtMs - Date.now()) + 1_000);
      if (!accessToken) return;
      const { expiresAt } = await this.request<{ expiresAt: number }>({ type: 'auth.renew', accessToken });
      // The server's clock says when; this clock may differ by serverOffset.
      this.scheduleRenewal(expiresAt * 1000 - this.serverOffset);
    } catch {
      if (Date.now() < expiresAtMs) this.scheduleRenewal(expiresAtMs, RENEW_RETRY_MS);
    }
  }

  private cancelRenewal() {
    if (this.renewal) clearTimeout(this.renewal);
    this.renewal = null;
  }

  private retry(delayMs?: number) {
    const delay = delayMs ?? Math.min(10_000, 500 * 2 ** this.attempts++);
    setTimeout(() => {
      if (!this.stopped && !this.socket) void this.connect();
    }, delay);
  }

  private receive(frame: ServerFrame) {
    if (frame.type === 'welcome') {
      this.serverOffset = frame.serverTime - Date.now();
      this.userId = frame.userId;
    }
    if (frame.type === 'ack' || (frame.type === 'error' && frame.id)) {
      const waiter = this.pending.get(frame.id!);
      if (waiter) {
        this.pending.delete(frame.id!);
        if (frame.type === 'ack') waiter.resolve(frame.data);
        else waiter.reject(new ApiError(0, frame.code as ErrorCode, frame.message, frame.details));
        return;
      }
    }
    if (frame.type === 'room.snapshot') {
      if (!this.rooms.has(frame.roomId)) return;
      this.rooms.set(frame.roomId, frame.seq);
      this.awaitingSnapshot.delete(frame.roomId);
    } else if ('seq' in frame && 'roomId' in frame) {
      const event = frame;
      const last = this.rooms.get(event.roomId);
      // Not ours, seen, or sent before the snapshot asked for (which has it).
      if (last === undefined || event.seq <= last || this.awaitingSnapshot.has(event.roomId)) return;
      if (event.seq > last + 1) {
        // A gap: ask for what is missing (the server answers from its log, or with a snapshot).
        this.trySend({ type: 'room.subscribe', roomId: event.roomId, afterSeq: last });
        return;
      }
      this.rooms.set(event.roomId, event.seq);
    }
    for (const listener of this.listeners) listener(frame);
  }
}
