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
import static dev.roster.sync.SyncTestSupport.scimBase;
import static dev.roster.sync.SyncTestSupport.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconcile rules of issue 11 (renames, the per-group threshold, deactivation) against a real SCIM
 * upstream: this server's own /scim/v2, serving another org filled over HTTP.
 */
@QuarkusTest
class DirectorySyncRulesTest {

    @Inject
    TestOrgs orgs;
    @Inject
    AdminFixtures fixtures;
    @Inject
    SyncTestSupport support;

    private record Setup(TestOrgs.TestOrg local, SyncTestSupport.Directory directory) {
    }

    /** A local org synced once from the standard upstream directory. */
    private Setup synced() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, scimBase(), directory.upstream.org.scimToken());
        assertEquals("succeeded", sync(local, false).getString("status"));
        return new Setup(local, directory);
    }

    private long count(String query, Map<String, ?> params) {
        return support.count(query, params);
    }

    private UUID groupId(UUID orgId, String name) {
        return support.query("SELECT id FROM groups WHERE org_id = :orgId AND display_name = :name",
                row -> row.getObject(1, UUID.class), Map.of("orgId", orgId, "name", name)).get(0);
    }

    // ---- item 10: names never hold back memberships ---------------------------------------------

    @Test
    void groupsSwappingNamesUpstreamConvergeInOneRunWithTheirMembershipChanges() {
        Setup setup = synced();
        TestOrgs.TestOrg local = setup.local();
        SyncTestSupport.Directory directory = setup.directory();
        UUID sales = groupId(local.id(), "Sales");
        UUID support = groupId(local.id(), "Support");
        // upstream: Sales → tmp, Support → Sales, tmp → Support; and each loses a member
        directory.rename("Sales", "tmp");
        directory.rename("Support", "Sales");
        directory.rename("tmp", "Support");
        directory.set("Support", 4, 5, 6, 7, 8);    // the former Sales: user 9 leaves
        directory.set("Sales", 0, 2, 4, 6);         // the former Support: user 8 leaves

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(List.of(), run.getList("errors"));
        assertEquals(2, run.getInt("counts.groupsUpdated"));
        assertEquals(2, run.getInt("counts.membershipsRemoved"));
        assertEquals(directory.expected(), this.support.scimGroups(local.id()));
        // the groups kept their ids: the former Sales group is now called Support, and the other way round
        assertEquals(sales, groupId(local.id(), "Support"));
        assertEquals(support, groupId(local.id(), "Sales"));
        List<String> audit = this.support.auditActions(local.id(), 0);
        assertEquals(2, audit.stream().filter("sync:group.renamed"::equals).count(), audit.toString());
    }

    @Test
    void aRenameOntoAManualGroupsNameKeepsTheOldNameAppliesTheMembersAndIsReportedUntilResolved() {
        Setup setup = synced();
        TestOrgs.TestOrg local = setup.local();
        SyncTestSupport.Directory directory = setup.directory();
        UUID manual = fixtures.manualGroup(local.id(), "Revenue", List.of(local.ownerId()));
        UUID sales = groupId(local.id(), "Sales");
        directory.rename("Sales", "Revenue");
        directory.set("Revenue", 4, 5, 6, 7, 8); // user 9 leaves: removed here whatever happens to the name

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(1, run.getInt("counts.membershipsRemoved"));
        assertEquals("name_taken", run.getString("errors[0].code"));
        assertEquals(directory.groups.get("Revenue"), run.getString("errors[0].upstreamId"));
        assertTrue(run.getString("errors[0].message").contains("keeps its name 'Sales'")
                && run.getString("errors[0].message").contains("manually created group"), run.getString("errors[0].message"));
        Map<String, Set<String>> expected = directory.expected();
        expected.put("Sales", expected.remove("Revenue"));
        assertEquals(expected, support.scimGroups(local.id()));
        assertEquals(sales, groupId(local.id(), "Sales"));
        assertEquals(Map.of("Revenue", Set.of(("owner-" + local.id() + "@example.com").toLowerCase())), support.manualGroups(local.id()));

        // reported again on the next run, which writes nothing
        String before = support.fingerprint(local.id());
        JsonPath again = sync(local, false);
        assertEquals("succeeded", again.getString("status"));
        assertEquals(List.of("name_taken"), again.getList("errors.code"));
        assertEquals(before, support.fingerprint(local.id()));

        // resolved: the manual group is renamed, the next run takes the name
        admin(local.ownerJwt()).body(Map.of("name", "Revenue (manual)"))
                .patch("/api/v1/orgs/" + local.id() + "/groups/" + manual).then().statusCode(200);
        JsonPath resolved = sync(local, false);
        assertEquals("succeeded", resolved.getString("status"), resolved.prettify());
        assertEquals(List.of(), resolved.getList("errors"));
        assertEquals(1, resolved.getInt("counts.groupsUpdated"));
        assertEquals(sales, groupId(local.id(), "Revenue"));
        assertEquals(directory.expected(), support.scimGroups(local.id()));
    }

    // ---- item 12: the per-group share ------------------------------------------------------------

    @Test
    void removingMostOfOneLargeGroupStopsTheRunEvenWhenTheOrgWideShareIsWithinTheThreshold() {
        Setup setup = synced();
        TestOrgs.TestOrg local = setup.local();
        // Engineering (6 members, at least group-threshold-min-members = 5 in tests) loses 5: 83 % of the group,
        // 5 of the org's 25 memberships: exactly 20 %, not more than the org-wide threshold
        setup.directory().set("Engineering", 1);
        String before = support.fingerprint(local.id());

        JsonPath stopped = sync(local, false);

        assertEquals("failed", stopped.getString("status"), stopped.prettify());
        assertEquals("deletion_threshold", stopped.getString("errors[0].code"));
        String message = stopped.getString("errors[0].message");
        assertTrue(message.contains("5 of the 6 members of 'Engineering' (83 %)") && message.contains("50 % allowed for a group of 5")
                && message.contains("\"force\": true"), message);
        assertEquals(before, support.fingerprint(local.id()));

        JsonPath forced = sync(local, true);
        assertEquals("succeeded", forced.getString("status"), forced.prettify());
        assertEquals(5, forced.getInt("counts.membershipsRemoved"));
        assertEquals(setup.directory().expected(), support.scimGroups(local.id()));
    }

    @Test
    void smallGroupsAreNotHeldToThePerGroupShare() {
        Setup setup = synced();
        setup.directory().set("Ops", 1); // 2 of 3 members (67 %), a group below the minimum size; 2 of 25 org-wide

        JsonPath run = sync(setup.local(), false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(setup.directory().expected(), support.scimGroups(setup.local().id()));
    }

    // ---- item 13: deactivation upstream suspends here ----------------------------------------------

    @Test
    void aUserDeactivatedUpstreamIsSuspendedWithMembershipsKeptAndReactivatedWhenActiveAgain() {
        Setup setup = synced();
        TestOrgs.TestOrg local = setup.local();
        SyncTestSupport.Directory directory = setup.directory();
        String userName = directory.upstream.userName(2).toLowerCase();
        long auditBefore = support.lastAuditId(local.id());
        directory.upstream.setActive(directory.users.get(2), false); // groups unchanged upstream

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(1, run.getInt("counts.membersSuspended"));
        assertEquals(List.of(), run.getList("errors"));
        assertEquals(0, count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = :userName AND active",
                Map.of("orgId", local.id(), "userName", userName)));
        assertEquals(directory.expected(), support.scimGroups(local.id())); // memberships kept
        assertTrue(support.auditActions(local.id(), auditBefore).contains("sync:member.suspended"));

        // nothing changes while the user stays inactive
        String before = support.fingerprint(local.id());
        JsonPath still = sync(local, false);
        assertEquals(0, still.getInt("counts.membersSuspended"));
        assertEquals(before, support.fingerprint(local.id()));

        directory.upstream.setActive(directory.users.get(2), true);
        JsonPath back = sync(local, false);

        assertEquals("succeeded", back.getString("status"), back.prettify());
        assertEquals(1, back.getInt("counts.membersReactivated"));
        assertEquals(1, count("SELECT count(*) FROM members WHERE org_id = :orgId AND lower(user_name) = :userName AND active",
                Map.of("orgId", local.id(), "userName", userName)));
        assertTrue(support.auditActions(local.id(), auditBefore).contains("sync:member.reactivated"));
    }

    @Test
    void aMemberSuspendedByAnAdminIsNotReactivatedByTheSync() {
        Setup setup = synced();
        TestOrgs.TestOrg local = setup.local();
        SyncTestSupport.Directory directory = setup.directory();
        UUID member = support.query("SELECT id FROM members WHERE org_id = :orgId AND lower(user_name) = :userName",
                row -> row.getObject(1, UUID.class), Map.of("orgId", local.id(), "userName", directory.upstream.userName(3).toLowerCase())).get(0);
        fixtures.suspend(local.id(), member);
        directory.upstream.setActive(directory.users.get(3), false);
        assertEquals(0, sync(local, false).getInt("counts.membersSuspended"));
        directory.upstream.setActive(directory.users.get(3), true);

        JsonPath run = sync(local, false);

        assertEquals(0, run.getInt("counts.membersReactivated"));
        assertEquals(1, count("SELECT count(*) FROM members WHERE org_id = :orgId AND id = :id AND NOT active",
                Map.of("orgId", local.id(), "id", member)));
    }

    @Test
    void anUpstreamUserInactiveFromTheStartBecomesASuspendedMemberThatTheSyncReactivatesLater() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        String inactive = upstream.userNamed("dormant-" + upstream.tag + "@upstream.test", false);
        upstream.group("Dormant", List.of(inactive, upstream.user(1)));
        configure(local, scimBase(), upstream.org.scimToken());

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(2, run.getInt("counts.membersCreated"));
        assertEquals(1, count("SELECT count(*) FROM members WHERE org_id = :orgId AND user_name = :userName AND NOT active",
                Map.of("orgId", local.id(), "userName", "dormant-" + upstream.tag + "@upstream.test")));

        upstream.setActive(inactive, true);
        JsonPath back = sync(local, false);
        assertEquals(1, back.getInt("counts.membersReactivated"), back.prettify());
    }

    @Test
    void thePrimaryOwnerIsNeverSuspendedByARunButReportedOnEachRun() {
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Upstream upstream = new SyncTestSupport.Upstream(orgs.create());
        String ownerUserName = support.query("SELECT user_name FROM members WHERE org_id = :orgId AND id = :id",
                row -> row.getString(1), Map.of("orgId", local.id(), "id", local.ownerId())).get(0);
        String owner = upstream.userNamed(ownerUserName, true);
        upstream.group("Leaders", List.of(owner, upstream.user(1)));
        configure(local, scimBase(), upstream.org.scimToken());
        assertEquals("succeeded", sync(local, false).getString("status"));
        upstream.setActive(owner, false);

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(0, run.getInt("counts.membersSuspended"));
        assertEquals(List.of("primary_owner_not_suspended"), run.getList("errors.code"));
        assertEquals(owner, run.getString("errors[0].upstreamId"));
        assertEquals(1, count("SELECT count(*) FROM members WHERE org_id = :orgId AND id = :id AND active AND org_role = :role",
                Map.of("orgId", local.id(), "id", local.ownerId(), "role", OrgRole.PRIMARY_OWNER.wire())));
        assertEquals(List.of("primary_owner_not_suspended"), sync(local, false).getList("errors.code"));
    }
}
