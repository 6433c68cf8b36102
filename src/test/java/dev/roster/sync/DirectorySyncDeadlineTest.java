package dev.roster.sync;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.roster.sync.SyncTestSupport.configure;
import static dev.roster.sync.SyncTestSupport.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-run deadline (issue 11, item 15): with production patience per request (60 s, 5 attempts) a
 * hung upstream would hold a run for minutes; the run fails once nothing has progressed for
 * {@code roster.sync.deadline} (3 s here), with the org unchanged and a log line timing the phase that failed.
 */
@QuarkusTest
@TestProfile(DirectorySyncDeadlineTest.ShortDeadline.class)
class DirectorySyncDeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("roster.sync.deadline", "3s",
                    "roster.sync.http.request-timeout", "60s",
                    "roster.sync.retry.max-attempts", "5");
        }
    }

    private static WireMockServer wireMock;

    @Inject
    TestOrgs orgs;
    @Inject
    SyncTestSupport support;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().containerThreads(20));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @Test
    void aHungUpstreamFailsTheRunAtTheDeadlineWithTheOrgUnchangedAndThePhaseTimed() {
        wireMock.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://localhost:" + RestAssured.port)));
        TestOrgs.TestOrg local = orgs.create();
        SyncTestSupport.Directory directory = SyncTestSupport.Directory.standard(new SyncTestSupport.Upstream(orgs.create()));
        configure(local, "http://localhost:" + wireMock.port() + "/scim/v2", directory.upstream.org.scimToken());
        // page 2 of the groups hangs: the connection is open, no answer comes for 30 s
        wireMock.stubFor(get(urlPathEqualTo("/scim/v2/Groups")).withQueryParam("startIndex", equalTo("4")).atPriority(1)
                .willReturn(aResponse().proxiedFrom("http://localhost:" + RestAssured.port).withFixedDelay(30_000)));
        String before = support.fingerprint(local.id());
        List<String> logLines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null) {
                    logLines.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jobLog = Logger.getLogger(SyncJob.class.getName());
        jobLog.addHandler(capture);
        long start = System.nanoTime();
        try {
            JsonPath run = sync(local, false);

            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertEquals("failed", run.getString("status"), run.prettify());
            assertEquals("deadline_exceeded", run.getString("errors[0].code"));
            String message = run.getString("errors[0].message");
            assertTrue(message.contains("No progress for 3 s") && message.contains("GET /Groups?startIndex=4")
                    && message.contains("nothing was changed"), message);
            assertTrue(seconds < 20, "the run took " + seconds + " s");
            assertEquals(before, support.fingerprint(local.id()));
            String line = logLines.stream().filter(l -> l.contains(run.getString("id"))).findFirst().orElseThrow(() ->
                    new AssertionError("no log line for the run: " + logLines));
            assertTrue(line.contains("failed in") && line.contains("during read groups after") && !line.contains("after 0 ms")
                    && line.contains("deadline_exceeded"), line);
        } finally {
            jobLog.removeHandler(capture);
            wireMock.resetAll();
        }
    }
}
