package dev.roster.sync;

import dev.roster.support.TestOrgs;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Directory-sync test helpers: an upstream org filled through this server's own /scim/v2 over HTTP, the
 * admin calls of the sync API, a bounded wait for a run to finish, and a snapshot of what an org holds
 * (to show that a failed run changed nothing).
 */
@ApplicationScoped
public class SyncTestSupport {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final Jdbi jdbi;

    public SyncTestSupport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The SCIM base URL of this server (the real upstream in these tests). */
    static String scimBase() {
        return "http://localhost:" + RestAssured.port + "/scim/v2";
    }

    static RequestSpecification admin(String jwt) {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    static String path(UUID orgId) {
        return "/api/v1/orgs/" + orgId + "/directory-sync";
    }

    // ---- upstream (another org, through SCIM) -------------------------------------------------

    /** An upstream directory: another org of this server, written through its SCIM token. */
    static final class Upstream {
        final TestOrgs.TestOrg org;
        final String tag = UUID.randomUUID().toString().substring(0, 8);

        Upstream(TestOrgs.TestOrg org) {
            this.org = org;
        }

        RequestSpecification scim() {
            return given().auth().oauth2(org.scimToken()).contentType("application/scim+json");
        }

        String userName(int i) {
            return "user" + i + "-" + tag + "@upstream.test";
        }

        String user(int i) {
            return scim().body("""
                    {"schemas":["%s"],"userName":"%s","displayName":"User %d","name":{"givenName":"User","familyName":"%d"},
                     "emails":[{"value":"%s","type":"work","primary":true}],"active":true}"""
                    .formatted(USER, userName(i), i, i, userName(i)))
                    .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        }

        /** A user with this exact userName (e.g. a local member's), active or not. */
        String userNamed(String userName, boolean active) {
            return scim().body("""
                    {"schemas":["%s"],"userName":"%s","displayName":"%s","active":%s}""".formatted(USER, userName, userName, active))
                    .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        }

        /** Deactivates or reactivates a user upstream (SCIM PATCH of active). */
        void setActive(String userId, boolean active) {
            scim().body("""
                    {"schemas":["%s"],"Operations":[{"op":"replace","path":"active","value":%s}]}""".formatted(PATCH, active))
                    .patch("/scim/v2/Users/" + userId).then().statusCode(200);
        }

        void deleteUser(String userId) {
            scim().delete("/scim/v2/Users/" + userId).then().statusCode(204);
        }

        String group(String name, List<String> memberIds) {
            return scim().body(groupBody(name, memberIds)).post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        }

        void replaceGroup(String id, String name, List<String> memberIds) {
            scim().body(groupBody(name, memberIds)).put("/scim/v2/Groups/" + id).then().statusCode(200);
        }

        void deleteGroup(String id) {
            scim().delete("/scim/v2/Groups/" + id).then().statusCode(204);
        }

        private static String groupBody(String name, List<String> memberIds) {
            StringBuilder members = new StringBuilder();
            for (String id : memberIds) {
                members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
            }
            return "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + name + "\",\"members\":[" + members + "]}";
        }
    }

    /**
     * The standard upstream: users 0..9 and 8 groups (3 pages of 3 in tests) holding 25 memberships.
     * Answers the upstream ids: users[i], and groups by name.
     */
    static final class Directory {
        final Upstream upstream;
        final List<String> users = new ArrayList<>();
        final Map<String, String> groups = new TreeMap<>();
        final Map<String, List<Integer>> members = new TreeMap<>();

        Directory(Upstream upstream) {
            this.upstream = upstream;
        }

        static Directory standard(Upstream upstream) {
            Directory directory = new Directory(upstream);
            for (int i = 0; i < 10; i++) {
                directory.users.add(upstream.user(i));
            }
            directory.add("Engineering", 0, 1, 2, 3, 4, 5);
            directory.add("Sales", 4, 5, 6, 7, 8, 9);
            directory.add("Support", 0, 2, 4, 6, 8);
            directory.add("Ops", 1, 3, 5);
            directory.add("Design", 7, 8, 9);
            directory.add("Empty");
            directory.add("Finance", 1);
            directory.add("Legal", 9);
            return directory;
        }

        void add(String name, Integer... userIndexes) {
            members.put(name, new ArrayList<>(Arrays.asList(userIndexes)));
            groups.put(name, upstream.group(name, ids(members.get(name))));
        }

        void set(String name, Integer... userIndexes) {
            members.put(name, new ArrayList<>(Arrays.asList(userIndexes)));
            upstream.replaceGroup(groups.get(name), name, ids(members.get(name)));
        }

        void rename(String name, String newName) {
            String id = groups.remove(name);
            List<Integer> kept = members.remove(name);
            groups.put(newName, id);
            members.put(newName, kept);
            upstream.replaceGroup(id, newName, ids(kept));
        }

        void delete(String name) {
            upstream.deleteGroup(groups.remove(name));
            members.remove(name);
        }

        List<String> ids(List<Integer> indexes) {
            return indexes.stream().map(users::get).toList();
        }

        /** What the local org should hold after a sync: group name → lower-cased userNames. */
        Map<String, Set<String>> expected() {
            Map<String, Set<String>> expected = new TreeMap<>();
            members.forEach((name, indexes) -> {
                Set<String> names = new TreeSet<>();
                indexes.forEach(i -> names.add(upstream.userName(i).toLowerCase()));
                expected.put(name, names);
            });
            return expected;
        }
    }

    // ---- the sync API ---------------------------------------------------------------------------

    static void configure(TestOrgs.TestOrg local, String baseUrl, String token) {
        admin(local.ownerJwt()).body(Map.of("connector", "scim", "baseUrl", baseUrl, "bearerToken", token))
                .put(path(local.id())).then().statusCode(200);
    }

    static Response start(TestOrgs.TestOrg local, boolean force) {
        RequestSpecification request = admin(local.ownerJwt());
        if (force) {
            request = request.body("{\"force\":true}");
        }
        return request.post(path(local.id()) + "/runs");
    }

    /** Polls the run until it is succeeded or failed (at most 60 s). */
    static JsonPath await(TestOrgs.TestOrg local, String runId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath run = admin(local.ownerJwt()).get(path(local.id()) + "/runs/" + runId)
                    .then().statusCode(200).extract().jsonPath();
            String status = run.getString("status");
            if ("succeeded".equals(status) || "failed".equals(status)) {
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Run " + runId + " still " + status + " after 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Starts a run (which must be new: 202) and waits for it. */
    static JsonPath sync(TestOrgs.TestOrg local, boolean force) {
        String id = start(local, force).then().statusCode(202).extract().path("id");
        return await(local, id);
    }

    // ---- what an org holds ----------------------------------------------------------------------

    /** SCIM groups: name → lower-cased member userNames. */
    public Map<String, Set<String>> scimGroups(UUID orgId) {
        return groups(orgId, "scim");
    }

    public Map<String, Set<String>> manualGroups(UUID orgId) {
        return groups(orgId, "manual");
    }

    private Map<String, Set<String>> groups(UUID orgId, String source) {
        Map<String, Set<String>> groups = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT g.display_name, lower(m.user_name) AS member FROM groups g
                        LEFT JOIN group_members gm ON gm.org_id = g.org_id AND gm.group_id = g.id
                        LEFT JOIN members m ON m.org_id = gm.org_id AND m.id = gm.member_id
                        WHERE g.org_id = :orgId AND g.source = :source""")
                .bind("orgId", orgId).bind("source", source)
                .map((row, context) -> new String[]{row.getString("display_name"), row.getString("member")})
                .forEach(row -> {
                    Set<String> members = groups.computeIfAbsent(row[0], k -> new TreeSet<>());
                    if (row[1] != null) {
                        members.add(row[1]);
                    }
                }));
        return groups;
    }

    /** Everything a run could change, as text: groups (with ids, externalIds), members, memberships. */
    public String fingerprint(UUID orgId) {
        return String.join("\n", query("""
                SELECT 'group ' || g.id || ' ' || g.display_name || ' ' || g.source || ' ' || COALESCE(g.external_id, '-')
                       || ' ' || g.member_count || ' v' || g.version
                FROM groups g WHERE g.org_id = :orgId
                UNION ALL
                SELECT 'member ' || m.id || ' ' || m.user_name || ' ' || m.org_role || ' ' || m.active || ' ' || m.scim_managed
                       || ' v' || m.version
                FROM members m WHERE m.org_id = :orgId
                UNION ALL
                SELECT 'membership ' || gm.group_id || ' ' || gm.member_id FROM group_members gm WHERE gm.org_id = :orgId
                ORDER BY 1""", row -> row.getString(1), Map.of("orgId", orgId)));
    }

    /** Audit actions recorded for the org after audit event {@code afterId}, in order. */
    public List<String> auditActions(UUID orgId, long afterId) {
        return query("SELECT actor_type || ':' || action FROM audit_events WHERE org_id = :orgId AND id > :afterId ORDER BY id",
                row -> row.getString(1), Map.of("orgId", orgId, "afterId", afterId));
    }

    public long lastAuditId(UUID orgId) {
        return count("SELECT COALESCE(max(id), 0) FROM audit_events WHERE org_id = :orgId", Map.of("orgId", orgId));
    }

    /** The one number a query answers (a count, a version). */
    public long count(String query, Map<String, ?> params) {
        return jdbi.withHandle(h -> h.createQuery(query).bindMap(params).mapTo(Long.class).one());
    }

    public void update(String statement, Map<String, ?> params) {
        jdbi.useHandle(h -> h.createUpdate(statement).bindMap(params).execute());
    }

    /** A row-by-row read; the mapper sees the row only. */
    public <T> List<T> query(String query, Row<T> mapper, Map<String, ?> params) {
        return jdbi.withHandle(h -> h.createQuery(query).bindMap(params).map((RowMapper<T>) (row, context) -> mapper.map(row)).list());
    }

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }
}
