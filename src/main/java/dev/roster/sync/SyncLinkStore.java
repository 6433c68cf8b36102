package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.UUID;

/**
 * {@code directory_sync_user_links}: which member an upstream user is (created by a run, or matched by
 * userName), so that a re-run needs no look-up for the people it already knows.
 */
@ApplicationScoped
public class SyncLinkStore {

    /** Staged users some group references that no link resolves yet. */
    static final String REFERENCED_UNLINKED = """
            su.referenced
            AND NOT EXISTS (SELECT 1 FROM directory_sync_user_links l WHERE l.org_id = su.org_id AND l.upstream_id = su.upstream_id)""";

    /** Links the referenced, unlinked staged users to the members with their userName, case-insensitively. */
    static final String LINK_BY_USER_NAME = """
            INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
            SELECT su.org_id, su.upstream_id, m.id
            FROM directory_sync_stage_users su
            JOIN members m ON m.org_id = su.org_id AND lower(m.user_name) = lower(su.user_name)
            WHERE su.org_id = :orgId AND su.run_id = :runId AND\s""" + REFERENCED_UNLINKED + """

            ON CONFLICT DO NOTHING""";

    static final String INSERT = """
            INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
            SELECT :orgId, t.upstream_id, t.member_id FROM unnest(:upstreamIds, :memberIds) AS t(upstream_id, member_id)
            ON CONFLICT DO NOTHING""";

    static final String FORGET_ALL = "DELETE FROM directory_sync_user_links WHERE org_id = :orgId";

    static final String ANALYZE = "ANALYZE directory_sync_user_links";

    private final Jdbi jdbi;

    public SyncLinkStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Links staged users to existing members by userName; answers how many were linked. */
    public int linkByUserName(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createUpdate(LINK_BY_USER_NAME).bind("orgId", orgId).bind("runId", runId).execute());
    }

    /** Links {@code upstreamIds[i]} to {@code memberIds[i]}. */
    public void insert(UUID orgId, List<String> upstreamIds, List<UUID> memberIds) {
        if (upstreamIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate(INSERT).bind("orgId", orgId)
                .bindArray("upstreamIds", String.class, upstreamIds).bindArray("memberIds", UUID.class, memberIds)
                .execute());
    }

    /** Forgets every link of the org (its upstream changed). */
    public void forgetAll(UUID orgId) {
        jdbi.useHandle(h -> h.createUpdate(FORGET_ALL).bind("orgId", orgId).execute());
    }

    public void analyze() {
        jdbi.useHandle(h -> h.execute(ANALYZE));
    }
}
