-- Who holds which nickname, by its confusable key (src/domain/nicknames.ts: `bar_aIice` and
-- `bar_alice` have one key). A user's current name has released_at NULL; a name given up (a rename,
-- an expired guest) stays held until released_at, when the last access token carrying it has
-- expired. The primary key is what keeps two clashing names apart, whichever replica writes them.
-- No foreign key: the hold outlives a deleted guest.
CREATE TABLE auth.nickname_claims (
  nickname_key text PRIMARY KEY,
  user_id uuid NOT NULL,
  released_at timestamptz
);
CREATE INDEX nickname_claims_user ON auth.nickname_claims (user_id);
CREATE INDEX nickname_claims_released ON auth.nickname_claims (released_at) WHERE released_at IS NOT NULL;

-- The guest sweep looks for guests without recent tokens, and clears out dead tokens.
CREATE INDEX refresh_tokens_user ON auth.refresh_tokens (user_id, created_at);
CREATE INDEX refresh_tokens_expiry ON auth.refresh_tokens (expires_at);
CREATE INDEX users_guests ON auth.users (created_at) WHERE role = 'GUEST';

-- An OIDC sign-in that makes a signed-in guest an account.
ALTER TABLE auth.oidc_authorizations ADD COLUMN upgrade_user_id uuid;
