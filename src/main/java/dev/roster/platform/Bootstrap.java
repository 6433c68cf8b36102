package dev.roster.platform;

import dev.roster.auth.AdminTokenIssuer;
import dev.roster.auth.IssuedScimToken;
import dev.roster.auth.ScimTokenService;
import dev.roster.common.Actor;
import dev.roster.common.Sql;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import dev.roster.orgs.Org;
import dev.roster.orgs.OrgService;
import dev.roster.orgs.Plan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * First start on an empty database: creates the enterprise org, its primary owner and a SCIM token,
 * and prints how to reach them. With local JWT keys, every start also writes a fresh admin JWT for
 * the bootstrap org's primary owner to {@code $ROSTER_DATA_DIR/bootstrap-admin.jwt}.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    public static final String ADMIN_JWT_FILE = "bootstrap-admin.jwt";

    private final OrgService orgs;
    private final MemberService members;
    private final ScimTokenService tokens;
    private final AdminTokenIssuer adminTokens;
    private final Sql sql;

    @ConfigProperty(name = "roster.data-dir")
    String dataDir;
    @ConfigProperty(name = "roster.bootstrap.org-name")
    String orgName;
    @ConfigProperty(name = "roster.bootstrap.owner-email")
    String ownerEmail;
    @ConfigProperty(name = "roster.bootstrap.scim-token")
    Optional<String> scimToken;
    @ConfigProperty(name = "roster.admin-jwt.local-keys")
    boolean localKeys;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost")
    String host;
    @ConfigProperty(name = "quarkus.http.port")
    int port;

    public Bootstrap(OrgService orgs, MemberService members, ScimTokenService tokens, AdminTokenIssuer adminTokens, Sql sql) {
        this.orgs = orgs;
        this.members = members;
        this.tokens = tokens;
        this.adminTokens = adminTokens;
        this.sql = sql;
    }

    void onStart(@Observes StartupEvent event) {
        Result result = QuarkusTransaction.requiringNew().call(this::bootstrapIfEmpty);
        String scimUrl = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port + "/scim/v2";
        if (result.createdToken() != null) {
            LOG.infof("Bootstrap: created org '%s' (%s) with primary owner %s", result.org().name, result.org().id, ownerEmail);
            LOG.infof("Bootstrap: SCIM base URL %s", scimUrl);
            if (scimToken.isEmpty()) {
                // printed once, on the start that generated it: it is stored only as a hash
                LOG.infof("Bootstrap: SCIM bearer token %s", result.createdToken().token());
            } else {
                LOG.info("Bootstrap: SCIM bearer token as given in ROSTER_BOOTSTRAP_SCIM_TOKEN");
            }
        }
        if (localKeys && result.owner() != null) {
            Path file = writeAdminJwt(adminTokens.issue(result.owner(), Set.of(dev.roster.auth.AdminTokenIssuer.PLATFORM_ADMIN_GROUP)));
            LOG.infof("Bootstrap: admin JWT for %s (org %s) written to %s", result.owner().userName, result.org().id, file);
        }
    }

    private record Result(Org org, Member owner, IssuedScimToken createdToken) {
    }

    private Result bootstrapIfEmpty() {
        // two replicas starting together on an empty database: one bootstraps, the other sees its org
        sql.queryOne("SELECT pg_advisory_xact_lock(hashtext('roster.bootstrap'))", row -> 1);
        List<UUID> existing = sql.query("SELECT id FROM orgs ORDER BY created_at, id LIMIT 1", row -> row.getObject(1, UUID.class));
        if (!existing.isEmpty()) {
            Org org = orgs.get(existing.get(0));
            Member owner = sql.queryOne("SELECT id FROM members WHERE org_id = ? AND org_role = 'primary_owner'",
                    row -> row.getObject(1, UUID.class), org.id).flatMap(id -> members.find(org.id, id)).orElse(null);
            return new Result(org, owner, null);
        }
        Org org = orgs.create(orgName, Plan.ENTERPRISE);
        Actor system = Actor.system(org.id);
        Member owner = members.create(system,
                new MemberProfile(ownerEmail, ownerEmail, null, true, "{}", List.of(ownerEmail)), OrgRole.PRIMARY_OWNER, false);
        IssuedScimToken token = tokens.issue(org.id, "bootstrap", scimToken.filter(t -> !t.isBlank()).orElse(null));
        return new Result(org, owner, token);
    }

    private Path writeAdminJwt(String jwt) {
        try {
            Path file = DataDirectory.resolve(dataDir).resolve(ADMIN_JWT_FILE);
            Files.writeString(file, jwt + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bootstrap admin JWT", e);
        }
    }
}
