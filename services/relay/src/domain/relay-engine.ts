import { randomInt, randomUUID } from 'node:crypto';
import type { Text } from '@codemirror/state';
import type {
  ChangeSetJson,
  CodeOperation,
  CodeSnapshot,
  CreateRoomRequest,
  Cursor,
  DictationResult,
  DictationResultRequest,
  GameRecord,
  Reaction,
  RoomList,
  RoomListQuery,
  RoomView,
  SubmissionMode,
} from '@corazy/contracts';
import type { Identity, Logger } from '@corazy/service-kit';
import { parseOperation, replay } from './code.js';
import { checkClaim, scoreDictation } from './dictation.js';
import { refuse } from './errors.js';
import type { Judge } from './judge.js';
import type { RelayStores, RoomSnapshot } from './ports.js';
import { pageOfRooms } from './room-pages.js';
import { computeResult, INITIAL_RATING, ratingDelta } from './results.js';
import {
  activePlayerOf,
  checkStart,
  createRoom,
  decide,
  isPlayer,
  JUDGING_WATCH_MS,
  parseTimerKey,
  toSummary,
  toView,
  type EventBody,
  type RoomCommand,
  type RoomState,
} from './room.js';

/** Attempts at a compare-and-set commit before giving up; contention is one room's few writers. */
const MAX_COMMIT_ATTEMPTS = 50;
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A snapshot that replays this many operations or more leaves a checkpoint of the document, so the
 * next one replays from there: a long game's late joiners do not each replay it from its start.
 */
export const CHECKPOINT_EVERY = 500;

export interface EngineOptions {
  now?: () => number;
  /** CHECKPOINT_EVERY unless given. */
  checkpointEvery?: number;
}

/** One replica's view of a room's code: the document at a version, so an edit is checked without re-reading the log. */
interface CachedCode {
  gameId: string;
  version: number;
  doc: Text;
}

/**
 * The relay's use cases over the shared stores: every room change is `decide` (pure) then a
 * compare-and-set commit, retried when another replica got there first. Nothing here is held only in
 * this process except caches, so any replica serves any request and a dead one loses nothing.
 */
export class RelayEngine {
  private readonly now: () => number;
  private readonly code = new Map<string, CachedCode>();
  /** Submissions this replica follows, so it does not follow one twice. */
  private readonly following = new Set<string>();

  private readonly checkpointEvery: number;

  constructor(
    private readonly stores: RelayStores,
    private readonly judge: Judge,
    private readonly logger: Logger,
    options: EngineOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY;
  }

  // ------------------------------------------------------------ lobby and rooms

  async createRoom(host: Identity, request: CreateRoomRequest): Promise<RoomView> {
    await this.requireNoRoom(host.userId);
    if (request.problem) {
      const problem = await this.judge.problem({ slug: request.problem });
      if (!problem.languages.includes(request.language)) {
        throw refuse('LANGUAGE_UNSUPPORTED', `${problem.slug} cannot be solved in ${request.language}`, {
          supported: problem.languages,
        });
      }
    }
    const id = randomUUID();
    const joinCode = request.private ? await this.reserveJoinCode(id) : null;
    const state = createRoom(
      {
        id,
        name: request.name,
        language: request.language,
        maxPlayers: request.maxPlayers,
        turnSeconds: request.turnSeconds,
        strategySeconds: request.strategySeconds,
        timeCapMinutes: request.timeCapMinutes,
        difficulty: request.difficulty ?? null,
        problemChoice: request.problem ?? null,
        private: request.private,
        joinCode,
      },
      host,
      this.now(),
    );
    const outcome = await this.stores.rooms.commit({
      roomId: id,
      expectedSeq: 0,
      state,
      events: [this.serialize(id, { type: 'player.joined', player: state.players[0]! })],
      timers: [],
      activeUserId: null,
      summary: state.private ? undefined : toSummary(state),
    });
    if (!outcome.ok) throw new Error('a fresh room id was taken');
    await this.stores.rooms.setUserRoom(host.userId, id);
    return toView(state, host.userId);
  }

  async room(viewer: Identity, roomId: string): Promise<RoomView> {
    const loaded = await this.stores.rooms.load(roomId);
    if (!loaded) throw refuse('NOT_FOUND', 'room not found');
    this.requireVisible(loaded.state, viewer.userId);
    return toView(loaded.state, viewer.userId);
  }

  /** A page of the public rooms, newest first. */
  async listRooms(page: RoomListQuery): Promise<RoomList> {
    return pageOfRooms(await this.stores.rooms.listRooms(), page);
  }

