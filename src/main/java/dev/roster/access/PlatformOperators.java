package dev.roster.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.UUID;

/**
 * Who is a platform operator (creates orgs, changes an org's group cap, acts across orgs): a row naming the
 * member, read on every request with the caller ({@link CallerStore}). Removing the row, or the member,
 * removes the power at the next request. The bootstrap org's primary owner is the first operator.
 */
@ApplicationScoped
public class PlatformOperators {

    private static final String GRANT = """
            INSERT INTO platform_operators (org_id, member_id) VALUES (:orgId, :memberId)
            ON CONFLICT DO NOTHING""";

    private static final String REVOKE = "DELETE FROM platform_operators WHERE org_id = :orgId AND member_id = :memberId";

    private final Jdbi jdbi;

    public PlatformOperators(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void grant(UUID orgId, UUID memberId) {
        jdbi.useHandle(handle -> handle.createUpdate(GRANT).bind("orgId", orgId).bind("memberId", memberId).execute());
    }

    public void revoke(UUID orgId, UUID memberId) {
        jdbi.useHandle(handle -> handle.createUpdate(REVOKE).bind("orgId", orgId).bind("memberId", memberId).execute());
    }
}
