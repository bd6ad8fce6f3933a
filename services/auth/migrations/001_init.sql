CREATE TABLE auth.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  nickname text NOT NULL,
  role text NOT NULL CHECK (role IN ('GUEST', 'USER', 'ADMIN')),
  email text UNIQUE,
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Nicknames are unique regardless of case: "Kim" and "kim" would be confusing in a room.
CREATE UNIQUE INDEX users_nickname_key ON auth.users (lower(nickname));

-- Sign-ins through an external provider (OIDC): one row per (provider, subject).
CREATE TABLE auth.identities (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);

-- Refresh tokens are stored as SHA-256 hashes. A family is the chain of rotations of one sign-in;
-- a rotated token presented again revokes the whole family.
CREATE TABLE auth.refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON auth.refresh_tokens (family_id);

-- Access-token signing keys. A key is published in the JWKS from creation until retires_at, and
-- signs from activates_at, so verifiers learn a new key before the first token signed with it.
CREATE TABLE auth.signing_keys (
  kid text PRIMARY KEY,
  algorithm text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  activates_at timestamptz NOT NULL,
  retires_at timestamptz
);

-- A sign-in with the external provider in progress: state, nonce and PKCE verifier, hashed by state.
CREATE TABLE auth.oidc_authorizations (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Single-use secrets handed to the browser, stored hashed: a ticket (the callback's outcome, traded
-- once) and a signup token (a new external user's right to pick a nickname, 5 minutes).
CREATE TABLE auth.one_time_secrets (
  secret_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('ticket', 'signup')),
  payload jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