  async join(user: Identity, roomId: string, byCode = false): Promise<RoomView> {
    const loaded = await this.stores.rooms.load(roomId);
    if (!loaded) throw refuse('NOT_FOUND', 'room not found');
    if (loaded.state.private && !byCode && !isPlayer(loaded.state, user.userId)) {
      throw refuse('NOT_FOUND', 'room not found');
    }
    if (!isPlayer(loaded.state, user.userId)) await this.requireNoRoom(user.userId);
    const state = await this.apply(roomId, { type: 'join', userId: user.userId, nickname: user.nickname });
    await this.stores.rooms.setUserRoom(user.userId, roomId);
    return toView(state!, user.userId);
  }

  async joinByCode(user: Identity, code: string): Promise<RoomView> {
    const roomId = await this.stores.rooms.roomIdByCode(code);
    if (!roomId) throw refuse('NOT_FOUND', 'no room has this code');
    return this.join(user, roomId, true);
  }

  /** Joins the public waiting room closest to full, so games start sooner. */
  async quickJoin(user: Identity): Promise<RoomView> {
    const candidates = (await this.stores.rooms.listRooms())
      .filter((room) => room.phase === 'WAITING' && room.players < room.maxPlayers)
      .sort((a, b) => b.players - a.players || a.createdAt - b.createdAt);
    for (const candidate of candidates) {
      try {
        return await this.join(user, candidate.id);
      } catch (error) {
        // Filled or started since it was listed: try the next one.
        if (
          (error as { code?: string }).code === 'ROOM_FULL' ||
          (error as { code?: string }).code === 'ROOM_NOT_JOINABLE'
        )
          continue;
        throw error;
      }
    }
    throw refuse('NOT_FOUND', 'no waiting room has a free seat; create one');
  }

  async leave(user: Identity, roomId: string): Promise<void> {
    await this.apply(roomId, { type: 'leave', userId: user.userId });
    if ((await this.stores.rooms.userRoom(user.userId)) === roomId)
      await this.stores.rooms.setUserRoom(user.userId, null);
  }

  // ------------------------------------------------------------ the game

  async ready(user: Identity, roomId: string, ready: boolean) {
    await this.apply(roomId, { type: 'ready', userId: user.userId, ready });
  }

  async start(host: Identity, roomId: string): Promise<void> {
    const loaded = await this.stores.rooms.load(roomId);
    if (!loaded) throw refuse('NOT_FOUND', 'room not found');
    // Checked before the problem is fetched, so a refused start costs nothing.
    checkStart(loaded.state, host.userId);
    const { state } = loaded;
    const problem = await this.judge.problem(
      state.problemChoice
        ? { slug: state.problemChoice }
        : { language: state.language, difficulty: state.difficulty },
    );
    const online = await this.stores.presence.online(roomId);
    await this.apply(roomId, {
      type: 'start',
      userId: host.userId,
      gameId: randomUUID(),
      problem: { id: problem.id, slug: problem.slug, title: problem.title, difficulty: problem.difficulty },
      initialCode: problem.starterCode[state.language] ?? '',
      online,
    });
  }

  async pass(user: Identity, roomId: string) {
    await this.apply(roomId, {
      type: 'pass',
      userId: user.userId,
      online: await this.stores.presence.online(roomId),
    });
  }

  async chat(user: Identity, roomId: string, text: string) {
    await this.apply(
      roomId,
      { type: 'chat', userId: user.userId, nickname: user.nickname, text },
      user.userId,
    );
  }

  async react(user: Identity, roomId: string, reaction: Reaction) {
    await this.apply(roomId, { type: 'reaction', userId: user.userId, reaction }, user.userId);
  }

  async ping(user: Identity, roomId: string, pos: number) {
    await this.apply(roomId, { type: 'ping', userId: user.userId, pos }, user.userId);
  }

  async presence(userId: string, roomId: string, online: boolean) {
    await this.apply(roomId, { type: 'presence', userId, online });
  }

