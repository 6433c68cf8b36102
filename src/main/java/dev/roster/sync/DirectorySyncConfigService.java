package dev.roster.sync;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.sync.SyncConfigStore.StoredConfig;
import dev.roster.sync.connector.DirectoryConnectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An org's upstream directory: connector type, base URL and bearer token. The token is encrypted before
 * it reaches the database ({@link TokenCipher}) and leaves this class only towards a connector, never in
 * a view, an audit entry or a log line. Changing the upstream forgets which upstream users became which
 * members (their ids mean nothing in another directory).
 */
@ApplicationScoped
public class DirectorySyncConfigService {

    static final int MAX_URL_LENGTH = 2000;
    static final int MAX_TOKEN_LENGTH = 8192;

    /** The admin API view: never the token. */
    public record ConfigView(String connector, String baseUrl, boolean configured, SyncRun lastRun) {
    }

    private final SyncConfigStore store;
    private final SyncLinkStore links;
    private final TokenCipher cipher;
    private final AuditLog audit;
    private final SyncRunStore runs;

    public DirectorySyncConfigService(SyncConfigStore store, SyncLinkStore links, TokenCipher cipher, AuditLog audit,
                                      SyncRunStore runs) {
        this.store = store;
        this.links = links;
        this.cipher = cipher;
        this.audit = audit;
        this.runs = runs;
    }

    public Optional<StoredConfig> find(UUID orgId) {
        return store.find(orgId);
    }

    public ConfigView view(UUID orgId) {
        Optional<StoredConfig> config = find(orgId);
        return new ConfigView(config.map(StoredConfig::connector).orElse(null), config.map(StoredConfig::baseUrl).orElse(null),
                config.isPresent(), runs.latest(orgId).orElse(null));
    }

    @Transactional
    public ConfigView save(Actor actor, UUID orgId, String connector, String baseUrl, String bearerToken) {
        String type = connector == null ? DirectoryConnectors.SCIM : connector.strip().toLowerCase(Locale.ROOT);
        if (!DirectoryConnectors.TYPES.contains(type)) {
            throw DomainException.invalid("connector", "Unknown connector '" + connector + "'; supported: "
                    + String.join(", ", DirectoryConnectors.TYPES));
        }
        String url = validBaseUrl(baseUrl);
        String token = validToken(bearerToken);
        Optional<StoredConfig> before = find(orgId);
        store.save(orgId, type, url, cipher.encrypt(orgId, token));
        if (before.isPresent() && !(before.get().baseUrl().equals(url) && before.get().connector().equals(type))) {
            links.forgetAll(orgId);
        }
        Map<String, Object> after = auditView(type, url);
        after.put("bearerToken", "(set)");
        audit.record(actor, "directory_sync.configured", "directory_sync", orgId,
                before.map(b -> auditView(b.connector(), b.baseUrl())).orElse(null), after);
        return view(orgId);
    }

    /** Removes the configuration; answers false when there was none. */
    @Transactional
    public boolean remove(Actor actor, UUID orgId) {
        Optional<StoredConfig> before = find(orgId);
        if (before.isEmpty()) {
            return false;
        }
        store.delete(orgId);
        links.forgetAll(orgId);
        audit.record(actor, "directory_sync.removed", "directory_sync", orgId,
                auditView(before.get().connector(), before.get().baseUrl()), null);
        return true;
    }

    public String decryptToken(UUID orgId, StoredConfig config) throws TokenCipher.UndecryptableTokenException {
        return cipher.decrypt(orgId, config.tokenCiphertext());
    }

    private static Map<String, Object> auditView(String connector, String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("connector", connector);
        view.put("baseUrl", baseUrl);
        return view;
    }

    static String validBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw DomainException.invalid("baseUrl", "baseUrl is required (the upstream's SCIM base URL, e.g. https://idp.example.com/scim/v2)");
        }
        String text = baseUrl.strip();
        if (text.length() > MAX_URL_LENGTH) {
            throw DomainException.invalid("baseUrl", "baseUrl is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw DomainException.invalid("baseUrl", "baseUrl is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw DomainException.invalid("baseUrl", "baseUrl must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw DomainException.invalid("baseUrl", "baseUrl must not carry credentials; send the token as bearerToken");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw DomainException.invalid("baseUrl", "baseUrl must not have a query or a fragment");
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String validToken(String token) {
        if (token == null || token.isBlank()) {
            throw DomainException.invalid("bearerToken", "bearerToken is required");
        }
        String text = token.strip();
        if (text.length() > MAX_TOKEN_LENGTH) {
            throw DomainException.invalid("bearerToken", "bearerToken is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw DomainException.invalid("bearerToken", "bearerToken may contain only visible ASCII characters");
            }
        }
        return text;
    }
}
