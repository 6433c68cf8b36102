package dev.roster.roles;

import dev.roster.access.explain.CapabilitySource;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.access.CustomRoleGrants;
import org.jdbi.v3.core.Jdbi;
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

    /**
     * The custom roles granting {@code :capability}, per member: {@link CustomRoleGrants#GRANTS}, the query
     * enforcement and the access explanation read too.
     */
    private static final String GRANTING = "SELECT * FROM (" + CustomRoleGrants.GRANTS + ") grants"
            + " WHERE :capability = ANY(grants.capabilities)";

    /** Active members who would gain {@code :capability}: built-in roles, or custom_roles with a granting role. */
    private static final String GAINERS = """
            FROM members m
            WHERE m.org_id = :orgId AND m.active
              AND (m.org_role <> 'custom_roles'
                   OR m.id IN (SELECT member_id FROM (%s) granting))
            """.formatted(GRANTING);

    private static final String COUNT_BY_ROLE = "SELECT m.org_role, count(*) AS gainers " + GAINERS
            + " GROUP BY m.org_role ORDER BY m.org_role";

    private static final String PAGE = "SELECT m.id, m.user_name, m.display_name, m.org_role " + GAINERS + """
             AND lower(m.user_name) > :after
            ORDER BY lower(m.user_name)
            LIMIT :limit""";

    private static final String SOURCES = GRANTING + """
             AND grants.member_id = ANY(:memberIds)
            ORDER BY grants.member_id, grants.group_id, lower(grants.role_name)""";

    private final Jdbi jdbi;
    private final CustomRoleGrants grants;
    private final OrgFeatures features;

    public FeaturePreview(Jdbi jdbi, CustomRoleGrants grants, OrgFeatures features) {
        this.jdbi = jdbi;
        this.grants = grants;
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
        jdbi.useHandle(handle -> handle.createQuery(COUNT_BY_ROLE)
                .bind("orgId", orgId).bind("capability", capability.key())
                .map((row, ctx) -> byRole.put(row.getString("org_role"), row.getLong("gainers")))
                .list());
        long total = byRole.values().stream().mapToLong(Long::longValue).sum();

        record Row(UUID id, String userName, String displayName, String role) {
        }
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery(PAGE)
                .bind("orgId", orgId).bind("capability", capability.key())
                .bind("after", page.after().map(p -> p.get(0)).orElse(""))
                .bind("limit", page.fetchSize())
                .map((row, ctx) -> new Row(row.getObject("id", UUID.class), row.getString("user_name"),
                        row.getString("display_name"), row.getString("org_role")))
                .list());

        List<UUID> customRoleMembers = rows.stream().filter(r -> OrgRole.CUSTOM_ROLES.wire().equals(r.role()))
                .map(Row::id).toList();
        Map<UUID, List<CapabilitySource>> customSources = new HashMap<>();
        if (!customRoleMembers.isEmpty()) {
            jdbi.withHandle(handle -> handle.createQuery(SOURCES)
                            .bind("orgId", orgId).bind("capability", capability.key())
                            .bindArray("memberIds", UUID.class, customRoleMembers)
                            .map((row, ctx) -> grants.grant(row))
                            .list())
                    .forEach(grant -> customSources.computeIfAbsent(grant.memberId(), k -> new ArrayList<>())
                            .add(CapabilitySource.custom(grant.roleName(), grant.groupId(), grant.roleId())));
        }
        List<Gainer> gainers = rows.stream().map(r -> new Gainer(r.id(), r.userName(), r.displayName(), r.role(),
                OrgRole.CUSTOM_ROLES.wire().equals(r.role())
                        ? List.copyOf(customSources.getOrDefault(r.id(), List.of()))
                        : List.of(CapabilitySource.builtin(r.role())))).toList();
        CursorPage<Gainer> pageOf = CursorPage.of(gainers, page.limit(), g -> PageRequest.cursor(g.userName().toLowerCase(Locale.ROOT)));
        return new Preview(capability.key(), false, total, byRole, pageOf.items(), pageOf.nextCursor());
    }
}
