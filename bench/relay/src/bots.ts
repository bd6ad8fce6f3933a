import { ChangeSet, Text } from '@codemirror/state';
import { WebSocket } from 'ws';
import type { ChangeSetJson, ServerFrame } from '@corazy/contracts';

/** What every bot of a run adds to: delivery latencies and anything lost, repeated or out of order. */
export class RunStats {
  measuring = false;
  latenciesMs: number[] = [];
  operationsAccepted = 0;
  operationsDelivered = 0;
  outOfOrder = 0;
  seqGaps = 0;
  errors = new Map<string, number>();
  /** When the keystrokes that became an operation were typed, by room and version. */
  readonly typedAt = new Map<string, Map<number, number>>();

  error(code: string) {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  startMeasuring() {
    this.measuring = true;
    this.latenciesMs = [];
    this.operationsAccepted = 0;
    this.operationsDelivered = 0;
  }

  percentile(p: number) {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
  }
}

const KEYS = 'for i in range(n):\n    total += a[i] * b[i]\n';

/**
 * Keystrokes as the web client's shared editor sends them (apps/web SharedEditor): every keystroke is
 * a CodeMirror transaction, and the editor pushes the first unconfirmed one, one push in flight at a
 * time; the next goes when the author's own operation comes back. Keys typed meanwhile queue up.
 */
abstract class Typist {
  protected doc = Text.empty;
  protected confirmed = 0;
  private readonly queued: { key: string; typedAt: number }[] = [];
  private inFlight = false;
  private timer: NodeJS.Timeout | undefined;
  private typed = 0;

  constructor(
    protected readonly roomId: string,
    protected readonly stats: RunStats,
  ) {}

  startTyping(keysPerSecond: number) {
    const interval = 1000 / keysPerSecond;
    // Staggered, so rooms do not type in lockstep.
    setTimeout(() => {
      this.timer = setInterval(() => this.keystroke(), interval);
    }, Math.random() * interval);
  }

  stopTyping() {
    clearInterval(this.timer);
  }

  private keystroke() {
    this.queued.push({ key: KEYS[this.typed++ % KEYS.length]!, typedAt: performance.now() });
    if (!this.inFlight) this.flush();
  }

  protected flush() {
    const next = this.queued.shift();
    if (!next) return;
    const changes = ChangeSet.of({ from: this.doc.length, insert: next.key }, this.doc.length);
    let times = this.stats.typedAt.get(this.roomId);
    if (!times) this.stats.typedAt.set(this.roomId, (times = new Map<number, number>()));
    times.set(this.confirmed + 1, next.typedAt);
    this.send(this.confirmed, changes.toJSON() as ChangeSetJson);
    this.doc = changes.apply(this.doc);
    this.inFlight = true;
  }

  protected confirm() {
    this.confirmed++;
    this.inFlight = false;
    if (this.stats.measuring) this.stats.operationsAccepted++;
    this.flush();
  }

  protected abstract send(version: number, changes: ChangeSetJson): void;
}

/** Records a spectator's receipt of operation `version` of a room. */
function received(stats: RunStats, roomId: string, version: number, expected: number) {
  if (version !== expected) stats.outOfOrder++;
  if (!stats.measuring) return;
  stats.operationsDelivered++;
  const typedAt = stats.typedAt.get(roomId)?.get(version);
  if (typedAt !== undefined) stats.latenciesMs.push(performance.now() - typedAt);
}

/** A player of a relay room, through the gateway. */
export class RelayBot extends Typist {
  private lastSeq = 0;
  version = 0;
  private nextId = 0;
  private readonly answers = new Map<string, (frame: ServerFrame) => void>();
  private readonly watchers = new Set<(frame: ServerFrame) => void>();
  typist = false;

  private constructor(
    readonly socket: WebSocket,
    roomId: string,
    stats: RunStats,
  ) {
    super(roomId, stats);
    socket.on('message', (data: Buffer) => this.receive(JSON.parse(data.toString()) as ServerFrame));
    socket.on('error', () => undefined);
  }

