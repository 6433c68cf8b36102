-- Directory sync (SPEC §7): an org's upstream directory, its sync runs, the links between upstream users
-- and members, and the per-run staging area a run fills from the upstream before it changes anything.
-- As everywhere, every table carries org_id and every key starts with it.

-- One upstream per org. The bearer token is stored only encrypted (AES-256-GCM, key outside the database:
-- roster.sync.encryption-key or $ROSTER_DATA_DIR/sync-encryption.key); it is never returned or logged.
CREATE TABLE directory_sync_configs (
    org_id           uuid        PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
    connector        text        NOT NULL CHECK (connector IN ('scim')),
    base_url         text        NOT NULL,
    -- version byte || 12-byte nonce || ciphertext || 16-byte tag; the org id is the associated data
    token_ciphertext bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directory_sync_runs (
    org_id               uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id                   uuid        NOT NULL,
    -- newest-first order and the list cursor
    seq                  bigint      GENERATED ALWAYS AS IDENTITY,
    status               text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    trigger              text        NOT NULL CHECK (trigger IN ('manual')),
    forced               boolean     NOT NULL DEFAULT false,
    requested_by         uuid,
    requested_at         timestamptz NOT NULL DEFAULT now(),
    started_at           timestamptz,
    finished_at          timestamptz,
    groups_created       integer     NOT NULL DEFAULT 0,
    groups_updated       integer     NOT NULL DEFAULT 0,
    groups_deleted       integer     NOT NULL DEFAULT 0,
    memberships_added    integer     NOT NULL DEFAULT 0,
    memberships_removed  integer     NOT NULL DEFAULT 0,
    members_created      integer     NOT NULL DEFAULT 0,
    -- [{"code": …, "message": …, "upstreamId": …}]
    errors               jsonb       NOT NULL DEFAULT '[]'::jsonb,
    PRIMARY KEY (org_id, id)
);
-- exactly one queued or running run per org, whichever replica inserts it
CREATE UNIQUE INDEX directory_sync_runs_one_active ON directory_sync_runs (org_id)
    WHERE status IN ('queued', 'running');
CREATE INDEX directory_sync_runs_newest_idx ON directory_sync_runs (org_id, seq DESC);

-- Which member an upstream user became (created by a run, or matched by userName). Kept so that a re-run
-- needs no user look-ups for people it already knows; cleared when the upstream changes.
CREATE TABLE directory_sync_user_links (
    org_id      uuid NOT NULL,
    upstream_id text NOT NULL,
    member_id   uuid NOT NULL,
    PRIMARY KEY (org_id, upstream_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_sync_user_links_member_idx ON directory_sync_user_links (org_id, member_id);

-- Staging: what one run read from the upstream, page by page, before planning and applying it. Scratch
-- data (deleted when the run ends, rebuilt by a new run), hence UNLOGGED.
CREATE UNLOGGED TABLE directory_sync_stage_groups (
    org_id       uuid    NOT NULL,
    run_id       uuid    NOT NULL,
    upstream_id  text    NOT NULL,
    display_name text    NOT NULL,
    position     integer NOT NULL,
    PRIMARY KEY (org_id, run_id, upstream_id)
);
CREATE UNLOGGED TABLE directory_sync_stage_memberships (
    org_id            uuid NOT NULL,
    run_id            uuid NOT NULL,
    upstream_group_id text NOT NULL,
    upstream_user_id  text NOT NULL,
    -- the member the upstream user is (through directory_sync_user_links), once known
    member_id         uuid,
    PRIMARY KEY (org_id, run_id, upstream_group_id, upstream_user_id)
);
-- a group's resolved members, for the set differences against group_members
CREATE INDEX directory_sync_stage_memberships_member_idx
    ON directory_sync_stage_memberships (org_id, run_id, upstream_group_id, member_id);
CREATE UNLOGGED TABLE directory_sync_stage_users (
    org_id      uuid NOT NULL,
    run_id      uuid NOT NULL,
    upstream_id text NOT NULL,
    user_name   text,
    -- the upstream User resource as served
    document    jsonb NOT NULL,
    -- some group of the run lists this user (set once all users are staged)
    referenced  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (org_id, run_id, upstream_id)
);
-- matching by userName, and the keyset order in which missing members are created
CREATE INDEX directory_sync_stage_users_name_idx
    ON directory_sync_stage_users (org_id, run_id, lower(user_name), upstream_id);
