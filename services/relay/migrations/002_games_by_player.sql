-- A player's history (GET /api/relay/players/:userId) finds their games by containment in the record's players.
CREATE INDEX games_players ON relay.games USING gin ((record -> 'players') jsonb_path_ops);
CREATE INDEX games_ended ON relay.games (ended_at DESC);
