import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateRoomRequest,
  DictationResultRequest,
  JoinByCodeRequest,
  PlayerProfile,
  PROFILE_GAMES,
  RankingQuery,
  RoomListQuery,
  type RankingList,
  type RoomList,
} from '@corazy/contracts';
import { clientAddress, parseOrThrow, requireIdentity } from '@corazy/service-kit';
import type { RelayStores } from './domain/ports.js';
import type { RelayEngine } from './domain/relay-engine.js';

const RoomParams = z.object({ id: z.uuid() });
const GameParams = z.object({ id: z.uuid() });
const PlayerParams = PlayerProfile.pick({ userId: true });

/** REST where it fits: listing, creating and joining rooms, results, replays and rankings. */
export function registerRoutes(
  app: FastifyInstance,
  engine: RelayEngine,
  stores: RelayStores,
  limits: { limitRoomCreation: (userId: string, address: string) => Promise<void> },
) {
  app.get('/api/relay/rooms', async (request): Promise<RoomList> => {
    requireIdentity(request);
    return engine.listRooms(parseOrThrow(RoomListQuery, request.query));
  });

  app.post('/api/relay/rooms', async (request, reply) => {
    const user = requireIdentity(request);
    const body = parseOrThrow(CreateRoomRequest, request.body ?? {});
    await limits.limitRoomCreation(user.userId, clientAddress(request));
    return reply.code(201).send(await engine.createRoom(user, body));
  });

  app.post('/api/relay/rooms/quick-join', async (request) => engine.quickJoin(requireIdentity(request)));

  app.post('/api/relay/rooms/join-by-code', async (request) => {
    const user = requireIdentity(request);
    const { code } = parseOrThrow(JoinByCodeRequest, request.body ?? {});
    return engine.joinByCode(user, code);
  });

  app.get('/api/relay/rooms/:id', async (request) => {
    const user = requireIdentity(request);
    const { id } = parseOrThrow(RoomParams, request.params);
    return engine.room(user, id);
  });

  app.post('/api/relay/rooms/:id/join', async (request) => {
    const user = requireIdentity(request);
    const { id } = parseOrThrow(RoomParams, request.params);
    return engine.join(user, id);
  });

  app.post('/api/relay/rooms/:id/leave', async (request, reply) => {
    const user = requireIdentity(request);
    const { id } = parseOrThrow(RoomParams, request.params);
    await engine.leave(user, id);
    return reply.code(204).send();
  });

  app.get('/api/relay/online', async (request) => {
    requireIdentity(request);
    return { items: await stores.lobby.online() };
  });

  app.get('/api/relay/chat', async (request) => {
    requireIdentity(request);
    return { items: await stores.lobby.chat() };
  });

  /** A finished game's result: outcome, per-player figures, awards and rating changes. */
  app.get('/api/relay/games/:id', async (request) => {
    requireIdentity(request);
    const { id } = parseOrThrow(GameParams, request.params);
    const { operations: _operations, initialCode: _initial, ...result } = await engine.game(id);
    return result;
  });

  /** The whole game, keystroke by keystroke: the first document and every operation with its time and author. */
  app.get('/api/relay/games/:id/replay', async (request) => {
    requireIdentity(request);
    const { id } = parseOrThrow(GameParams, request.params);
    return engine.game(id);
  });

  /** A finished dictation run, checked against its keystrokes before it counts. */
  app.post('/api/relay/dictation-results', async (request) => {
    const user = requireIdentity(request);
    return engine.recordDictation(user, parseOrThrow(DictationResultRequest, request.body ?? {}));
  });

  /** A player's relay rating, best dictation speed, both ranks and recent games, for any signed-in user. */
  app.get('/api/relay/players/:userId', async (request): Promise<PlayerProfile> => {
    requireIdentity(request);
    const { userId } = parseOrThrow(PlayerParams, request.params);
    const { archive } = stores;
    const [player, ratingRank, cpmRank, games, dictations] = await Promise.all([
      archive.player(userId),
      archive.rankOf('rating', userId),
      archive.rankOf('cpm', userId),
      archive.gamesOf(userId, PROFILE_GAMES),
      archive.dictationsOf(userId, PROFILE_GAMES),
    ]);
    return {
      userId,
      nickname: player.nickname ?? null,
      rating: player.rating ?? null,
      ratingRank: ratingRank ?? null,
      bestCpm: player.bestCpm ?? null,
      cpmRank: cpmRank ?? null,
      games,
      dictations,
    };
  });

  app.get('/api/rankings', async (request): Promise<RankingList> => {
    const query = parseOrThrow(RankingQuery, request.query);
    const { items, total } = await stores.archive.ranking(query.by, query.offset, query.limit);
    return { by: query.by, items, total };
  });
}
