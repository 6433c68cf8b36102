package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;

/** The {@code directory_sync_configs} row of an org (the token as stored: encrypted). */
@ApplicationScoped
public class SyncConfigStore {

    /** What is stored (the token still encrypted). */
    public record StoredConfig(String connector, String baseUrl, byte[] tokenCiphertext) {
    }

    static final String FIND = "SELECT connector, base_url, token_ciphertext FROM directory_sync_configs WHERE org_id = :orgId";

    static final String UPSERT = """
            INSERT INTO directory_sync_configs (org_id, connector, base_url, token_ciphertext)
            VALUES (:orgId, :connector, :baseUrl, :tokenCiphertext)
            ON CONFLICT (org_id) DO UPDATE SET connector = EXCLUDED.connector, base_url = EXCLUDED.base_url,
                token_ciphertext = EXCLUDED.token_ciphertext, updated_at = now()""";

    static final String DELETE = "DELETE FROM directory_sync_configs WHERE org_id = :orgId";

    private final Jdbi jdbi;

    public SyncConfigStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<StoredConfig> find(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("orgId", orgId)
                .map((row, context) -> new StoredConfig(row.getString("connector"), row.getString("base_url"),
                        row.getBytes("token_ciphertext")))
                .findOne());
    }

    public void save(UUID orgId, String connector, String baseUrl, byte[] tokenCiphertext) {
        jdbi.useHandle(h -> h.createUpdate(UPSERT).bind("orgId", orgId).bind("connector", connector).bind("baseUrl", baseUrl)
                .bind("tokenCiphertext", tokenCiphertext).execute());
    }

    public void delete(UUID orgId) {
        jdbi.useHandle(h -> h.createUpdate(DELETE).bind("orgId", orgId).execute());
    }
}
