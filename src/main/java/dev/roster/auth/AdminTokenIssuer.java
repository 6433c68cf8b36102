package dev.roster.auth;

import dev.roster.members.Member;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;

/**
 * Signs admin JWTs with the local key (zero-set-up runs and tests). In production the company's OIDC
 * provider issues them; the claims Roster reads are {@code sub} (member id) and {@code org_id}.
 */
@ApplicationScoped
public class AdminTokenIssuer {

    public static final String ORG_ID_CLAIM = "org_id";
    public static final String PLATFORM_ADMIN_GROUP = "platform-admin";

    public String issue(Member member, Set<String> groups) {
        return claims(member, groups).sign();
    }

    /** The same token, valid for {@code lifespan} instead of {@code smallrye.jwt.new-token.lifespan}. */
    public String issue(Member member, Set<String> groups, Duration lifespan) {
        return claims(member, groups).expiresIn(lifespan).sign();
    }

    private static JwtClaimsBuilder claims(Member member, Set<String> groups) {
        return Jwt.subject(member.id.toString())
                .upn(member.userName)
                .claim(ORG_ID_CLAIM, member.orgId.toString())
                .groups(groups);
    }
}
