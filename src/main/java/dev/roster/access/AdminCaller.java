package dev.roster.access;

import dev.roster.common.Actor;

import java.util.Map;
import java.util.UUID;

/**
 * The admin making this request, as the database says now (role and levels are read per request, so
 * a role change takes effect at once).
 */
public record AdminCaller(UUID orgId, UUID memberId, String userName, OrgRole orgRole,
                          Map<AdminArea, AccessLevel> levels, boolean platformAdmin) {

    public AccessLevel level(AdminArea area) {
        return levels.getOrDefault(area, AccessLevel.NONE);
    }

    public Actor actor() {
        return Actor.member(orgId, memberId, userName);
    }
}
