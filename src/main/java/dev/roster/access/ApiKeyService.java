package dev.roster.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.audit.AuditLog;
import dev.roster.common.BearerSecrets;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Org API keys for automation (a script or CI job starting a directory sync, the product's service posting
 * usage): {@code roster_ak_} + 256 random bits, shown once, stored as a SHA-256 hash, revocable at once.
 * A key's levels are never above its creator's, when created and at every use ({@link CallerStore}).
 */
@ApplicationScoped
public class ApiKeyService {

    /** How a key starts; how the admin API tells it from a JWT. */
    public static final String PREFIX = "roster_ak_";

    private final ApiKeyStore store;
    private final AuditLog audit;
    private final ObjectMapper json;

    public ApiKeyService(ApiKeyStore store, AuditLog audit, ObjectMapper json) {
        this.store = store;
        this.audit = audit;
        this.json = json;
    }

    static boolean looksLikeKey(String bearer) {
        return bearer.startsWith(PREFIX);
    }

    @Transactional
    public IssuedApiKey create(AdminCaller caller, CreateApiKeyRequest request) {
        if (caller.kind() == AdminCaller.Kind.API_KEY) {
            throw new DomainException(ErrorCode.FORBIDDEN, "An API key cannot create API keys; a member must");
        }
        AdminRights rights = AdminRights.fromRequest(request.adminAreas(), "adminAreas");
        GrantRules.requireWithin(caller, rights, "This API key");
        String key = BearerSecrets.generate(PREFIX);
        ApiKey created = store.insert(caller.orgId(), Ids.newId(), request.name().strip(), BearerSecrets.sha256Hex(key),
                toJson(rights.granted()), caller.memberId());
        audit.record(caller.actor(), "api_key.created", "api_key", created.id(), null,
                Map.of("name", created.name(), "adminAreas", created.adminAreas()));
        return new IssuedApiKey(created.id(), created.name(), key, created.adminAreas(), created.createdAt());
    }

    public CursorPage<ApiKey> list(UUID orgId, PageRequest page) {
        Instant beforeAt = page.after().isPresent() ? page.instantAt(0) : Instant.parse("9999-12-31T00:00:00Z");
        UUID beforeId = page.after().isPresent() ? page.uuidAt(1) : new UUID(-1, -1);
        List<ApiKey> rows = store.page(orgId, beforeAt, beforeId, page.fetchSize());
        return CursorPage.of(rows, page.limit(), key -> PageRequest.cursor(key.createdAt(), key.id()));
    }

    /** Revokes the key at once (its next request gets 401 on every replica); revoking twice is a no-op. */
    @Transactional
    public void revoke(AdminCaller caller, String id) {
        ApiKey key = Ids.parse(id).flatMap(keyId -> store.find(caller.orgId(), keyId))
                .orElseThrow(() -> DomainException.notFound("API key", id));
        if (store.revoke(caller.orgId(), key.id())) {
            audit.record(caller.actor(), "api_key.revoked", "api_key", key.id(), Map.of("name", key.name()), null);
        }
    }

    private String toJson(Map<String, String> levels) {
        try {
            return json.writeValueAsString(levels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
