package dev.roster.groups;

import dev.roster.access.AdminCaller;
import dev.roster.access.GrantRules;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.groups.GroupRequests.GroupChanges;
import dev.roster.groups.GroupRequests.NewGroup;
import dev.roster.groups.GroupRequests.NewMembers;
import dev.roster.members.Member;
import dev.roster.members.MemberService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What an admin does to groups through the admin API, one transaction each: the group rules stay in
 * {@link GroupService} (shared with SCIM and the sync job); this adds what only an admin caller brings —
 * nobody gives anyone more than they have ({@link GrantRules}): custom roles assigned, and members added to a
 * group that carries custom roles, never above the caller's own admin levels.
 */
@ApplicationScoped
public class GroupAdministration {

    private final GroupService groups;
    private final GroupRoleAssignments roles;
    private final GrantRules grantRules;
    private final MemberService members;

    public GroupAdministration(GroupService groups, GroupRoleAssignments roles, GrantRules grantRules,
                               MemberService members) {
        this.groups = groups;
        this.roles = roles;
        this.grantRules = grantRules;
        this.members = members;
    }

    @Transactional
    public Group create(AdminCaller caller, NewGroup request) {
        List<UUID> roleIds = request.customRoleIds() == null ? List.of() : request.customRoleIds();
        List<UUID> memberIds = request.memberIds() == null ? List.of() : request.memberIds();
        grantRules.requireMayAssign(caller, roleIds);
        Actor actor = caller.actor();
        Group group = adminFields(() -> groups.create(actor, request.name(), GroupSource.MANUAL, null, memberIds));
        roles.set(actor, group, roleIds);
        return group;
    }

    @Transactional
    public Group update(AdminCaller caller, String id, GroupChanges request) {
        Actor actor = caller.actor();
        Group group = groups.getForUpdate(actor, id);
        // sending the current name back (e.g. a whole edit form) is not a rename, not even of a SCIM group
        String name = request.name() == null ? null
                : request.name().orElseThrow(() -> DomainException.invalid("name", "'name' cannot be null"));
        if (name != null && !name.strip().equals(group.displayName)) {
            adminFields(() -> {
                groups.rename(actor, group, name);
                return null;
            });
        }
        if (request.customRoleIds() != null) {
            Set<UUID> added = new LinkedHashSet<>(request.customRoleIds());
            added.removeAll(roles.roleIds(caller.orgId(), group.id));
            grantRules.requireMayAssign(caller, added);
            roles.set(actor, group, request.customRoleIds());
        }
        return group;
    }

    @Transactional
    public void delete(AdminCaller caller, String id) {
        Actor actor = caller.actor();
        groups.delete(actor, groups.getForUpdate(actor, id));
    }

    @Transactional
    public Group addMembers(AdminCaller caller, String id, NewMembers request) {
        Actor actor = caller.actor();
        Group group = groups.getForUpdate(actor, id);
        grantRules.requireMayAddMembersTo(caller, group.id);
        adminFields(() -> groups.addMembers(actor, group, request.memberIds()));
        return group;
    }

    @Transactional
    public void removeMember(AdminCaller caller, String id, String memberId) {
        Actor actor = caller.actor();
        Group group = groups.getForUpdate(actor, id);
        Member member = members.get(caller.orgId(), memberId);
        groups.removeMembers(actor, group, List.of(member.id));
    }

    /** The domain names fields as SCIM does (displayName, members); the admin API calls them name, memberIds. */
    private static <T> T adminFields(Supplier<T> action) {
        try {
            return action.get();
        } catch (DomainException e) {
            if ("displayName".equals(e.field())) {
                throw new DomainException(e.code(), e.getMessage(), "name");
            }
            if ("members".equals(e.field())) {
                throw new DomainException(e.code(), e.getMessage(), "memberIds");
            }
            throw e;
        }
    }
}
