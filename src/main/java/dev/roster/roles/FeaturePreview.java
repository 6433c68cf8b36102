package dev.roster.roles;

import dev.roster.access.explain.CapabilitySource;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.Sql;
import dev.roster.access.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The enable preview (SPEC §3): before an owner switches a feature on, exactly who would gain it now and
 * through what. Those are the active members who lack it only because it is disabled: every member with a
 * built-in role (user, admin, owner, primary owner — the article's "window" where members get a feature
 * through their old role), and every {@code custom_roles} member one of whose groups has a custom role
 * granting it. A feature already enabled (and chat) gains nobody.
 */
@ApplicationScoped
public class FeaturePreview {

    /** Active members who would gain capability ?: built-in roles, or custom_roles with a granting role. */
    private static final String GAINERS = """
            FROM members m
            WHERE m.org_id = ? AND m.active
              AND (m.org_role <> 'custom_roles' OR EXISTS (
                    SELECT 1 FROM group_members gm
                    JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
                    JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
                    WHERE gm.org_id = m.org_id AND gm.member_id = m.id AND ? = ANY(cr.capabilities)))
            """;

    private final Sql sql;
    private final OrgFeatures features;

    public FeaturePreview(Sql sql, OrgFeatures features) {
        this.sql = sql;
        this.features = features;
    }

    /** One member who would gain the feature, and every source that would grant it to them. */
    public record Gainer(UUID memberId, String userName, String displayName, String orgRole,
                         List<CapabilitySource> sources) {
    }

    /**
     * The answer: whether the feature is already enabled, how many members would gain it (in total and
     * by org role), and one page of them in userName order.
     */
    public record Preview(String key, boolean enabled, long wouldGain, Map<String, Long> wouldGainByRole,
                          List<Gainer> items, String nextCursor) {
    }

    public Preview preview(UUID orgId, String key, PageRequest page) {
        Capability capability = features.require(key);
        if (features.enabled(orgId).contains(capability.key())) {
            return new Preview(capability.key(), true, 0, Map.of(), List.of(), null);
        }
        Map<String, Long> byRole = new LinkedHashMap<>();
        sql.query("SELECT m.org_role, count(*) " + GAINERS + " GROUP BY m.org_role ORDER BY m.org_role",
                row -> byRole.put(row.getString(1), row.getLong(2)), orgId, capability.key());
        long total = byRole.values().stream().mapToLong(Long::longValue).sum();

        record Row(UUID id, String userName, String displayName, String role) {
        }
        List<Row> rows = sql.query("SELECT m.id, m.user_name, m.display_name, m.org_role " + GAINERS
                        + " AND lower(m.user_name) > ? ORDER BY lower(m.user_name) LIMIT ?",
                row -> new Row(row.getObject(1, UUID.class), row.getString(2), row.getString(3), row.getString(4)),
                orgId, capability.key(), page.after().map(p -> p.get(0)).orElse(""), page.fetchSize());

        List<UUID> customRoleMembers = rows.stream().filter(r -> OrgRole.CUSTOM_ROLES.wire().equals(r.role()))
                .map(Row::id).toList();
        Map<UUID, List<CapabilitySource>> customSources = new HashMap<>();
        if (!customRoleMembers.isEmpty()) {
            sql.query("""
                    SELECT gm.member_id, gm.group_id, cr.id, cr.name
                    FROM group_members gm
                    JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
                    JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
                    WHERE gm.org_id = ? AND gm.member_id = ANY(?::uuid[]) AND ? = ANY(cr.capabilities)
                    ORDER BY gm.member_id, gm.group_id, lower(cr.name)""",
                    row -> customSources.computeIfAbsent(row.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(CapabilitySource.custom(row.getString(4), row.getObject(2, UUID.class), row.getObject(3, UUID.class))),
                    orgId, customRoleMembers, capability.key());
        }
        List<Gainer> gainers = rows.stream().map(r -> new Gainer(r.id(), r.userName(), r.displayName(), r.role(),
                OrgRole.CUSTOM_ROLES.wire().equals(r.role())
                        ? List.copyOf(customSources.getOrDefault(r.id(), List.of()))
                        : List.of(CapabilitySource.builtin(r.role())))).toList();
        CursorPage<Gainer> pageOf = CursorPage.of(gainers, page.limit(), g -> PageRequest.cursor(g.userName().toLowerCase(Locale.ROOT)));
        return new Preview(capability.key(), false, total, byRole, pageOf.items(), pageOf.nextCursor());
    }
}