  /**
   * The active player's edit. Accepted only on the current version: a stale one is refused with the
   * current version, and the client rebases on the operations it has not seen yet.
   */
  async pushCode(
    user: Identity,
    roomId: string,
    baseVersion: number,
    changes: ChangeSetJson,
    cursor: Cursor | null,
  ) {
    // No document is read here: the store checks version, turn and length in the same step as the append.
    const changeSet = parseOperation(changes);
    const at = this.now();
    const op: CodeOperation = { version: baseVersion + 1, changes, cursor, userId: user.userId, at };
    const outcome = await this.stores.rooms.pushCode({
      roomId,
      userId: user.userId,
      baseVersion,
      length: changeSet.length,
      newLength: changeSet.newLength,
      operation: JSON.stringify(op),
      event: this.serialize(roomId, { type: 'code.op', op }, at),
    });
    if (outcome.ok) return { version: baseVersion + 1, seq: outcome.seq, event: outcome.event };
    switch (outcome.reason) {
      case 'not-active':
        throw refuse('NOT_YOUR_TURN', 'only the active player edits the code');
      case 'stale':
        throw refuse('STALE_VERSION', 'the code has moved on: rebase on the operations after your version', {
          version: outcome.version,
        });
      case 'length':
        throw refuse('VALIDATION_FAILED', 'the change set was made for a document of another length', {
          expected: outcome.length,
          got: changeSet.length,
        });
    }
  }

  /** Runs the samples or submits, as the active player, and follows the judgement to its end. */
  async judgeCode(user: Identity, roomId: string, mode: SubmissionMode): Promise<{ submissionId: string }> {
    const loaded = await this.stores.rooms.load(roomId);
    if (!loaded) throw refuse('NOT_FOUND', 'room not found');
    const { state } = loaded;
    if (state.phase !== 'RELAY' || !state.game) throw refuse('WRONG_PHASE', `the room is in ${state.phase}`);
    if (activePlayerOf(state) !== user.userId)
      throw refuse('NOT_YOUR_TURN', 'only the active player runs and submits');
    if (state.game.judging) throw refuse('JUDGING_IN_PROGRESS', 'wait for the running judgement');
    const code = await this.currentCode(roomId);
    const source = code.doc.toString();
    if (!source.trim()) throw refuse('VALIDATION_FAILED', 'the code is empty');
    const submissionId = await this.judge.submit(user, {
      problem: state.game.problem.id,
      language: state.language,
      source,
      mode,
      roomId,
    });
    await this.apply(roomId, {
      type: 'judge.started',
      userId: user.userId,
      submissionId,
      mode,
      codeVersion: code.version,
    });
    this.follow(user, roomId, submissionId);
    return { submissionId };
  }

  /** Rebroadcasts a submission's tests and verdict to the room; every step is idempotent, so two followers are harmless. */
  private follow(user: Identity, roomId: string, submissionId: string): void {
    if (this.following.has(submissionId)) return;
    this.following.add(submissionId);
    void (async () => {
      const final = await this.judge.follow(user, submissionId, async (test) => {
        await this.apply(roomId, { type: 'judge.test', submissionId, test });
      });
      await this.apply(roomId, {
        type: 'judge.final',
        submissionId,
        verdict: final.verdict ?? 'INTERNAL_ERROR',
        message: final.message,
        compileOutput: final.compileOutput,
        tests: final.tests,
        testCount: final.testCount,
      });
    })()
      .catch((error: unknown) =>
        this.logger.error({ err: error, roomId, submissionId }, 'following a submission failed'),
      )
      .finally(() => this.following.delete(submissionId));
  }

  // ------------------------------------------------------------ dictation

  /** Scores a dictation run from its keystrokes and keeps the user's best CPM. */
  async recordDictation(user: Identity, request: DictationResultRequest): Promise<DictationResult> {
    const snippet = await this.judge.dictation(request.dictationId);
    const score = scoreDictation(snippet.code, request.keystrokes);
    checkClaim(score, request);
    const { archive } = this.stores;
    const best = await archive.recordCpm(user.userId, user.nickname, score.cpm);
    await archive.recordDictationRun(user.userId, {
      dictationId: request.dictationId,
      language: snippet.language,
      algorithm: snippet.algorithm,
      title: snippet.title,
      cpm: score.cpm,
      accuracy: score.accuracy,
      durationMs: score.durationMs,
      at: this.now(),
    });
    const rank = (await archive.rankOf('cpm', user.userId)) ?? 1;
    return { ...score, best, rank };
  }

  // ------------------------------------------------------------ timers

