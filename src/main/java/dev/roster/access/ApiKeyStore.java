package dev.roster.access;

import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code api_keys} table. Only the key's SHA-256 is stored. */
@ApplicationScoped
public class ApiKeyStore {

    private static final String COLUMNS = "id, name, admin_areas::text AS admin_areas, created_at, created_by, last_used_at, revoked_at";

    private static final String INSERT = """
            INSERT INTO api_keys (org_id, id, name, key_hash, admin_areas, created_by)
            VALUES (:orgId, :id, :name, :keyHash, :adminAreas::jsonb, :createdBy)
            RETURNING""" + " " + COLUMNS;

    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM api_keys
            WHERE org_id = :orgId AND (created_at, id) < (:beforeAt, :beforeId)
            ORDER BY created_at DESC, id DESC
            LIMIT :limit""";

    private static final String FIND = "SELECT " + COLUMNS + " FROM api_keys WHERE org_id = :orgId AND id = :id";

    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = now()
            WHERE org_id = :orgId AND id = :id AND revoked_at IS NULL""";

    private final Jdbi jdbi;
    private final CustomRoleGrants grants;

    public ApiKeyStore(Jdbi jdbi, CustomRoleGrants grants) {
        this.jdbi = jdbi;
        this.grants = grants;
    }

    public ApiKey insert(UUID orgId, UUID id, String name, String keyHash, String adminAreasJson, UUID createdBy) {
        return jdbi.withHandle(handle -> handle.createQuery(INSERT)
                .bind("orgId", orgId)
                .bind("id", id)
                .bind("name", name)
                .bind("keyHash", keyHash)
                .bind("adminAreas", adminAreasJson)
                .bind("createdBy", createdBy)
                .map((row, ctx) -> map(row))
                .one());
    }

    /** Newest first, after the keyset position {@code (beforeAt, beforeId)}. */
    public List<ApiKey> page(UUID orgId, Instant beforeAt, UUID beforeId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(PAGE)
                .bind("orgId", orgId)
                .bind("beforeAt", beforeAt)
                .bind("beforeId", beforeId)
                .bind("limit", limit)
                .map((row, ctx) -> map(row))
                .list());
    }

    public Optional<ApiKey> find(UUID orgId, UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(FIND)
                .bind("orgId", orgId)
                .bind("id", id)
                .map((row, ctx) -> map(row))
                .findOne());
    }

    /** Whether this call revoked it (false when it was already revoked). */
    public boolean revoke(UUID orgId, UUID id) {
        return jdbi.withHandle(handle -> handle.createUpdate(REVOKE).bind("orgId", orgId).bind("id", id).execute()) > 0;
    }

    private ApiKey map(ResultSet row) throws SQLException {
        return new ApiKey(row.getObject("id", UUID.class), row.getString("name"),
                grants.parse(row.getString("admin_areas")).granted(), instant(row, "created_at"),
                row.getObject("created_by", UUID.class), instant(row, "last_used_at"), instant(row, "revoked_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
