-- Refresh grace (docs/auth.md, "Refresh tokens"): who rotated a token (a hash of the client's address
-- and user agent), and the pair the rotation issued, sealed with a key derived from the rotated token
-- itself, so that the same client presenting it again within the grace window gets the same pair.
-- The database alone cannot open the seal: it keeps only the token's hash.
ALTER TABLE auth.refresh_tokens ADD COLUMN rotated_by text, ADD COLUMN successor_sealed text;
