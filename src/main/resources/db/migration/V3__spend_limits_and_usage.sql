-- Spend limits, the org spend cap, the usage ledger and the month-to-date aggregates (SPEC §4).
--
-- Money is integer US cents (bigint), never floating point. A limit is either 'unlimited' or an
-- 'amount' (0 .. 10^12 cents); "not set" is the absence of a row. Months are calendar months in UTC,
-- stored as the date of their first day.

-- A member's individual limit: beats whatever their groups say.
CREATE TABLE member_spend_limits (
    org_id       uuid        NOT NULL,
    member_id    uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('unlimited', 'amount')),
    amount_cents bigint      CHECK (amount_cents >= 0 AND amount_cents <= 1000000000000),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, member_id),
    FOREIGN KEY (org_id, member_id) REFERENCES members (org_id, id) ON DELETE CASCADE,
    CHECK ((kind = 'amount') = (amount_cents IS NOT NULL))
);

-- A group's limit applies to each of its members (per member, not shared by the group).
CREATE TABLE group_spend_limits (
    org_id       uuid        NOT NULL,
    group_id     uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('unlimited', 'amount')),
    amount_cents bigint      CHECK (amount_cents >= 0 AND amount_cents <= 1000000000000),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, group_id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id) ON DELETE CASCADE,
    CHECK ((kind = 'amount') = (amount_cents IS NOT NULL))
);

-- The optional monthly cap on the whole org's spend.
CREATE TABLE org_spend_caps (
    org_id       uuid        PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('unlimited', 'amount')),
    amount_cents bigint      CHECK (amount_cents >= 0 AND amount_cents <= 1000000000000),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'amount') = (amount_cents IS NOT NULL))
);

-- The ledger: one row per usage event, idempotent per (org, eventId) through the primary key and
-- INSERT ... ON CONFLICT DO NOTHING. No foreign key to members: usage history outlives the member.
CREATE TABLE usage_events (
    org_id       uuid        NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    event_id     text        NOT NULL,
    member_id    uuid        NOT NULL,
    amount_cents bigint      NOT NULL CHECK (amount_cents >= 0),
    occurred_at  timestamptz NOT NULL,
    -- first day of occurred_at's calendar month in UTC
    month        date        NOT NULL CHECK (extract(day FROM month) = 1),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, event_id)
);

-- Month-to-date spend per member, maintained in the transaction that inserts the ledger rows, so that
-- authorize reads one row by primary key instead of summing the ledger.
CREATE TABLE member_monthly_spend (
    org_id      uuid   NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    member_id   uuid   NOT NULL,
    month       date   NOT NULL CHECK (extract(day FROM month) = 1),
    spent_cents bigint NOT NULL CHECK (spent_cents >= 0),
    PRIMARY KEY (org_id, member_id, month)
);

-- Month-to-date spend of the whole org (for the org spend cap), maintained the same way.
CREATE TABLE org_monthly_spend (
    org_id      uuid   NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
    month       date   NOT NULL CHECK (extract(day FROM month) = 1),
    spent_cents bigint NOT NULL CHECK (spent_cents >= 0),
    PRIMARY KEY (org_id, month)
);
