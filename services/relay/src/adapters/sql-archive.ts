import type { DictationRun, GameRecord } from '@corazy/contracts';
import type { Database } from '@corazy/database';
import type { GameArchive } from '../domain/ports.js';
import { summarize } from '../domain/results.js';

const TABLES = {
  rating: { table: 'relay.ratings', score: 'rating' },
  cpm: { table: 'relay.dictation_bests', score: 'cpm' },
} as const;

/**
 * Finished games, ratings and dictation bests in PostgreSQL (schema `relay`): what must outlive a
 * Redis flush. Same contract as the Redis and memory archives (src/adapters/stores.test.ts).
 */
export function sqlArchive(db: Database): GameArchive {
  return {
    async record(record: GameRecord) {
      return db.transaction(async (tx) => {
        const inserted = await tx.query(
          `INSERT INTO relay.games (id, room_id, outcome, ended_at, record)
           VALUES ($1, $2, $3, to_timestamp($4 / 1000.0), $5::jsonb)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [record.gameId, record.roomId, record.outcome, record.endedAt, JSON.stringify(record)],
        );
        // Recorded already (by another replica, or before a retry): its ratings were applied then.
        if (inserted.length === 0) return false;
        const nicknames = new Map(record.players.map((p) => [p.userId, p.nickname]));
        for (const change of record.ratingChanges) {
          await tx.query(
            `INSERT INTO relay.ratings (user_id, nickname, rating) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE
             SET rating = relay.ratings.rating + $4, nickname = EXCLUDED.nickname, updated_at = now()`,
            [change.userId, nicknames.get(change.userId) ?? '', change.after, change.after - change.before],
          );
        }
        return true;
      });
    },
    async game(gameId) {
      const rows = await db.query<{ record: GameRecord | string }>(
        'SELECT record FROM relay.games WHERE id = $1',
        [gameId],
      );
      const record = rows[0]?.record;
      if (record === undefined) return undefined;
      return typeof record === 'string' ? (JSON.parse(record) as GameRecord) : record;
    },
    async ratings(userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await db.query<{ user_id: string; rating: number }>(
        'SELECT user_id, rating FROM relay.ratings WHERE user_id = ANY($1::text[])',
        [userIds],
      );
      return new Map(rows.map((row) => [row.user_id, Number(row.rating)]));
    },
    async ranking(by, offset, limit) {
      const { table, score } = TABLES[by];
      const [rows, count] = await Promise.all([
        db.query<{ user_id: string; nickname: string; score: number }>(
          `SELECT user_id, nickname, ${score} AS score FROM ${table} ORDER BY ${score} DESC, user_id DESC OFFSET $1 LIMIT $2`,
          [offset, limit],
        ),
        db.query<{ total: string | number }>(`SELECT count(*) AS total FROM ${table}`),
      ]);
      return {
        total: Number(count[0]?.total ?? 0),
        items: rows.map((row, i) => ({
          rank: offset + i + 1,
          userId: row.user_id,
          nickname: row.nickname,
          value: Number(row.score),
        })),
      };
    },
    async rankOf(by, userId) {
      const { table, score } = TABLES[by];
      const rows = await db.query<{ rank: string | number }>(
        `SELECT 1 + (SELECT count(*) FROM ${table} o WHERE o.${score} > me.${score} OR (o.${score} = me.${score} AND o.user_id > me.user_id)) AS rank
         FROM ${table} me WHERE me.user_id = $1`,
        [userId],
      );
      return rows[0] ? Number(rows[0].rank) : undefined;
    },
    async player(userId) {
      const rows = await db.query<{ nickname: string | null; rating: number | null; cpm: number | null }>(
        `SELECT coalesce(r.nickname, d.nickname) AS nickname, r.rating, d.cpm
         FROM (SELECT $1::text AS user_id) me
         LEFT JOIN relay.ratings r ON r.user_id = me.user_id
         LEFT JOIN relay.dictation_bests d ON d.user_id = me.user_id`,
        [userId],
      );
      const row = rows[0];
      return {
        nickname: row?.nickname ?? undefined,
        rating: row?.rating == null ? undefined : Number(row.rating),
        bestCpm: row?.cpm == null ? undefined : Number(row.cpm),
      };
    },
    async gamesOf(userId, limit) {
      // Everything of the record but the code and its log, which a history does not show.
      const rows = await db.query<{ record: GameRecord | string }>(
        `SELECT record - 'operations' - 'initialCode' - 'finalCode' - 'turns' AS record
         FROM relay.games WHERE record->'players' @> $1::jsonb ORDER BY ended_at DESC LIMIT $2`,
        [JSON.stringify([{ userId }]), limit],
      );
      return rows.map((row) =>
        summarize(
          typeof row.record === 'string' ? (JSON.parse(row.record) as GameRecord) : row.record,
          userId,
        ),
      );
    },
    async recordDictationRun(userId, run) {
      await db.query(
        'INSERT INTO relay.dictation_runs (user_id, at, run) VALUES ($1, to_timestamp($2 / 1000.0), $3::jsonb)',
        [userId, run.at, JSON.stringify(run)],
      );
    },
    async dictationsOf(userId, limit) {
      const rows = await db.query<{ run: DictationRun | string }>(
        'SELECT run FROM relay.dictation_runs WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2',
        [userId, limit],
      );
      return rows.map((row) =>
        typeof row.run === 'string' ? (JSON.parse(row.run) as DictationRun) : row.run,
      );
    },
    async recordCpm(userId, nickname, cpm) {
      const rows = await db.query<{ cpm: number }>(
        `INSERT INTO relay.dictation_bests (user_id, nickname, cpm) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE
           SET cpm = GREATEST(relay.dictation_bests.cpm, EXCLUDED.cpm), nickname = EXCLUDED.nickname, updated_at = now()
         RETURNING cpm`,
        [userId, nickname, cpm],
      );
      return Number(rows[0]!.cpm);
    },
  };
}
