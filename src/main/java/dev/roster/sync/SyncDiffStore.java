package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a staged run means for the org: its statements compare the staging tables with the org's SCIM
 * groups and their memberships (read only; changes go through {@code GroupService}).
 */
@ApplicationScoped
public class SyncDiffStore {

    /** A SCIM group of the org, and whether a run keeps it. */
    public record LocalGroup(UUID id, String externalId, String name, int memberCount, boolean kept) {
    }

    /** A group of the org and its name. */
    public record NamedGroup(UUID id, String name, boolean manual) {
    }

    /**
     * The org's SCIM groups, oldest first, each with whether the run keeps it: its upstream id is staged
     * and it is the oldest group with that id.
     */
    static final String LOCAL_GROUPS = """
            SELECT g.id, g.external_id, g.display_name, g.member_count,
                   g.external_id IS NOT NULL
                   AND row_number() OVER (PARTITION BY g.external_id ORDER BY g.created_at, g.id) = 1
                   AND EXISTS (SELECT 1 FROM directory_sync_stage_groups sg
                               WHERE sg.org_id = g.org_id AND sg.run_id = :runId AND sg.upstream_id = g.external_id) AS kept
            FROM groups g WHERE g.org_id = :orgId AND g.source = 'scim'
            ORDER BY g.created_at, g.id""";

    /** Members of the group whom no upstream membership keeps. */
    static final String MEMBERS_TO_REMOVE = """
            SELECT gm.member_id FROM group_members gm
            WHERE gm.org_id = :orgId AND gm.group_id = :groupId
              AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_memberships sm
                              WHERE sm.org_id = :orgId AND sm.run_id = :runId AND sm.upstream_group_id = :upstreamId
                                AND sm.member_id = gm.member_id)""";

    /** Counted group by group with index probes, so its cost does not depend on fresh table statistics. */
    static final String COUNT_MEMBERS_TO_REMOVE = "SELECT count(*) FROM (" + MEMBERS_TO_REMOVE + ") r";

    /** Upstream members not in the group yet. */
    static final String MEMBERS_TO_ADD = """
            SELECT DISTINCT sm.member_id FROM directory_sync_stage_memberships sm
            WHERE sm.org_id = :orgId AND sm.run_id = :runId AND sm.upstream_group_id = :upstreamId AND sm.member_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM group_members gm
                              WHERE gm.org_id = :orgId AND gm.group_id = :groupId AND gm.member_id = sm.member_id)""";

    /** The resolved members of an upstream group. */
    static final String UPSTREAM_MEMBERS = """
            SELECT DISTINCT member_id FROM directory_sync_stage_memberships
            WHERE org_id = :orgId AND run_id = :runId AND upstream_group_id = :upstreamId AND member_id IS NOT NULL""";

    /** How many resolved members each upstream group has. */
    static final String UPSTREAM_MEMBER_COUNTS = """
            SELECT upstream_group_id, count(DISTINCT member_id) AS members FROM directory_sync_stage_memberships
            WHERE org_id = :orgId AND run_id = :runId AND member_id IS NOT NULL GROUP BY upstream_group_id""";

    /** How many users each upstream group lists (resolved to a member or not). */
    static final String UPSTREAM_LISTED_COUNTS = """
            SELECT upstream_group_id, count(*) AS listed FROM directory_sync_stage_memberships
            WHERE org_id = :orgId AND run_id = :runId GROUP BY upstream_group_id""";

    /** The SCIM group an upstream id maps to: the oldest with that externalId. */
    static final String GROUP_OF_UPSTREAM_ID = """
            SELECT id FROM groups WHERE org_id = :orgId AND source = 'scim' AND external_id = :upstreamId
            ORDER BY created_at, id LIMIT 1""";

    /** Every group of the org (manual ones too): whose name a rename would take. */
    static final String ALL_GROUP_NAMES = "SELECT id, display_name, source = 'manual' AS manual FROM groups WHERE org_id = :orgId";

    static final String ANY_PENDING_INVITATION = "SELECT EXISTS (SELECT 1 FROM invitations WHERE org_id = :orgId)";

    private final Jdbi jdbi;

    public SyncDiffStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<LocalGroup> localGroups(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(LOCAL_GROUPS).bind("orgId", orgId).bind("runId", runId)
                .map((row, context) -> new LocalGroup(row.getObject("id", UUID.class), row.getString("external_id"),
                        row.getString("display_name"), row.getInt("member_count"), row.getBoolean("kept")))
                .list());
    }

    public long countMembersToRemove(UUID orgId, UUID runId, UUID groupId, String upstreamId) {
        return jdbi.withHandle(h -> h.createQuery(COUNT_MEMBERS_TO_REMOVE).bind("orgId", orgId).bind("runId", runId)
                .bind("groupId", groupId).bind("upstreamId", upstreamId).mapTo(Long.class).one());
    }

    public List<UUID> membersToRemove(UUID orgId, UUID runId, UUID groupId, String upstreamId) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS_TO_REMOVE).bind("orgId", orgId).bind("runId", runId)
                .bind("groupId", groupId).bind("upstreamId", upstreamId).mapTo(UUID.class).list());
    }

    public List<UUID> membersToAdd(UUID orgId, UUID runId, UUID groupId, String upstreamId) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS_TO_ADD).bind("orgId", orgId).bind("runId", runId)
                .bind("groupId", groupId).bind("upstreamId", upstreamId).mapTo(UUID.class).list());
    }

    public List<UUID> upstreamMembers(UUID orgId, UUID runId, String upstreamId) {
        return jdbi.withHandle(h -> h.createQuery(UPSTREAM_MEMBERS).bind("orgId", orgId).bind("runId", runId)
                .bind("upstreamId", upstreamId).mapTo(UUID.class).list());
    }

    /** Upstream group id → how many resolved members it has. */
    public Map<String, Long> upstreamMemberCounts(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(UPSTREAM_MEMBER_COUNTS).bind("orgId", orgId).bind("runId", runId)
                .map((row, context) -> Map.entry(row.getString("upstream_group_id"), row.getLong("members")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Upstream group id → how many users it lists. */
    public Map<String, Long> upstreamListedCounts(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(UPSTREAM_LISTED_COUNTS).bind("orgId", orgId).bind("runId", runId)
                .map((row, context) -> Map.entry(row.getString("upstream_group_id"), row.getLong("listed")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public Optional<UUID> groupOfUpstreamId(UUID orgId, String upstreamId) {
        return jdbi.withHandle(h -> h.createQuery(GROUP_OF_UPSTREAM_ID).bind("orgId", orgId).bind("upstreamId", upstreamId)
                .mapTo(UUID.class).findOne());
    }

    public List<NamedGroup> allGroupNames(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(ALL_GROUP_NAMES).bind("orgId", orgId)
                .map((row, context) -> new NamedGroup(row.getObject("id", UUID.class), row.getString("display_name"),
                        row.getBoolean("manual")))
                .list());
    }

    public boolean anyPendingInvitation(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(ANY_PENDING_INVITATION).bind("orgId", orgId).mapTo(Boolean.class).one());
    }
}
