package dev.roster.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.sync.TokenCipher;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refuses to start on a configuration that cannot work, before anything else runs, with one line saying
 * what to fix: Quarkus prints a {@link ConfigurationException}'s message alone, without a stack trace.
 * The database is checked next, by {@link DatabaseMigration}.
 */
@ApplicationScoped
public class StartupChecks {

    static final int MIN_SCIM_TOKEN_LENGTH = 32;
    static final int MAX_SCIM_TOKEN_LENGTH = 512;
    private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);

    private final TokenCipher cipher;

    @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding")
    boolean proxyForwarding;
    @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
    Optional<List<String>> trustedProxies;
    @ConfigProperty(name = "roster.bootstrap.scim-token")
    Optional<String> bootstrapScimToken;
    @ConfigProperty(name = "roster.sync.encryption-key")
    Optional<String> encryptionKey;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> jwksLocation;

    public StartupChecks(TokenCipher cipher) {
        this.cipher = cipher;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        forwardedHeaders(proxyForwarding, trustedProxies.orElse(List.of()));
        bootstrapScimToken(bootstrapScimToken);
        encryptionKey(encryptionKey, EmbeddedDatabase.serves(jdbcUrl));
        encryptionKeyUsable();
        if (jwksLocation.isPresent()) {
            verificationKeys(jwksLocation.get());
        }
    }

    /** Forwarded headers from anyone would let any client choose its address and the host of every URL. */
    static void forwardedHeaders(boolean forwarding, List<String> trustedProxies) {
        if (forwarding && trustedProxies.stream().allMatch(String::isBlank)) {
            throw new ConfigurationException("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true trusts X-Forwarded-* and"
                    + " Forwarded headers from any client: list the proxies that set them in QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"
                    + " (addresses or CIDRs, comma-separated, e.g. 10.0.0.0/8)");
        }
    }

    static void bootstrapScimToken(Optional<String> token) {
        if (token.isEmpty() || token.get().isBlank()) {
            return;
        }
        String value = token.get();
        if (value.length() < MIN_SCIM_TOKEN_LENGTH || value.length() > MAX_SCIM_TOKEN_LENGTH
                || value.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigurationException("ROSTER_BOOTSTRAP_SCIM_TOKEN must be " + MIN_SCIM_TOKEN_LENGTH + " to "
                    + MAX_SCIM_TOKEN_LENGTH + " characters without spaces (it has " + value.length()
                    + "); generate one with: openssl rand -hex 32");
        }
    }

    /** Replicas on a shared database must share the key: one generated into each replica's data folder would not be. */
    static void encryptionKey(Optional<String> key, boolean embeddedDatabase) {
        if (!embeddedDatabase && key.map(String::isBlank).orElse(true)) {
            throw new ConfigurationException("ROSTER_SYNC_ENCRYPTION_KEY is required with an external database (every"
                    + " replica must use the same key to read directory-sync tokens); generate one with: openssl rand -base64 32");
        }
    }

    /** A malformed key (not base64, not 32 bytes) fails here, not when an owner first configures directory sync. */
    private void encryptionKeyUsable() {
        try {
            cipher.encrypt(new UUID(0, 0), "start-up check");
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new ConfigurationException("The directory-sync encryption key is unusable: " + e.getMessage()
                    + "; set ROSTER_SYNC_ENCRYPTION_KEY to base64 of 32 random bytes (openssl rand -base64 32)");
        }
    }

    /** An unreachable or empty JWKS would make every admin call fail with 401 while the server looks healthy. */
    static void verificationKeys(String location) {
        if (!location.startsWith("http://") && !location.startsWith("https://")) {
            return;
        }
        String problem;
        HttpClient client = HttpClient.newBuilder().connectTimeout(JWKS_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(location)).timeout(JWKS_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            problem = response.statusCode() != 200 ? "HTTP " + response.statusCode() : jwksProblem(response.body());
        } catch (IOException | IllegalArgumentException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem != null) {
            throw new ConfigurationException("Cannot load the admin-JWT verification keys from " + location + " (" + problem
                    + "); check MP_JWT_VERIFY_PUBLICKEY_LOCATION (the OIDC provider's JWKS URL) and that this pod may reach it");
        }
    }

    private static String jwksProblem(String body) {
        if (body.contains("-----BEGIN PUBLIC KEY-----")) {
            return null;
        }
        try {
            JsonNode keys = new ObjectMapper().readTree(body).path("keys");
            return keys.isArray() && !keys.isEmpty() ? null : "no \"keys\" in the document";
        } catch (IOException e) {
            return "not a JWKS document";
        }
    }
}
