-- Cowork plugins (SPEC §5): an org's marketplace, each plugin's org-wide default state, and per-group
-- overrides. A member's effective state is the strongest override among their groups
-- (required > pre_installed > available > hidden), else the plugin's default; it is computed in SQL,
-- never stored.

CREATE TABLE plugins (
    org_id        uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id            uuid        NOT NULL,
    name          text        NOT NULL,
    description   text        NOT NULL DEFAULT '',
    default_state text        NOT NULL
                  CHECK (default_state IN ('hidden', 'available', 'pre_installed', 'required')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id)
);
-- names are unique per org, case-insensitively; also the key of the list order
CREATE UNIQUE INDEX plugins_name_key ON plugins (org_id, lower(name));

-- One state per (plugin, group). Deleting the plugin or the group removes its overrides.
CREATE TABLE plugin_group_overrides (
    org_id     uuid        NOT NULL,
    plugin_id  uuid        NOT NULL,
    group_id   uuid        NOT NULL,
    state      text        NOT NULL CHECK (state IN ('hidden', 'available', 'pre_installed', 'required')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, plugin_id, group_id),
    CONSTRAINT plugin_group_overrides_plugin_fkey
        FOREIGN KEY (org_id, plugin_id) REFERENCES plugins (org_id, id) ON DELETE CASCADE,
    CONSTRAINT plugin_group_overrides_group_fkey
        FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id) ON DELETE CASCADE
);
-- "which overrides does this group carry" (a member's effective states; the group FK's cascade)
CREATE INDEX plugin_group_overrides_group_idx ON plugin_group_overrides (org_id, group_id, plugin_id);
