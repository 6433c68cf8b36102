package dev.roster.platform;

import dev.roster.access.OrgRole;
import dev.roster.access.PlatformOperators;
import dev.roster.auth.AdminTokenIssuer;
import dev.roster.auth.IssuedScimToken;
import dev.roster.auth.ScimTokenService;
import dev.roster.common.Actor;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.orgs.Org;
import dev.roster.orgs.OrgService;
import dev.roster.orgs.Plan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * First start on an empty database: creates the enterprise org, its primary owner and a SCIM token,
 * and prints how to reach them. A generated SCIM token goes to {@code $ROSTER_DATA_DIR/bootstrap-scim.token}
 * (owner-only), never to the log. With local JWT keys, every start also writes a fresh admin JWT for
 * the bootstrap org's primary owner, valid {@code roster.bootstrap.admin-jwt-lifespan}, to
 * {@code $ROSTER_DATA_DIR/bootstrap-admin.jwt}.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    public static final String ADMIN_JWT_FILE = "bootstrap-admin.jwt";
    public static final String SCIM_TOKEN_FILE = "bootstrap-scim.token";
    private static final String LOCK = "SELECT 1 FROM pg_advisory_xact_lock(hashtext('roster.bootstrap'))";
    private static final String FIRST_ORG = "SELECT id FROM orgs ORDER BY created_at, id LIMIT 1";
    private static final String PRIMARY_OWNER = "SELECT id FROM members WHERE org_id = :orgId AND org_role = 'primary_owner'";

    private final OrgService orgs;
    private final MemberService members;
    private final ScimTokenService tokens;
    private final AdminTokenIssuer adminTokens;
    private final Jdbi jdbi;

    @ConfigProperty(name = "roster.data-dir")
    String dataDir;
    @ConfigProperty(name = "roster.bootstrap.org-name")
    String orgName;
    @ConfigProperty(name = "roster.bootstrap.owner-email")
    String ownerEmail;
    @ConfigProperty(name = "roster.bootstrap.scim-token")
    Optional<String> scimToken;
    @ConfigProperty(name = "roster.bootstrap.admin-jwt-lifespan")
    Duration adminJwtLifespan;
    @ConfigProperty(name = "roster.admin-jwt.local-keys")
    boolean localKeys;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "quarkus.http.port")
    int port;

    private final PlatformOperators operators;

    public Bootstrap(OrgService orgs, MemberService members, ScimTokenService tokens, AdminTokenIssuer adminTokens, Jdbi jdbi,
                     PlatformOperators operators) {
        this.operators = operators;
        this.orgs = orgs;
        this.members = members;
        this.tokens = tokens;
        this.adminTokens = adminTokens;
        this.jdbi = jdbi;
    }

    void onStart(@Observes StartupEvent event) {
        Result result = QuarkusTransaction.requiringNew().call(this::bootstrapIfEmpty);
        String scimUrl = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port + "/scim/v2";
        Path dir = DataDirectory.resolve(dataDir);
        if (result.createdToken() != null) {
            LOG.infof("Bootstrap: created org '%s' (%s) with primary owner %s (member %s)",
                    result.org().name, result.org().id, ownerEmail, result.owner().id);
            LOG.infof("Bootstrap: SCIM base URL %s", scimUrl);
            if (scimToken.isEmpty()) {
                // the one copy: only its hash is stored
                Path file = PrivateFiles.write(dir.resolve(SCIM_TOKEN_FILE), result.createdToken().token() + "\n");
                LOG.infof("Bootstrap: SCIM token written to %s", file);
            } else {
                LOG.info("Bootstrap: SCIM token as given in ROSTER_BOOTSTRAP_SCIM_TOKEN");
            }
        }
        if (localKeys && result.owner() != null) {
            Instant expires = Instant.now().plus(adminJwtLifespan).truncatedTo(ChronoUnit.SECONDS);
            String jwt = adminTokens.issue(result.owner(), adminJwtLifespan);
            Path file = PrivateFiles.write(dir.resolve(ADMIN_JWT_FILE), jwt + "\n");
            LOG.infof("Bootstrap: admin JWT for %s (org %s), valid until %s, written to %s",
                    result.owner().userName, result.org().id, expires, file);
        }
    }

    private record Result(Org org, Member owner, IssuedScimToken createdToken) {
    }

    private Result bootstrapIfEmpty() {
        // two replicas starting together on an empty database: one bootstraps, the other sees its org
        Optional<UUID> existing = jdbi.withHandle(h -> {
            h.createQuery(LOCK).mapTo(Integer.class).one();
            return h.createQuery(FIRST_ORG).mapTo(UUID.class).findOne();
        });
        if (existing.isPresent()) {
            Org org = orgs.get(existing.get());
            Member owner = jdbi.withHandle(h -> h.createQuery(PRIMARY_OWNER).bind("orgId", org.id).mapTo(UUID.class).findOne())
                    .flatMap(id -> members.find(org.id, id)).orElse(null);
            return new Result(org, owner, null);
        }
        Org org = orgs.create(orgName, Plan.ENTERPRISE);
        Actor system = Actor.system(org.id);
        Member owner = members.create(system,
                new MemberProfile(ownerEmail, ownerEmail, null, true, "{}", List.of(ownerEmail)), OrgRole.PRIMARY_OWNER, false);
        operators.grant(org.id, owner.id); // the first platform operator
        IssuedScimToken token = tokens.issue(org.id, "bootstrap", scimToken.filter(t -> !t.isBlank()).orElse(null));
        return new Result(org, owner, token);
    }

}
