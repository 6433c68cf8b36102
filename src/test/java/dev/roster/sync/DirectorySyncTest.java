package dev.roster.sync;

import dev.roster.access.OrgRole;
import dev.roster.support.AdminFixtures;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.roster.sync.SyncTestSupport.admin;
import static dev.roster.sync.SyncTestSupport.configure;
import static dev.roster.sync.SyncTestSupport.path;
import static dev.roster.sync.SyncTestSupport.scimBase;
import static dev.roster.sync.SyncTestSupport.sync;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation (SPEC §7) against a real SCIM upstream: this server's own /scim/v2, serving another org
 * filled over HTTP. Every test works in its own pair of orgs.
 */
@QuarkusTest
class DirectorySyncTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    SyncTestSupport support;

    private record Setup(TestOrgs.TestOrg local, SyncTestSupport.Directory directory) {
    }

    private Setup standard() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, scimBase(), directory.upstream.org.scimToken());
        return new Setup(local, directory);
    }

    @Test
    void firstSyncCreatesGroupsAndMembersAndMatchesExistingMembersByUserName() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        // an existing, manually invited member whom the upstream knows under a differently cased userName
        UUID existing = orgs.addMember(local.id(), upstream.userName(3).toUpperCase(), OrgRole.ADMIN);
        UUID manual = fixtures.manualGroup(local.id(), "Local manual", List.of(local.ownerId(), existing));
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(upstream);
        upstream.user(42); // in no group: not imported
        configure(local, scimBase(), upstream.org.scimToken());
        long auditBefore = support.lastAuditId(local.id());

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals("manual", run.getString("trigger"));
        assertEquals(List.of(), run.getList("errors"));
        assertEquals(Map.of("groupsCreated", 8, "groupsUpdated", 0, "groupsDeleted", 0, "membershipsAdded", 25,
                "membershipsRemoved", 0, "membersCreated", 9, "membersSuspended", 0, "membersReactivated", 0), run.getMap("counts"));
        assertTrue(run.getString("startedAt") != null && run.getString("finishedAt") != null);
        assertEquals(directory.expected(), support.scimGroups(local.id()));
        assertEquals(Map.of("Local manual", Set.of(("owner-" + local.id() + "@example.com").toLowerCase(),
                upstream.userName(3).toLowerCase())), support.manualGroups(local.id()));
        // groups carry the upstream id as externalId; new members are scimManaged users with the upstream id
        for (Map.Entry<String, String> group : directory.groups.entrySet()) {
            assertEquals(1, support.count("SELECT count(*) FROM groups WHERE org_id = :orgId AND display_name = :displayName AND external_id = :externalId"
                    + " AND source = 'scim'", Map.of("orgId", local.id(), "displayName", group.getKey(), "externalId", group.getValue())), group.getKey());
        }
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = lower(:userName)"
                + " AND scim_managed AND org_role = 'user' AND external_id = :externalId AND display_name = 'User 0'", Map.of("orgId", local.id(), "userName", upstream.userName(0), "externalId", directory.users.get(0))));
        assertEquals(0, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = lower(:userName)", Map.of("orgId", local.id(), "userName", upstream.userName(42))));
        // the matched member keeps their row: role, userName, not claimed
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND id = :id AND org_role = 'admin'"
                + " AND NOT scim_managed AND user_name = :userName", Map.of("orgId", local.id(), "id", existing, "userName", upstream.userName(3).toUpperCase())));
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND id = :id AND org_role = 'primary_owner'"
                + " AND NOT scim_managed AND version = 1", Map.of("orgId", local.id(), "id", local.ownerId())));
        assertEquals(2, support.count("SELECT count(*) FROM group_members WHERE org_id = :orgId AND group_id = :groupId", Map.of("orgId", local.id(), "groupId", manual)));

        List<String> audit = support.auditActions(local.id(), auditBefore);
        assertEquals("member:sync.run_started", audit.get(0));
        assertEquals("sync:sync.run_finished", audit.get(audit.size() - 1));
        assertEquals(8, audit.stream().filter("sync:group.created"::equals).count());
        assertEquals(9, audit.stream().filter("sync:member.created"::equals).count());
        assertTrue(audit.stream().allMatch(a -> a.startsWith("sync:") || a.equals("member:sync.run_started")), audit.toString());

        admin(local.ownerJwt()).get(path(local.id())).then().statusCode(200)
                .body("configured", equalTo(true))
                .body("connector", equalTo("scim"))
                .body("baseUrl", equalTo(scimBase()))
                .body("lastRun.id", equalTo(run.getString("id")))
                .body("lastRun.status", equalTo("succeeded"));
    }

    @Test
    void aRepeatedSyncWithNothingChangedUpstreamWritesNothing() {
        Setup setup = standard();
        assertEquals("succeeded", sync(setup.local(), false).getString("status"));
        String before = support.fingerprint(setup.local().id());
        long auditBefore = support.lastAuditId(setup.local().id());

        JsonPath again = sync(setup.local(), false);

        assertEquals("succeeded", again.getString("status"), again.prettify());
        assertEquals(Map.of("groupsCreated", 0, "groupsUpdated", 0, "groupsDeleted", 0, "membershipsAdded", 0,
                "membershipsRemoved", 0, "membersCreated", 0, "membersSuspended", 0, "membersReactivated", 0), again.getMap("counts"));
        assertEquals(before, support.fingerprint(setup.local().id()));
        assertEquals(List.of("member:sync.run_started", "sync:sync.run_finished"),
                support.auditActions(setup.local().id(), auditBefore));
        // staging rows are gone once a run ends
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_stage_memberships WHERE org_id = :orgId", Map.of("orgId", setup.local().id())));
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_stage_groups WHERE org_id = :orgId", Map.of("orgId", setup.local().id())));
    }

    @Test
    void renamesMembershipChangesNewUsersAndDeletionsUpstreamAreApplied() {
        Setup setup = standard();
        TestOrgs.TestOrg local = setup.local();
        SyncTestSupport.Directory directory = setup.directory();
        assertEquals("succeeded", sync(local, false).getString("status"));
        // the Ops group is mapped to the admin role: its new members become admins (re-applied on change)
        String opsId = fixturesGroupId(local.id(), "Ops");
        admin(local.ownerJwt()).body(Map.of("scimGroupId", opsId, "orgRole", "admin"))
                .post("/api/v1/orgs/" + local.id() + "/group-mappings").then().statusCode(201);
        UUID engineering = UUID.fromString(fixturesGroupId(local.id(), "Engineering"));

        directory.rename("Sales", "Revenue");
        directory.set("Engineering", 1, 2, 3, 4, 5, 6);       // 0 leaves, 6 joins
        directory.users.add(directory.upstream.user(10));
        directory.set("Ops", 1, 3, 5, 10);                     // a new upstream user
        directory.delete("Empty");

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(Map.of("groupsCreated", 0, "groupsUpdated", 3, "groupsDeleted", 1, "membershipsAdded", 2,
                "membershipsRemoved", 1, "membersCreated", 1, "membersSuspended", 0, "membersReactivated", 0), run.getMap("counts"));
        assertEquals(directory.expected(), support.scimGroups(local.id()));
        // the group kept its id through the rename, and the membership change was a difference, not a rewrite
        assertEquals(1, support.count("SELECT count(*) FROM groups WHERE org_id = :orgId AND id = :id AND display_name = 'Engineering'", Map.of("orgId", local.id(), "id", engineering)));
        assertEquals(1, support.count("SELECT count(*) FROM groups WHERE org_id = :orgId AND display_name = 'Revenue' AND external_id = :externalId", Map.of("orgId", local.id(), "externalId", directory.groups.get("Revenue"))));
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = lower(:userName) AND org_role = 'admin'", Map.of("orgId", local.id(), "userName", directory.upstream.userName(10))));
        // user 0 left Engineering but stays a member of the org
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = lower(:userName)", Map.of("orgId", local.id(), "userName", directory.upstream.userName(0))));
    }

    @Test
    void aRunThatWouldDeleteTooMuchStopsBeforeWritingUnlessForced() {
        Setup setup = standard();
        TestOrgs.TestOrg local = setup.local();
        assertEquals("succeeded", sync(local, false).getString("status"));
        setup.directory().delete("Sales");
        setup.directory().delete("Design"); // 2 of 8 groups: 25 % > 20 %
        String before = support.fingerprint(local.id());

        JsonPath stopped = sync(local, false);

        assertEquals("failed", stopped.getString("status"));
        assertEquals("deletion_threshold", stopped.getString("errors[0].code"));
        assertTrue(stopped.getString("errors[0].message").contains("delete 2 of the organization's 8 SCIM groups"),
                stopped.getString("errors[0].message"));
        assertTrue(stopped.getString("errors[0].message").contains("\"force\": true"));
        assertEquals(before, support.fingerprint(local.id()));

        JsonPath forced = sync(local, true);

        assertEquals("succeeded", forced.getString("status"), forced.prettify());
        assertEquals(true, forced.getBoolean("force"));
        assertEquals(2, forced.getInt("counts.groupsDeleted"));
        assertEquals(9, forced.getInt("counts.membershipsRemoved"));
        assertEquals(setup.directory().expected(), support.scimGroups(local.id()));
    }

    @Test
    void membershipRemovalsCountTowardsTheThresholdToo() {
        Setup setup = standard();
        TestOrgs.TestOrg local = setup.local();
        assertEquals("succeeded", sync(local, false).getString("status"));
        setup.directory().set("Engineering");
        setup.directory().set("Sales"); // 12 of 25 memberships, no group deleted

        JsonPath stopped = sync(local, false);

        assertEquals("failed", stopped.getString("status"));
        assertTrue(stopped.getString("errors[0].message").contains("remove 12 of their 25 memberships"),
                stopped.getString("errors[0].message"));
    }

    @Test
    void upstreamGroupsBeyondTheCapAreReportedAndNotHalfWritten() {
        TestOrgs.TestOrg local = orgs.create();
        fixtures.manualGroup(local.id(), "Already here", List.of());
        orgs.setMaxGroups(local.id(), 4);
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, scimBase(), directory.upstream.org.scimToken());

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(3, run.getInt("counts.groupsCreated"));
        List<Map<String, String>> errors = run.getList("errors");
        assertEquals(5, errors.size(), run.prettify());
        assertTrue(errors.stream().allMatch(e -> e.get("code").equals("group_limit_reached")
                && e.get("message").contains("the limit is 4") && e.get("upstreamId") != null), errors.toString());
        assertEquals(4, support.count("SELECT count(*) FROM groups WHERE org_id = :orgId", Map.of("orgId", local.id())));
        Map<String, Set<String>> synced = support.scimGroups(local.id());
        assertEquals(3, synced.size());
        // the three that fit are the first three upstream groups, each complete
        Map<String, Set<String>> expected = directory.expected();
        synced.forEach((name, members) -> assertEquals(expected.get(name), members, name));
    }

    @Test
    void anUpstreamGroupNamedLikeAManualGroupIsReportedAndTheManualGroupUntouched() {
        TestOrgs.TestOrg local = orgs.create();
        UUID manual = fixtures.manualGroup(local.id(), "sales", List.of(local.ownerId()));
        long version = support.count("SELECT version FROM groups WHERE org_id = :orgId AND id = :id", Map.of("orgId", local.id(), "id", manual));
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, scimBase(), directory.upstream.org.scimToken());

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"));
        assertEquals(7, run.getInt("counts.groupsCreated"));
        assertEquals("name_taken", run.getString("errors[0].code"));
        assertEquals(directory.groups.get("Sales"), run.getString("errors[0].upstreamId"));
        assertEquals(Map.of("sales", Set.of(("owner-" + local.id() + "@example.com").toLowerCase())), support.manualGroups(local.id()));
        assertEquals(1, support.count("SELECT count(*) FROM groups WHERE org_id = :orgId AND id = :id AND source = 'manual' AND version = :version", Map.of("orgId", local.id(), "id", manual, "version", version)));
    }

    @Test
    void upstreamRenamesThatChainThroughAnotherGroupsNameConvergeInOneRun() {
        Setup setup = standard();
        TestOrgs.TestOrg local = setup.local();
        assertEquals("succeeded", sync(local, false).getString("status"));
        // Finance takes Legal's old name and Legal takes a new one: Finance is applied first (upstream order)
        setup.directory().rename("Legal", "Legal and Compliance");
        setup.directory().rename("Finance", "Legal");

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(List.of(), run.getList("errors"));
        assertEquals(setup.directory().expected(), support.scimGroups(local.id()));
    }

    @Test
    void aPendingInvitationGivesTheSyncedMemberItsRole() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        admin(local.ownerJwt()).body(Map.of("email", upstream.userName(2).toUpperCase(), "orgRole", "admin"))
                .post("/api/v1/orgs/" + local.id() + "/invitations").then().statusCode(201);
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(upstream);
        configure(local, scimBase(), upstream.org.scimToken());

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(10, run.getInt("counts.membersCreated"));
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = lower(:userName)"
                + " AND org_role = 'admin' AND scim_managed", Map.of("orgId", local.id(), "userName", upstream.userName(2))));
        assertEquals(9, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND org_role = 'user' AND scim_managed", Map.of("orgId", local.id())));
        assertEquals(0, support.count("SELECT count(*) FROM invitations WHERE org_id = :orgId", Map.of("orgId", local.id())));
        assertEquals(directory.expected(), support.scimGroups(local.id()));
    }

    private String fixturesGroupId(UUID orgId, String name) {
        return support.query("SELECT id FROM groups WHERE org_id = :orgId AND display_name = :displayName", row -> row.getString(1), Map.of("orgId", orgId, "displayName", name)).get(0);
    }
}
