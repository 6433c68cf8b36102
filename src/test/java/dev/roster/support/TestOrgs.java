package dev.roster.support;

import dev.roster.access.PlatformOperators;
import dev.roster.auth.AdminTokenIssuer;
import dev.roster.auth.ScimTokenService;
import dev.roster.common.Actor;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import dev.roster.orgs.Org;
import dev.roster.orgs.OrgService;
import dev.roster.orgs.Plan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Creates isolated organizations for tests (each test works in its own org, so tests never see each
 * other's data), with a primary owner, an admin JWT for them and a SCIM token.
 */
@ApplicationScoped
public class TestOrgs {

    public record TestOrg(UUID id, UUID ownerId, String ownerJwt, String scimToken) {
    }

    private final OrgService orgs;
    private final MemberService members;
    private final ScimTokenService tokens;
    private final AdminTokenIssuer jwts;

    private final PlatformOperators operators;

    public TestOrgs(OrgService orgs, MemberService members, ScimTokenService tokens, AdminTokenIssuer jwts,
                    PlatformOperators operators) {
        this.operators = operators;
        this.orgs = orgs;
        this.members = members;
        this.tokens = tokens;
        this.jwts = jwts;
    }

    public TestOrg create() {
        return create(Plan.ENTERPRISE);
    }

    public TestOrg create(Plan plan) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Org org = orgs.create("Test org " + UUID.randomUUID(), plan);
            Member owner = members.create(Actor.system(org.id), profile("owner-" + org.id + "@example.com"),
                    OrgRole.PRIMARY_OWNER, false);
            String scim = tokens.issue(org.id, "test", null).token();
            return new TestOrg(org.id, owner.id, jwts.issue(owner), scim);
        });
    }

    /** A member with the given role (not SCIM-managed), and nothing else. */
    public UUID addMember(UUID orgId, String email, OrgRole role) {
        return QuarkusTransaction.requiringNew().call(
                () -> members.create(Actor.system(orgId), profile(email), role, false).id);
    }

    /** An admin JWT for any member (what the company's OIDC provider would issue). */
    public String jwtFor(UUID orgId, UUID memberId) {
        return QuarkusTransaction.requiringNew().call(() -> jwts.issue(members.find(orgId, memberId).orElseThrow()));
    }

    /** A platform operator's JWT: the member is made an operator (a database row), the token is an ordinary one. */
    public String platformAdminJwt(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() -> operators.grant(orgId, memberId));
        return jwtFor(orgId, memberId);
    }

    public void revokePlatformAdmin(UUID orgId, UUID memberId) {
        QuarkusTransaction.requiringNew().run(() -> operators.revoke(orgId, memberId));
    }

    public void setMaxGroups(UUID orgId, int maxGroups) {
        QuarkusTransaction.requiringNew().run(() -> orgs.get(orgId).maxGroups = maxGroups);
    }

    private static MemberProfile profile(String email) {
        return new MemberProfile(email, email, null, true, "{}", List.of(email));
    }
}
