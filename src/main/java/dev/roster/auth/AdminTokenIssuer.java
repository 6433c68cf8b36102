package dev.roster.auth;

import dev.roster.access.AdminAuthorizer;
import dev.roster.members.Member;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Signs admin JWTs with the local key (zero-set-up runs and tests). In production the organization's
 * identity provider issues them. A token says only who the member is ({@code sub}, {@code org_id}); what they
 * may do is read from the database on every request. Lifespan: {@code smallrye.jwt.new-token.lifespan}
 * (24 h) unless given.
 */
@ApplicationScoped
public class AdminTokenIssuer {

    public String issue(Member member) {
        return builder(member).sign();
    }

    public String issue(Member member, Duration lifespan) {
        return builder(member).expiresIn(lifespan).sign();
    }

    private static JwtClaimsBuilder builder(Member member) {
        return Jwt.subject(member.id.toString())
                .upn(member.userName)
                .claim(AdminAuthorizer.ORG_ID_CLAIM, member.orgId.toString());
    }
}
