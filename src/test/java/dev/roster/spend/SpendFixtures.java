package dev.roster.spend;

import dev.roster.common.Actor;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Set-up the spend tests need that has no endpoint on this branch (groups, custom roles, suspension),
 * through the domain services (each committed in its own transaction) or SQL (auto-committed).
 */
@ApplicationScoped
public class SpendFixtures {

    public record Caller(UUID memberId, String jwt) {
    }

    private final Jdbi jdbi;
    private final GroupService groups;
    private final TestOrgs orgs;
    private final MemberService members;

    public SpendFixtures(Jdbi jdbi, GroupService groups, TestOrgs orgs, MemberService members) {
        this.members = members;
        this.jdbi = jdbi;
        this.groups = groups;
        this.orgs = orgs;
    }

    public UUID member(UUID orgId, String tag) {
        return orgs.addMember(orgId, tag + "-" + UUID.randomUUID() + "@example.com", OrgRole.USER);
    }

    public Caller caller(UUID orgId, OrgRole role) {
        UUID id = orgs.addMember(orgId, role.wire() + "-" + UUID.randomUUID() + "@example.com", role);
        return new Caller(id, orgs.jwtFor(orgId, id));
    }

    public UUID manualGroup(UUID orgId, String name, Collection<UUID> members) {
        return QuarkusTransaction.requiringNew().call(() ->
                groups.create(Actor.system(orgId), name + " " + UUID.randomUUID(), GroupSource.MANUAL, null, members).id);
    }

    public UUID scimGroup(UUID orgId, String name, Collection<UUID> members) {
        return QuarkusTransaction.requiringNew().call(() -> groups.create(Actor.scimToken(orgId, UUID.randomUUID(), "okta"),
                name + " " + UUID.randomUUID(), GroupSource.SCIM, "ext-" + UUID.randomUUID(), members).id);
    }

    /** A custom_roles member whose only group grants a custom role with these admin areas, e.g. {"billing":"view"}. */
    public Caller customRoleCaller(UUID orgId, String adminAreasJson) {
        Caller member = caller(orgId, OrgRole.CUSTOM_ROLES);
        UUID role = UUID.randomUUID();
        update("""
                INSERT INTO custom_roles (org_id, id, name, capabilities, admin_areas)
                VALUES (:orgId, :roleId, :name, '{chat}', :adminAreas::jsonb)""",
                Map.of("orgId", orgId, "roleId", role, "name", "role " + role, "adminAreas", adminAreasJson));
        UUID group = manualGroup(orgId, "admins", List.of(member.memberId()));
        update("INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) VALUES (:orgId, :groupId, :roleId)",
                Map.of("orgId", orgId, "groupId", group, "roleId", role));
        return member;
    }

    public void suspend(UUID orgId, UUID memberId) {
        update("UPDATE members SET active = false WHERE org_id = :orgId AND id = :memberId",
                Map.of("orgId", orgId, "memberId", memberId));
    }

    public void deleteMember(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() -> members.delete(Actor.system(orgId), members.find(orgId, memberId).orElseThrow()));
    }

    public void deleteGroup(UUID orgId, UUID groupId) {
        QuarkusTransaction.requiringNew().run(() -> groups.delete(Actor.system(orgId), groups.get(Actor.system(orgId), groupId.toString())));
    }

    /** A number (a count, a sum) read with named parameters; a query that finds no row is 0. */
    public long count(String query, Map<String, ?> params) {
        return jdbi.withHandle(handle -> handle.createQuery(query).bindMap(params).mapTo(Long.class).findOne().orElse(0L));
    }

    private void update(String statement, Map<String, ?> params) {
        jdbi.useHandle(handle -> handle.createUpdate(statement).bindMap(params).execute());
    }
}
