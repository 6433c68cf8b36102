-- Access control from the database (issue 10): automation API keys per org, and platform operators as rows.

-- Org API keys for scripts and CI jobs ("Authorization: Bearer roster_ak_…"). Only the SHA-256 of the key is
-- kept. A key acts with its own admin levels, never above its creator's current ones (checked per request).
CREATE TABLE api_keys (
    org_id       uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_hash     text        NOT NULL,
    admin_areas  jsonb       NOT NULL DEFAULT '{}',
    created_by   uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES members (org_id, id) ON DELETE CASCADE
);
-- a presented key is found by its hash alone (the key names no org); hashes are unique across orgs
CREATE UNIQUE INDEX api_keys_key_hash_idx ON api_keys (key_hash);

-- Platform operators: members who may create orgs and act across orgs. Removing the row, or the member,
-- removes the power at the next request; nothing about it is carried in a token.
CREATE TABLE platform_operators (
    org_id     uuid        NOT NULL,
    member_id  uuid        NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, member_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, id) ON DELETE CASCADE
);

ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_type_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_type_check
    CHECK (actor_type IN ('member', 'api_key', 'scim_token', 'sync', 'system'));
