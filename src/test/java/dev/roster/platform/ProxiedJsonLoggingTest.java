package dev.roster.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.support.TestOrgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as {@code k8s/} runs it: JSON log lines and the access log, each switched on by one setting,
 * behind an ingress whose forwarded headers are trusted because its address is listed. What leaves on the
 * console is read back line by line: each is a JSON object, the request has its access-log line, and the
 * bearer token of the request is in none.
 */
@QuarkusTest
@TestProfile(ProxiedJsonLoggingTest.AsInKubernetes.class)
class ProxiedJsonLoggingTest {

    public static class AsInKubernetes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.console.json.enabled", "true",
                    "quarkus.http.access-log.enabled", "true",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    private static final Logger LOG = Logger.getLogger(ProxiedJsonLoggingTest.class);

    @Inject
    TestOrgs orgs;

    @Test
    void everyConsoleLineIsJsonWithAnAccessLogLineAndNoToken() throws Exception {
        TestOrgs.TestOrg org = orgs.create();
        String marker = "json-check-" + UUID.randomUUID();
        ConsoleHandler console = consoleHandler();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        console.setOutputStream(captured);
        try {
            given().auth().oauth2(org.scimToken()).get("/scim/v2/Users?filter=userName eq \"" + marker + "\"")
                    .then().statusCode(200);
            LOG.infof("a line with a quote \" and a newline %n in it: %s", marker);
            // the access log is written when the response has been sent: wait for it
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).contains("/scim/v2/Users") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            console.setTarget(ConsoleHandler.Target.SYSTEM_OUT);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line)); // fails on a line that is not one JSON object
            }
        }
        assertTrue(lines.stream().anyMatch(line -> line.path("message").asText().contains(marker)
                && line.path("level").asText().equals("INFO") && line.has("timestamp") && line.has("loggerName")), output);
        Optional<JsonNode> access = lines.stream()
                .filter(line -> line.path("loggerName").asText().equals("io.quarkus.http.access-log")).findFirst();
        assertTrue(access.isPresent(), output);
        assertThat(access.get().path("message").asText(), containsString("\"GET /scim/v2/Users?filter="));
        assertThat(access.get().path("message").asText(), containsString(" 200 "));
        assertThat(output, not(containsString(org.scimToken())));
    }

    @Test
    void forwardedHeadersFromATrustedProxyMakeTheUrls() {
        TestOrgs.TestOrg org = orgs.create();
        String location = given().auth().oauth2(org.scimToken()).contentType("application/scim+json")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "roster.example.com")
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"proxied-"
                        + UUID.randomUUID() + "@example.com\"}")
                .post("/scim/v2/Users").then().statusCode(201).extract().header("Location");
        assertThat(location, startsWith("https://roster.example.com/scim/v2/Users/"));
    }

    private static ConsoleHandler consoleHandler() {
        List<Handler> all = new ArrayList<>(Arrays.asList(LogContext.getLogContext().getLogger("").getHandlers()));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof ConsoleHandler console) {
                return console;
            }
            if (all.get(i) instanceof ExtHandler parent) {
                all.addAll(Arrays.asList(parent.getHandlers()));
            }
        }
        throw new AssertionError("no console handler among " + all);
    }
}
