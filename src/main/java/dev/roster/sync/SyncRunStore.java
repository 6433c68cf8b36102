package dev.roster.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code directory_sync_runs} rows, in the caller's transaction. The partial unique index on active
 * runs is what makes "one run per org at a time" hold across replicas: {@link #insertQueued} answers
 * empty when another run is already queued or running.
 */
@ApplicationScoped
public class SyncRuns {

    /** What a run may record in its errors; more are summarised in one last entry. */
    static final int MAX_ERRORS = 200;

    private static final String COLUMNS = "id, seq, status, trigger, forced, requested_by, requested_at, started_at, finished_at,"
            + " groups_created, groups_updated, groups_deleted, memberships_added, memberships_removed, members_created,"
            + " errors::text AS errors";

    private final Sql sql;
    private final ObjectMapper json;

    public SyncRuns(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** A new queued run, or empty when the org already has an active one. */
    public Optional<SyncRun> insertQueued(UUID orgId, boolean force, UUID requestedBy) {
        return sql.queryOne("INSERT INTO directory_sync_runs (org_id, id, status, trigger, forced, requested_by)"
                + " VALUES (?, ?, 'queued', 'manual', ?, ?)"
                + " ON CONFLICT (org_id) WHERE status IN ('queued', 'running') DO NOTHING"
                + " RETURNING " + COLUMNS, this::run, orgId, UUID.randomUUID(), force, requestedBy);
    }

    public Optional<SyncRun> active(UUID orgId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM directory_sync_runs"
                + " WHERE org_id = ? AND status IN ('queued', 'running')", this::run, orgId);
    }

    public Optional<SyncRun> find(UUID orgId, UUID runId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM directory_sync_runs WHERE org_id = ? AND id = ?", this::run, orgId, runId);
    }

    public Optional<SyncRun> latest(UUID orgId) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM directory_sync_runs WHERE org_id = ? ORDER BY seq DESC LIMIT 1",
                this::run, orgId);
    }

    /** Newest first; the cursor is the last row's sequence number. */
    public CursorPage<SyncRun> list(UUID orgId, PageRequest page) {
        long before = page.after().isPresent() ? page.longAt(0) : Long.MAX_VALUE;
        record Row(long seq, SyncRun run) {
        }
        List<Row> rows = sql.query("SELECT " + COLUMNS + " FROM directory_sync_runs WHERE org_id = ? AND seq < ?"
                + " ORDER BY seq DESC LIMIT ?", row -> new Row(row.getLong("seq"), run(row)), orgId, before, page.fetchSize());
        CursorPage<Row> result = CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.seq()));
        return new CursorPage<>(result.items().stream().map(Row::run).toList(), result.nextCursor());
    }

    /** queued → running; false when the run is no longer queued (e.g. failed by recovery meanwhile). */
    public boolean markRunning(UUID orgId, UUID runId) {
        return sql.update("UPDATE directory_sync_runs SET status = 'running', started_at = now()"
                + " WHERE org_id = ? AND id = ? AND status = 'queued'", orgId, runId) == 1;
    }

    /** running (or queued) → succeeded/failed, with the counts and errors. */
    public void finish(UUID orgId, UUID runId, String status, SyncCounts counts, List<SyncProblem> errors) {
        sql.update("""
                UPDATE directory_sync_runs SET status = ?, finished_at = now(), started_at = COALESCE(started_at, now()),
                       groups_created = ?, groups_updated = ?, groups_deleted = ?,
                       memberships_added = ?, memberships_removed = ?, members_created = ?, errors = ?::jsonb
                WHERE org_id = ? AND id = ? AND status IN ('queued', 'running')""",
                status, counts.groupsCreated(), counts.groupsUpdated(), counts.groupsDeleted(), counts.membershipsAdded(),
                counts.membershipsRemoved(), counts.membersCreated(), toJson(errors), orgId, runId);
    }

    /** Every queued or running run of every org (server-start recovery only). */
    public List<UUID[]> allActive() {
        return sql.query("SELECT org_id, id FROM directory_sync_runs WHERE status IN ('queued', 'running')",
                row -> new UUID[]{Sql.uuid(row, "org_id"), Sql.uuid(row, "id")});
    }

    private String toJson(List<SyncProblem> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SyncRun run(ResultSet row) throws SQLException {
        List<SyncProblem> errors;
        try {
            errors = json.readValue(row.getString("errors"), new TypeReference<List<SyncProblem>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory_sync_runs.errors is not JSON", e);
        }
        return new SyncRun(Sql.uuid(row, "id"), row.getString("status"), row.getString("trigger"), row.getBoolean("forced"),
                Sql.uuid(row, "requested_by"), Sql.instant(row, "requested_at"), Sql.instant(row, "started_at"),
                Sql.instant(row, "finished_at"),
                new SyncCounts(row.getInt("groups_created"), row.getInt("groups_updated"), row.getInt("groups_deleted"),
                        row.getInt("memberships_added"), row.getInt("memberships_removed"), row.getInt("members_created")),
                errors);
    }
}
