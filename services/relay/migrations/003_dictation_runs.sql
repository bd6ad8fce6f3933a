-- Every accepted dictation run, for the player's history (the best of each user is in dictation_bests).
CREATE TABLE relay.dictation_runs (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL,
  at timestamptz NOT NULL,
  run jsonb NOT NULL
);
CREATE INDEX dictation_runs_user ON relay.dictation_runs (user_id, at DESC, id DESC);
