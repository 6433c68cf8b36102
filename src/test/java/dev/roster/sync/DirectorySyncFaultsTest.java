package dev.roster.sync;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.roster.sync.SyncTestSupport.await;
import static dev.roster.sync.SyncTestSupport.configure;
import static dev.roster.sync.SyncTestSupport.start;
import static dev.roster.sync.SyncTestSupport.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upstream faults, injected by WireMock standing as a proxy in front of the real upstream (this server's
 * /scim/v2 for another org): a failure on page 3, throttling with Retry-After, a timeout, a malformed
 * page. Each failing run must leave the org exactly as it was and say what the upstream did.
 */
@QuarkusTest
class DirectorySyncFaultsTest {

    private static WireMockServer wireMock;

    @Inject
    TestOrgs orgs;
    @Inject
    SyncTestSupport support;

    private TestOrgs.TestOrg local;
    private SyncTestSupport.Directory directory;
    private int pageSize;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().containerThreads(20));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    /** A synced org whose upstream has since changed (so a run that got through would write). */
    @BeforeEach
    void syncedOrgWithPendingUpstreamChanges() {
        wireMock.resetAll();
        wireMock.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + RestAssured.port)));
        pageSize = ConfigProvider.getConfig().getValue("roster.sync.scim.group-page-size", Integer.class);
        local = orgs.create();
        directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, "http://localhost:" + wireMock.port() + "/scim/v2", directory.upstream.org.scimToken());
        assertEquals("succeeded", sync(local, false).getString("status"));
        directory.rename("Legal", "Legal team"); // on page 3
        directory.set("Engineering", 1, 2, 3, 4, 5, 6);
        wireMock.resetRequests();
    }

    private String page(int n) {
        return Integer.toString((n - 1) * pageSize + 1);
    }

    @Test
    void aServerErrorOnPage3FailsTheRunAndLeavesTheOrgAsItWas() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(3))).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/scim+json")
                        .withBody("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"500\",\"detail\":\"database on fire\"}")));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertEquals("upstream_error", run.getString("errors[0].code"));
        String message = run.getString("errors[0].message");
        assertTrue(message.contains("startIndex=" + page(3)) && message.contains("HTTP 500") && message.contains("database on fire")
                && message.contains("after 3 attempts") && message.contains("nothing was changed"), message);
        assertEquals(before, support.fingerprint(local.id()));
        assertEquals(0, run.getInt("counts.groupsUpdated"));
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(3))));
        assertEquals(0, support.count("SELECT count(*) FROM directory_sync_stage_memberships WHERE org_id = :orgId", Map.of("orgId", local.id())));
    }

    @Test
    void aPassingServerErrorIsRetriedAndTheRunSucceeds() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(3))).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(503)));

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(2, run.getInt("counts.groupsUpdated"));
        assertEquals(directory.expected(), support.scimGroups(local.id()));
    }

    @Test
    void throttlingIsHonouredWithRetryAfter() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(2))).atPriority(1)
                .inScenario("throttled").whenScenarioStateIs(STARTED).willSetStateTo("allowed")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        JsonPath run = sync(local, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(directory.expected(), support.scimGroups(local.id()));
        List<ServeEvent> page2 = new ArrayList<>(wireMock.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/scim/v2/Groups?startIndex=" + page(2) + "&")).toList());
        page2.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        assertEquals(2, page2.size());
        assertEquals(429, page2.get(0).getResponse().getStatus());
        long waited = page2.get(1).getRequest().getLoggedDate().getTime() - page2.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(waited >= 1000, "retried after " + waited + " ms");
    }

    @Test
    void aRetryAfterLongerThanTheServerWaitsFailsTheRun() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(2))).atPriority(1)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("errors[0].message").contains("retry after 3600 s"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
    }

    @Test
    void aTimeoutFailsTheRunAfterBoundedAttempts() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(2))).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + RestAssured.port).withFixedDelay(5000)));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("errors[0].message").contains("no complete answer within 3000 ms")
                && run.getString("errors[0].message").contains("after 3 attempts"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
    }

    @Test
    void aMalformedPageFailsTheRunAndLeavesTheOrgAsItWas() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(3))).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/scim+json")
                        .withBody("{\"totalResults\": 8, \"Resources\": [{\"id\": \"x\", \"displayName\": \"Cut off\", \"members\": [{\"val")));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("errors[0].message").contains("malformed page"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
    }

    @Test
    void aPageThatIsNotAListResponseFailsTheRun() {
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo(page(2))).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"Resources\": [{\"displayName\": \"no id\"}]}")));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("errors[0].message").contains("malformed page"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
    }

    @Test
    void aFailingUserLookupAlsoLeavesTheOrgAsItWas() {
        directory.users.add(directory.upstream.user(11));
        directory.set("Ops", 1, 3, 5, 10); // one unknown user: looked up by id
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Users")).atPriority(1).willReturn(aResponse().withStatus(502)));
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertTrue(run.getString("errors[0].message").contains("GET /Users?filter=id eq"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
    }

    @Test
    void oddUpstreamEntriesAreReportedAndTheRestApplied() {
        // a directory served entirely by WireMock: a nested group, a user without userName, a member the
        // Users endpoint does not know, and two upstream users whose userNames differ only in case
        TestOrgs.TestOrg org = orgs.create();
        wireMock.stubFor(get(urlPathEqualTo("/odd/Groups")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"itemsPerPage":1,
                         "startIndex":1,"Resources":[{"id":"g1","displayName":"Odd group","members":[
                           {"value":"u1","type":"User"},{"value":"u2"},{"value":"u3"},{"value":"u4"},{"value":"u5"},
                           {"value":"g0","type":"Group"}]}]}""")));
        wireMock.stubFor(get(urlPathEqualTo("/odd/Users")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody("""
                        {"totalResults":4,"Resources":[
                          {"id":"u1","userName":"odd-one@upstream.test","displayName":"Odd One","active":true,
                           "urn:example:vendor:2.0:User":{"badge":"7"}},
                          {"id":"u2","displayName":"No userName"},
                          {"id":"u4","userName":"Twin@upstream.test"},
                          {"id":"u5","userName":"twin@UPSTREAM.test"}]}""")));
        configure(org, "http://localhost:" + wireMock.port() + "/odd", "any-token");

        JsonPath run = sync(org, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(2, run.getInt("counts.membersCreated"), run.prettify());
        assertEquals(2, run.getInt("counts.membershipsAdded"));
        List<String> codes = run.getList("errors.code");
        assertTrue(codes.containsAll(List.of("nested_groups_ignored", "unknown_user", "member_not_created")), codes.toString());
        assertTrue(run.getString("errors.find { it.code == 'unknown_user' }.message").contains("u3"), run.prettify());
        assertEquals(Map.of("Odd group", Set.of("odd-one@upstream.test", "twin@upstream.test")),
                support.scimGroups(org.id()));
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND user_name = 'odd-one@upstream.test'"
                + " AND display_name = 'Odd One' AND external_id = 'u1' AND scim_managed", Map.of("orgId", org.id())));
    }

    // ---- item 12: the group share is known, and checked, before any user is read --------------------

    @Test
    void theGroupDeletionShareStopsTheRunBeforeAnyUserIsRead() {
        directory.delete("Sales");
        directory.delete("Design"); // 2 of 8 groups: 25 %
        directory.users.add(directory.upstream.user(11));
        directory.set("Ops", 1, 3, 5, 10); // a user the org does not know: reading users would look it up
        String before = support.fingerprint(local.id());

        JsonPath run = sync(local, false);

        assertEquals("failed", run.getString("status"));
        assertEquals("deletion_threshold", run.getString("errors[0].code"));
        assertTrue(run.getString("errors[0].message").contains("delete 2 of the organization's 8 SCIM groups")
                && run.getString("errors[0].message").contains("as soon as the groups were read"), run.getString("errors[0].message"));
        assertEquals(before, support.fingerprint(local.id()));
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/scim/v2/Users")));
    }

    // ---- item 11: never trust totalResults alone ----------------------------------------------------

    private static String groupsPage(long totalResults, String... ids) {
        StringBuilder resources = new StringBuilder();
        for (String id : ids) {
            resources.append(resources.length() == 0 ? "" : ",")
                    .append("{\"id\":\"").append(id).append("\",\"displayName\":\"Group ").append(id)
                    .append("\",\"members\":[{\"value\":\"u1\"}]}");
        }
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":" + totalResults
                + ",\"Resources\":[" + resources + "]}";
    }

    /** An upstream served by WireMock alone under {@code /<name>}: one user u1, and group pages as stubbed. */
    private TestOrgs.TestOrg stubbedUpstream(String name) {
        wireMock.stubFor(get(urlPathEqualTo("/" + name + "/Users")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody("""
                        {"totalResults":1,"Resources":[{"id":"u1","userName":"u1-%s@upstream.test","active":true}]}"""
                        .formatted(name))));
        wireMock.stubFor(get(urlPathEqualTo("/" + name + "/Groups")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody(groupsPage(0))));
        TestOrgs.TestOrg org = orgs.create();
        configure(org, "http://localhost:" + wireMock.port() + "/" + name, "any-token");
        return org;
    }

    private void stubGroupsPage(String name, String startIndex, String body) {
        wireMock.stubFor(get(urlPathEqualTo("/" + name + "/Groups")).withQueryParam("startIndex", equalTo(startIndex)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/scim+json").withBody(body)));
    }

    @Test
    void anUpstreamReportingThePageLengthAsTotalResultsIsReadToTheEnd() {
        TestOrgs.TestOrg org = stubbedUpstream("lying");
        stubGroupsPage("lying", "1", groupsPage(3, "g1", "g2", "g3")); // full page, "3 in all"
        stubGroupsPage("lying", "4", groupsPage(2, "g4", "g5"));       // short page, "2 in all": the end

        JsonPath run = sync(org, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(5, run.getInt("counts.groupsCreated"));
        assertEquals(Set.of("Group g1", "Group g2", "Group g3", "Group g4", "Group g5"), support.scimGroups(org.id()).keySet());
    }

    @Test
    void anUpstreamRepeatingItsFirstPageFailsTheRunInsteadOfLoopingOrSucceeding() {
        TestOrgs.TestOrg org = stubbedUpstream("repeating");
        wireMock.stubFor(get(urlPathEqualTo("/repeating/Groups")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody(groupsPage(9, "g1", "g2", "g3"))));

        JsonPath run = sync(org, false);

        assertEquals("failed", run.getString("status"), run.prettify());
        assertEquals("upstream_error", run.getString("errors[0].code"));
        assertTrue(run.getString("errors[0].message").contains("repeats the page at startIndex 1"), run.getString("errors[0].message"));
        assertEquals(Map.of(), support.scimGroups(org.id()));
    }

    @Test
    void aListingThatEndsBeforeTheTotalItReportsFailsTheRun() {
        TestOrgs.TestOrg org = stubbedUpstream("short");
        stubGroupsPage("short", "1", groupsPage(9, "g1", "g2", "g3"));
        wireMock.stubFor(get(urlPathEqualTo("/short/Groups")).atPriority(3).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody(groupsPage(9)))); // "9 in all", but empty

        JsonPath run = sync(org, false);

        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("errors[0].message").contains("reports totalResults 9 but served only 3 items")
                && run.getString("errors[0].message").contains("nothing was changed"), run.getString("errors[0].message"));
        assertEquals(Map.of(), support.scimGroups(org.id()));
    }

    // ---- item 14: a user the upstream no longer serves is removed, even if a group still lists it ----

    @Test
    void aKnownUserTheUpstreamNoLongerServesIsTreatedAsRemoved() {
        TestOrgs.TestOrg org = orgs.create();
        stubGroupsPage("buggy", "1", crew("u1", "u2", "u3", "u4", "u5", "u6"));
        stubUsers("buggy", "u1", "u2", "u3", "u4", "u5", "u6");
        configure(org, "http://localhost:" + wireMock.port() + "/buggy", "any-token");
        assertEquals("succeeded", sync(org, false).getString("status"));
        assertEquals(Map.of("Crew", userNames("u1", "u2", "u3", "u4", "u5", "u6")), support.scimGroups(org.id()));
        // u2 was deleted upstream, but the group still lists it (and gained u7)
        stubGroupsPage("buggy", "1", crew("u1", "u2", "u3", "u4", "u5", "u6", "u7"));
        stubUsers("buggy", "u1", "u3", "u4", "u5", "u6", "u7");

        JsonPath run = sync(org, false);

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(Map.of("Crew", userNames("u1", "u3", "u4", "u5", "u6", "u7")), support.scimGroups(org.id()));
        assertEquals(1, run.getInt("counts.membershipsRemoved"));
        assertTrue(run.getList("errors.code").contains("user_gone"), run.prettify());
        assertTrue(run.getString("errors.find { it.code == 'user_gone' }.message").contains("u2"), run.prettify());
        assertEquals(1, support.count("SELECT count(*) FROM members WHERE org_id = :orgId AND user_name = 'u2@buggy.test'",
                Map.of("orgId", org.id())));
    }

    private static String crew(String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return "{\"totalResults\":1,\"Resources\":[{\"id\":\"g1\",\"displayName\":\"Crew\",\"members\":[" + members + "]}]}";
    }

    private static Set<String> userNames(String... ids) {
        Set<String> names = new TreeSet<>();
        for (String id : ids) {
            names.add(id + "@buggy.test");
        }
        return names;
    }

    /** The upstream's Users endpoint serves these users (u1 → u1@buggy.test) on its first page, whatever the filter. */
    private void stubUsers(String name, String... ids) {
        StringBuilder resources = new StringBuilder();
        for (String id : ids) {
            resources.append(resources.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"userName\":\"")
                    .append(id).append("@").append(name).append(".test\",\"active\":true}");
        }
        wireMock.stubFor(get(urlPathEqualTo("/" + name + "/Users")).withQueryParam("startIndex", equalTo("1")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/scim+json")
                        .withBody("{\"totalResults\":" + ids.length + ",\"Resources\":[" + resources + "]}")));
        wireMock.stubFor(get(urlPathEqualTo("/" + name + "/Users")).atPriority(2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/scim+json").withBody("{\"totalResults\":" + ids.length + ",\"Resources\":[]}")));
    }

    @Test
    void concurrentStartsShareOneRun() throws Exception {
        // a slow upstream keeps the run busy while the other requests arrive
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + RestAssured.port).withFixedDelay(1500)));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            answers.add(pool.submit((Callable<Response>) () -> {
                go.await();
                return start(local, false);
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int accepted = 0;
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertTrue(response.statusCode() == 202 || response.statusCode() == 200, response.asString());
            accepted += response.statusCode() == 202 ? 1 : 0;
            ids.add(response.jsonPath().getString("id"));
        }
        pool.shutdown();

        assertEquals(1, accepted);
        assertEquals(1, ids.size());
        JsonPath run = await(local, ids.iterator().next());
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(2, support.count("SELECT count(*) FROM directory_sync_runs WHERE org_id = :orgId", Map.of("orgId", local.id())));
        assertEquals(directory.expected(), support.scimGroups(local.id()));
    }
}
