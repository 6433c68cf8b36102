package dev.roster.spend;

import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import dev.roster.support.TestOrgs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Set-up the spend tests need that has no endpoint on this branch (groups, custom roles, suspension),
 * through the domain services or SQL, each committed in its own transaction.
 */
@ApplicationScoped
public class SpendFixtures {

    public record Caller(UUID memberId, String jwt) {
    }

    private final Sql sql;
    private final GroupService groups;
    private final TestOrgs orgs;
    private final MemberService members;

    public SpendFixtures(Sql sql, GroupService groups, TestOrgs orgs, MemberService members) {
        this.members = members;
        this.sql = sql;
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
        QuarkusTransaction.requiringNew().run(() -> sql.update("""
                INSERT INTO custom_roles (org_id, id, name, capabilities, admin_areas)
                VALUES (?, ?, ?, '{chat}', ?::jsonb)""", orgId, role, "role " + role, adminAreasJson));
        UUID group = manualGroup(orgId, "admins", List.of(member.memberId()));
        QuarkusTransaction.requiringNew().run(() -> sql.update(
                "INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) VALUES (?, ?, ?)", orgId, group, role));
        return member;
    }

    public void suspend(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() ->
                sql.update("UPDATE members SET active = false WHERE org_id = ? AND id = ?", orgId, memberId));
    }

    public void deleteMember(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() -> members.delete(Actor.system(orgId), members.find(orgId, memberId).orElseThrow()));
    }

    public void deleteGroup(UUID orgId, UUID groupId) {
        QuarkusTransaction.requiringNew().run(() -> groups.delete(Actor.system(orgId), groups.get(Actor.system(orgId), groupId.toString())));
    }

    public long count(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> sql.count(query, params));
    }
}
