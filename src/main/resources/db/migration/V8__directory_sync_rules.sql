-- Directory sync, issue 11 (items 10–15): what a run needs to suspend and reactivate members the upstream
-- deactivates, and to count it.

-- The upstream user's active flag as served (SCIM active=false: inactive; absent: active).
ALTER TABLE directory_sync_stage_users ADD COLUMN active boolean NOT NULL DEFAULT true;

-- The member is inactive because a run suspended it (or created it inactive): a run reactivates exactly
-- these when the upstream says the user is active again, never a member an admin or a SCIM client suspended.
ALTER TABLE directory_sync_user_links ADD COLUMN suspended boolean NOT NULL DEFAULT false;

ALTER TABLE directory_sync_runs
    ADD COLUMN members_suspended   integer NOT NULL DEFAULT 0,
    ADD COLUMN members_reactivated integer NOT NULL DEFAULT 0;
