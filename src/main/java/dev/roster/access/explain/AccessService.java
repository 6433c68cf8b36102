package dev.roster.access.explain;

import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import dev.roster.access.OrgRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Assembles a member's whole effective access (SPEC §9 {@code Access}): role, active flag, capabilities
 * with their sources, admin areas, and one property per {@link AccessSection} bean (spend limit,
 * plugins, …), so that this class never needs to know the features that contribute. Sections come in
 * name order; a section that answers {@code null} is left out (it has nothing to say for this member).
 */
@ApplicationScoped
public class AccessService {

    private final Sql sql;
    private final EffectivePermissions permissions;
    private final Instance<AccessSection> sections;

    public AccessService(Sql sql, EffectivePermissions permissions, Instance<AccessSection> sections) {
        this.sql = sql;
        this.permissions = permissions;
        this.sections = sections;
    }

    private record MemberState(OrgRole role, boolean active) {
    }

    public Map<String, Object> describe(UUID orgId, UUID memberId) {
        MemberState member = sql.queryOne("SELECT org_role, active FROM members WHERE org_id = ? AND id = ?",
                        row -> new MemberState(OrgRole.fromWire(row.getString(1)).orElseThrow(), row.getBoolean(2)),
                        orgId, memberId)
                .orElseThrow(() -> DomainException.notFound("member", memberId));
        Permissions effective = permissions.of(orgId, memberId, member.role(), member.active());
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("memberId", memberId);
        access.put("orgRole", member.role().wire());
        access.put("active", member.active());
        access.put("capabilities", effective.capabilities());
        access.put("adminAreas", effective.adminAreas());
        List<AccessSection> contributed = sections.stream().sorted(Comparator.comparing(AccessSection::name)).toList();
        for (AccessSection section : contributed) {
            Object value = section.describe(orgId, memberId);
            if (value != null) {
                access.put(section.name(), value);
            }
        }
        return access;
    }
}
