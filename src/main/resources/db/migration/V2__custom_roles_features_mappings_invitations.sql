-- Custom roles, what they grant, the org-level feature switches, IdP group -> org role mappings and
-- invitations (SPEC §3). The capability catalog itself is data in src/main/resources/capabilities.json.

CREATE TABLE custom_roles (
    org_id       uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id           uuid        NOT NULL,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    -- capability keys from the catalog
    capabilities text[]      NOT NULL DEFAULT '{}',
    -- admin area -> 'view' | 'manage'; an area left out is 'none'
    admin_areas  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX custom_roles_name_key ON custom_roles (org_id, lower(name));

-- Custom roles assigned to groups (many-to-many). Deleting either side removes the assignment.
CREATE TABLE group_custom_roles (
    org_id         uuid NOT NULL,
    group_id       uuid NOT NULL,
    custom_role_id uuid NOT NULL,
    PRIMARY KEY (org_id, group_id, custom_role_id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, custom_role_id) REFERENCES custom_roles (org_id, id) ON DELETE CASCADE
);
CREATE INDEX group_custom_roles_role_idx ON group_custom_roles (org_id, custom_role_id);

-- Org-level switch per capability; no row means the catalog's default. 'chat' is never switched off.
CREATE TABLE org_features (
    org_id     uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    capability text        NOT NULL,
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, capability),
    CHECK (capability <> 'chat' OR enabled)
);

-- An IdP (SCIM) group whose members get an org role. One mapping per group; never primary_owner.
CREATE TABLE group_mappings (
    org_id     uuid        NOT NULL,
    id         uuid        NOT NULL,
    group_id   uuid        NOT NULL,
    org_role   text        NOT NULL CHECK (org_role IN ('user', 'admin', 'owner', 'custom_roles')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, group_id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id) ON DELETE CASCADE
);

-- Pending invitations by email. Accepting one (the member signing in, or an IdP creating that userName)
-- turns it into a member with the invited role.
CREATE TABLE invitations (
    org_id     uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    email      text        NOT NULL,
    org_role   text        NOT NULL CHECK (org_role IN ('owner', 'admin', 'user', 'custom_roles')),
    invited_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX invitations_email_key ON invitations (org_id, lower(email));