  /** Ends what a due timer names; a timer for a turn or phase that is already over changes nothing. */
  async fireTimer(key: string): Promise<void> {
    const timer = parseTimerKey(key);
    if (!timer) return;
    const loaded = await this.stores.rooms.load(timer.roomId);
    if (!loaded) return;
    // The replica that ended the game may have died before announcing it: whichever replica claims
    // the watch announces it, and the room never leaves RESULT unannounced. A failure here leaves the
    // timer leased, to be fired again.
    if (timer.kind === 'announce' || timer.kind === 'result') await this.announce(timer.roomId, loaded.state);
    await this.apply(timer.roomId, {
      type: 'timer',
      kind: timer.kind,
      token: timer.token,
      online: await this.stores.presence.online(timer.roomId),
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'NOT_FOUND') throw error;
    });
    await this.resumeOrphanedJudging(timer.roomId);
  }

  /**
   * A judgement whose follower died (its replica was lost) is picked up again; the stream replays it
   * whole and every step is idempotent. A follower that is alive but slow gets a twin, as harmless.
   */
  private async resumeOrphanedJudging(roomId: string) {
    const loaded = await this.stores.rooms.load(roomId);
    const judging = loaded?.state.game?.judging;
    if (!loaded || !judging || this.following.has(judging.submissionId)) return;
    if (this.now() - judging.startedAt < JUDGING_WATCH_MS) return;
    const player = loaded.state.players.find((p) => p.userId === judging.by);
    this.follow(
      { userId: judging.by, nickname: player?.nickname ?? '', role: 'USER' },
      roomId,
      judging.submissionId,
    );
  }

  // ------------------------------------------------------------ snapshots, results, replays

  /** The room and its code at one seq, for a client that subscribes or cannot be caught up from the log. */
  async snapshot(
    viewerId: string,
    roomId: string,
  ): Promise<{ seq: number; room: RoomView; code: CodeSnapshot | null }> {
    const snapshot = await this.stores.rooms.snapshot(roomId);
    if (!snapshot) throw refuse('NOT_FOUND', 'room not found');
    this.requireVisible(snapshot.state, viewerId);
    const inGame = snapshot.state.game !== null && snapshot.gameId === snapshot.state.game.id;
    return {
      seq: snapshot.seq,
      room: toView(snapshot.state, viewerId),
      code: inGame ? this.codeOf(roomId, snapshot) : null,
    };
  }

  private codeOf(roomId: string, { gameId, base, operations }: RoomSnapshot): CodeSnapshot {
    const doc = replay(
      base.doc,
      operations.map((json) => JSON.parse(json) as CodeOperation),
    ).toString();
    const version = base.version + operations.length;
    if (operations.length >= this.checkpointEvery) {
      this.stores.rooms
        .saveCheckpoint(roomId, { gameId, version, doc })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, roomId }, 'saving a code checkpoint failed'),
        );
    }
    return { doc, version };
  }

  async game(gameId: string): Promise<GameRecord> {
    const record = await this.stores.archive.game(gameId);
    if (!record) throw refuse('NOT_FOUND', 'game not found');
    return record;
  }

  requireVisible(state: RoomState, viewerId: string) {
    // A private room is seen by its players only: its id alone must not let strangers in.
    if (state.private && !isPlayer(state, viewerId)) throw refuse('NOT_FOUND', 'room not found');
  }

  // ------------------------------------------------------------ the commit loop

  /**
   * Applies a command: read, decide, commit if nothing changed meanwhile, else again. `actor` limits
   * spectator actions (chat, reactions, pings) to rooms the actor may see.
   */
  async apply(roomId: string, command: RoomCommand, actor?: string): Promise<RoomState | null> {
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
      const loaded = await this.stores.rooms.load(roomId);
      if (!loaded) throw refuse('NOT_FOUND', 'room not found');
      if (actor !== undefined) this.requireVisible(loaded.state, actor);
      const now = this.now();
      const decision = decide(loaded.state, command, now);
      if (decision.events.length === 0 && decision.timers.length === 0 && decision.state === loaded.state)
        return loaded.state;
      const next = decision.state;
      const startsGame = next?.game && next.game.id !== loaded.state.game?.id;
      const summaryBefore = JSON.stringify(toSummary(loaded.state));
      const outcome = await this.stores.rooms.commit({
        roomId,
        expectedSeq: loaded.seq,
        state: next,
        events: decision.events.map((event) => this.serialize(roomId, event, now)),
        timers: decision.timers,
        activeUserId: next ? activePlayerOf(next) : null,
        resetCode: startsGame ? { gameId: next.game!.id, doc: next.game!.initialCode } : undefined,
        summary: loaded.state.private
          ? undefined
          : next === null
            ? null
            : JSON.stringify(toSummary(next)) === summaryBefore
              ? undefined
              : toSummary(next),
      });
      if (!outcome.ok) continue;
      if (next === null) {
        if (loaded.state.joinCode) await this.stores.rooms.setJoinCode(loaded.state.joinCode, null);
        this.code.delete(roomId);
      }
      if (decision.ended && next) {
        await this.announce(roomId, next).catch((error: unknown) =>
          this.logger.error({ err: error, roomId }, 'announcing a game failed; its timer retries'),
        );
      }
      return next;
    }
    throw refuse('SERVICE_UNAVAILABLE', 'the room is too busy; try again');
  }

  private async buildRecord(roomId: string, ended: RoomState): Promise<GameRecord> {
    const game = ended.game!;
    const log = await this.stores.rooms.readCode(roomId, 0);
    const operations =
      log.gameId === game.id ? log.operations.map((json) => JSON.parse(json) as CodeOperation) : [];
    const result = computeResult(ended, operations);
    const userIds = game.roster.map((p) => p.userId);
    const ratings = await this.stores.archive.ratings(userIds);
    const before = userIds.map((id) => ratings.get(id) ?? INITIAL_RATING);
    const delta = ratingDelta(before, game.problem.difficulty, game.outcome === 'SOLVED');
    return {
      ...result,
      initialCode: game.initialCode,
      operations,
      turns: game.turns,
      ratingChanges: userIds.map((userId, i) => ({ userId, before: before[i]!, after: before[i]! + delta })),
    };
  }

  /**
   * Publishes `game.ended` once the game's record is stored, so a client that sees the event can
   * fetch the result and the replay at once. The record is stored once (the first store wins) and
   * the event goes out with the commit that marks the game announced, so either happens once however
   * many replicas try: the one that ended the game, and the timers that stand in for it if it died.
   */
  private async announce(roomId: string, state: RoomState) {
    const game = state.game;
    if (state.phase !== 'RESULT' || !game || game.announced) return;
    const record = await this.storedRecord(roomId, state);
    await this.apply(roomId, { type: 'announce', gameId: game.id, result: resultOf(record) });
  }

  /** The ended game's record as stored: stored now unless a replica did it before. */
  private async storedRecord(roomId: string, ended: RoomState): Promise<GameRecord> {
    const stored = await this.stores.archive.game(ended.game!.id);
    if (stored) return stored;
    const record = await this.buildRecord(roomId, ended);
    if (await this.stores.archive.record(record)) return record;
    // Another replica stored it meanwhile: what it stored is what is announced.
    return (await this.stores.archive.game(record.gameId))!;
  }

  private serialize(roomId: string, event: EventBody, at = this.now()): string {
    return JSON.stringify({ ...event, roomId, at });
  }

  private async currentCode(roomId: string): Promise<CachedCode> {
    const cached = this.code.get(roomId);
    const log = await this.stores.rooms.readCode(roomId, cached ? cached.version : 0);
    if (cached && cached.gameId === log.gameId) {
      if (log.operations.length === 0) return cached;
      const doc = replay(
        cached.doc,
        log.operations.map((json) => JSON.parse(json) as CodeOperation),
      );
      const fresh = { gameId: log.gameId, version: cached.version + log.operations.length, doc };
      this.code.set(roomId, fresh);
      return fresh;
    }
    // Another game, or nothing cached: read the whole log of the current game.
    const whole = cached ? await this.stores.rooms.readCode(roomId, 0) : log;
    const doc = replay(
      whole.initialDoc,
      whole.operations.map((json) => JSON.parse(json) as CodeOperation),
    );
    const fresh = { gameId: whole.gameId, version: whole.operations.length, doc };
    this.code.set(roomId, fresh);
    return fresh;
  }

  private async requireNoRoom(userId: string) {
    const current = await this.stores.rooms.userRoom(userId);
    if (!current) return;
    const loaded = await this.stores.rooms.load(current);
    if (loaded && isPlayer(loaded.state, userId)) {
      throw refuse('ALREADY_IN_ROOM', 'leave your room first', { roomId: current });
    }
    await this.stores.rooms.setUserRoom(userId, null);
  }

  private async reserveJoinCode(roomId: string): Promise<string> {
    for (;;) {
      const code = Array.from(
        { length: 6 },
        () => JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)],
      ).join('');
      if (await this.stores.rooms.setJoinCode(code, roomId)) return code;
    }
  }
}

const resultOf = (record: GameRecord) => {
  const {
    initialCode: _initial,
    operations: _ops,
    turns: _turns,
    ratingChanges: _ratings,
    ...result
  } = record;
  return result;
};