  static connect(
    gatewayUrl: string,
    accessToken: string,
    roomId: string,
    stats: RunStats,
  ): Promise<RelayBot> {
    const socket = new WebSocket(
      `${gatewayUrl.replace(/^http/, 'ws')}/api/relay/ws?access_token=${accessToken}`,
    );
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RelayBot(socket, roomId, stats)));
      socket.once('error', reject);
    });
  }

  request(message: Record<string, unknown>): Promise<ServerFrame> {
    const id = `b${++this.nextId}`;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }

  waitFor(match: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    return new Promise((resolve) => {
      const watcher = (frame: ServerFrame) => {
        if (!match(frame)) return;
        this.watchers.delete(watcher);
        resolve(frame);
      };
      this.watchers.add(watcher);
    });
  }

  protected send(version: number, changes: ChangeSetJson) {
    const id = `k${++this.nextId}`;
    // Confirmed by its `code.op` coming back, as in the web client; the ack only answers errors here.
    this.answers.set(id, (frame) => {
      if (frame.type === 'error') this.stats.error(frame.code);
    });
    this.socket.send(
      JSON.stringify({ type: 'code.push', id, roomId: this.roomId, version, changes, cursor: null }),
    );
  }

  private receive(frame: ServerFrame) {
    if ((frame.type === 'ack' || frame.type === 'error') && frame.id) {
      const answer = this.answers.get(frame.id);
      this.answers.delete(frame.id);
      answer?.(frame);
    }
    if (frame.type === 'room.snapshot') {
      this.lastSeq = frame.seq;
      if (frame.code) {
        this.doc = Text.of(frame.code.doc.split('\n'));
        this.version = frame.code.version;
      }
    } else if ('seq' in frame) {
      const event = frame;
      if (event.seq !== this.lastSeq + 1) this.stats.seqGaps++;
      this.lastSeq = event.seq;
      if (event.type === 'phase.changed' && event.code) {
        this.doc = Text.of(event.code.doc.split('\n'));
        this.version = 0;
        this.confirmed = 0;
      }
      if (event.type === 'code.op') {
        const expected = this.version + 1;
        this.version = event.op.version;
        if (this.typist) {
          this.confirm();
        } else {
          this.doc = ChangeSet.fromJSON(event.op.changes).apply(this.doc);
          received(this.stats, this.roomId, event.op.version, expected);
        }
      }
    }
    for (const watcher of [...this.watchers]) watcher(frame);
  }

  get text() {
    return this.doc.toString();
  }

  close() {
    this.stopTyping();
    this.socket.close();
  }
}

/** A member of a room of the plain broadcast server: frames are `{v, changes}`, echoed to everyone. */
export class BaselineBot extends Typist {
  version = 0;
  typist = false;

  private constructor(
    readonly socket: WebSocket,
    roomId: string,
    stats: RunStats,
  ) {
    super(roomId, stats);
    socket.on('message', (data: Buffer) => {
      const { v, changes } = JSON.parse(data.toString()) as { v: number; changes: ChangeSetJson };
      if (this.typist) {
        this.confirm();
      } else {
        this.doc = ChangeSet.fromJSON(changes).apply(this.doc);
        received(this.stats, this.roomId, v, this.version + 1);
      }
      this.version = v;
    });
    socket.on('error', () => undefined);
  }

  static connect(url: string, roomId: string, stats: RunStats): Promise<BaselineBot> {
    const socket = new WebSocket(`${url}/?room=${roomId}`);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new BaselineBot(socket, roomId, stats)));
      socket.once('error', reject);
    });
  }

  protected send(version: number, changes: ChangeSetJson) {
    this.socket.send(JSON.stringify({ v: version + 1, changes }));
  }

  get text() {
    return this.doc.toString();
  }

  close() {
    this.stopTyping();
    this.socket.close();
  }
}
