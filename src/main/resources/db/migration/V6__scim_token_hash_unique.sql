-- A SCIM token's secret identifies exactly one token, whatever the org: the server finds the org from
-- the secret alone (and may remember that answer), so a secret must never be registered twice.
CREATE UNIQUE INDEX scim_tokens_token_hash_key ON scim_tokens (token_hash);
DROP INDEX scim_tokens_hash_idx; -- the unique index serves the lookup
