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
            INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id, suspended)
            SELECT :orgId, t.upstream_id, t.member_id, t.suspended
            FROM unnest(:upstreamIds, :memberIds, :suspended) AS t(upstream_id, member_id, suspended)
            ON CONFLICT DO NOTHING""";

    /** Linked members whose upstream user this run staged as inactive, not suspended by a run yet. */
    static final String TO_SUSPEND = """
            SELECT l.upstream_id, l.member_id FROM directory_sync_user_links l
            JOIN directory_sync_stage_users su ON su.org_id = l.org_id AND su.run_id = :runId AND su.upstream_id = l.upstream_id
            WHERE l.org_id = :orgId AND NOT su.active AND NOT l.suspended
            ORDER BY l.upstream_id""";

    /** Members a run suspended whose upstream user this run staged as active again. */
    static final String TO_REACTIVATE = """
            SELECT l.upstream_id, l.member_id FROM directory_sync_user_links l
            JOIN directory_sync_stage_users su ON su.org_id = l.org_id AND su.run_id = :runId AND su.upstream_id = l.upstream_id
            WHERE l.org_id = :orgId AND su.active AND l.suspended
            ORDER BY l.upstream_id""";

    static final String MARK_SUSPENDED = """
            UPDATE directory_sync_user_links SET suspended = :suspended WHERE org_id = :orgId AND upstream_id = :upstreamId""";

    static final String FORGET = "DELETE FROM directory_sync_user_links WHERE org_id = :orgId AND upstream_id = ANY(:upstreamIds)";

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

    /** An upstream user and the member it links to. */
    public record Link(String upstreamId, UUID memberId) {
    }

    /** Links {@code upstreamIds[i]} to {@code memberIds[i]}, marked suspended by the run where {@code suspended[i]}. */
    public void insert(UUID orgId, List<String> upstreamIds, List<UUID> memberIds, List<Boolean> suspended) {
        if (upstreamIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate(INSERT).bind("orgId", orgId)
                .bindArray("upstreamIds", String.class, upstreamIds).bindArray("memberIds", UUID.class, memberIds)
                .bindArray("suspended", Boolean.class, suspended).execute());
    }

    public List<Link> toSuspend(UUID orgId, UUID runId) {
        return links(TO_SUSPEND, orgId, runId);
    }

    public List<Link> toReactivate(UUID orgId, UUID runId) {
        return links(TO_REACTIVATE, orgId, runId);
    }

    /** Whether the link's member is inactive because a run made it so. */
    public void markSuspended(UUID orgId, String upstreamId, boolean suspended) {
        jdbi.useHandle(h -> h.createUpdate(MARK_SUSPENDED).bind("orgId", orgId).bind("upstreamId", upstreamId)
                .bind("suspended", suspended).execute());
    }

    /** Forgets these upstream users (the upstream no longer serves them). */
    public void forget(UUID orgId, List<String> upstreamIds) {
        jdbi.useHandle(h -> h.createUpdate(FORGET).bind("orgId", orgId).bindArray("upstreamIds", String.class, upstreamIds).execute());
    }

    private List<Link> links(String query, UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(query).bind("orgId", orgId).bind("runId", runId)
                .map((row, context) -> new Link(row.getString("upstream_id"), row.getObject("member_id", UUID.class))).list());
    }

    /** Forgets every link of the org (its upstream changed). */
    public void forgetAll(UUID orgId) {
        jdbi.useHandle(h -> h.createUpdate(FORGET_ALL).bind("orgId", orgId).execute());
    }

    public void analyze() {
        jdbi.useHandle(h -> h.execute(ANALYZE));
    }
}
