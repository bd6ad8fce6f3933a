-- Finished games: the result and the whole operation log (the replay), one row per game.
CREATE TABLE relay.games (
  id uuid PRIMARY KEY,
  room_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('SOLVED', 'TIME_UP', 'ABANDONED')),
  ended_at timestamptz NOT NULL,
  record jsonb NOT NULL
);

-- The relay rating of every player who finished a game; ties ranked like Redis sorted sets (by id, descending).
CREATE TABLE relay.ratings (
  user_id text PRIMARY KEY,
  nickname text NOT NULL,
  rating double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ratings_rank ON relay.ratings (rating DESC, user_id DESC);

-- Each user's best checked dictation speed.
CREATE TABLE relay.dictation_bests (
  user_id text PRIMARY KEY,
  nickname text NOT NULL,
  cpm integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dictation_bests_rank ON relay.dictation_bests (cpm DESC, user_id DESC);
