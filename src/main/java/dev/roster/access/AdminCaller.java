package dev.roster.access;

import dev.roster.common.Actor;

import java.util.UUID;

/**
 * Who is making this admin-API request and what they may do, as the database says now (read per request, so
 * a role change or a revocation takes effect at once): a member (signed in with a JWT) or an org API key.
 *
 * @param id               the member's id, or the API key's
 * @param name             the member's userName, or the key's name
 * @param orgRole          the member's org role; {@code null} for an API key (a key is never an owner)
 * @param rights           the admin levels in force
 * @param platformOperator whether the member is a platform operator (a row in {@code platform_operators})
 */
public record AdminCaller(UUID orgId, Kind kind, UUID id, String name, OrgRole orgRole, AdminRights rights,
                          boolean platformOperator) {

    public enum Kind { MEMBER, API_KEY }

    public AccessLevel level(AdminArea area) {
        return rights.level(area);
    }

    /** An owner or the primary owner. */
    public boolean isOwner() {
        return orgRole != null && orgRole.isOwner();
    }

    /** Whether the caller is this very member. */
    public boolean is(UUID memberId) {
        return kind == Kind.MEMBER && id.equals(memberId);
    }

    /** The member making the request; {@code null} for an API key. */
    public UUID memberId() {
        return kind == Kind.MEMBER ? id : null;
    }

    /** The caller's role for messages: an org role, or "API key". */
    public String describe() {
        return kind == Kind.MEMBER ? "your role '" + orgRole.wire() + "'" : "this API key";
    }

    public Actor actor() {
        return kind == Kind.MEMBER ? Actor.member(orgId, id, name) : Actor.apiKey(orgId, id, name);
    }
}
