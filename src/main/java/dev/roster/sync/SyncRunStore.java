package dev.roster.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.CursorPage;
import dev.roster.common.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code directory_sync_runs} rows. The partial unique index on active runs is what makes "one run per
 * org at a time" hold across replicas: {@link #insertQueued} answers empty when another run is already
 * queued or running. Runs in the caller's transaction, or on its own in auto-commit.
 */
@ApplicationScoped
public class SyncRunStore {

    /** What a run may record in its errors; more are summarised in one last entry. */
    static final int MAX_ERRORS = 200;

    private static final String COLUMNS = """
            id, seq, status, trigger, forced, requested_by, requested_at, started_at, finished_at,
            groups_created, groups_updated, groups_deleted, memberships_added, memberships_removed, members_created,
            members_suspended, members_reactivated, errors::text AS errors""";

    static final String INSERT_QUEUED = """
            INSERT INTO directory_sync_runs (org_id, id, status, trigger, forced, requested_by)
            VALUES (:orgId, :runId, 'queued', 'manual', :force, :requestedBy)
            ON CONFLICT (org_id) WHERE status IN ('queued', 'running') DO NOTHING
            RETURNING\s""" + COLUMNS;

    static final String ACTIVE = "SELECT " + COLUMNS
            + " FROM directory_sync_runs WHERE org_id = :orgId AND status IN ('queued', 'running')";

    static final String FIND = "SELECT " + COLUMNS + " FROM directory_sync_runs WHERE org_id = :orgId AND id = :runId";

    static final String LATEST = "SELECT " + COLUMNS + " FROM directory_sync_runs WHERE org_id = :orgId ORDER BY seq DESC LIMIT 1";

    /** Newest first, before a keyset position. */
    static final String PAGE = "SELECT " + COLUMNS
            + " FROM directory_sync_runs WHERE org_id = :orgId AND seq < :beforeSeq ORDER BY seq DESC LIMIT :limit";

    static final String MARK_RUNNING = """
            UPDATE directory_sync_runs SET status = 'running', started_at = now()
            WHERE org_id = :orgId AND id = :runId AND status = 'queued'
            RETURNING\s""" + COLUMNS;

    static final String FINISH = """
            UPDATE directory_sync_runs SET status = :status, finished_at = now(), started_at = COALESCE(started_at, now()),
                   groups_created = :groupsCreated, groups_updated = :groupsUpdated, groups_deleted = :groupsDeleted,
                   memberships_added = :membershipsAdded, memberships_removed = :membershipsRemoved,
                   members_created = :membersCreated, members_suspended = :membersSuspended,
                   members_reactivated = :membersReactivated, errors = :errors::jsonb
            WHERE org_id = :orgId AND id = :runId AND status IN ('queued', 'running')""";

    static final String ALL_ACTIVE = "SELECT org_id, id FROM directory_sync_runs WHERE status IN ('queued', 'running')";

    /** A run of some org (server-start recovery). */
    public record RunKey(UUID orgId, UUID runId) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public SyncRunStore(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** A new queued run, or empty when the org already has an active one. */
    public Optional<SyncRun> insertQueued(UUID orgId, boolean force, UUID requestedBy) {
        return jdbi.withHandle(h -> h.createQuery(INSERT_QUEUED)
                .bind("orgId", orgId).bind("runId", UUID.randomUUID()).bind("force", force).bind("requestedBy", requestedBy)
                .map(this::run).findOne());
    }

    public Optional<SyncRun> active(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(ACTIVE).bind("orgId", orgId).map(this::run).findOne());
    }

    public Optional<SyncRun> find(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(FIND).bind("orgId", orgId).bind("runId", runId).map(this::run).findOne());
    }

    public Optional<SyncRun> latest(UUID orgId) {
        return jdbi.withHandle(h -> h.createQuery(LATEST).bind("orgId", orgId).map(this::run).findOne());
    }

    /** Newest first; the cursor is the last row's sequence number. */
    public CursorPage<SyncRun> list(UUID orgId, PageRequest page) {
        long before = page.after().isPresent() ? page.longAt(0) : Long.MAX_VALUE;
        record Row(long seq, SyncRun run) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery(PAGE)
                .bind("orgId", orgId).bind("beforeSeq", before).bind("limit", page.fetchSize())
                .map((row, context) -> new Row(row.getLong("seq"), run(row, context))).list());
        CursorPage<Row> result = CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.seq()));
        return new CursorPage<>(result.items().stream().map(Row::run).toList(), result.nextCursor());
    }

    /** queued → running: the run as it now is, or empty when it is no longer queued (e.g. failed by recovery meanwhile). */
    public Optional<SyncRun> markRunning(UUID orgId, UUID runId) {
        return jdbi.withHandle(h -> h.createQuery(MARK_RUNNING).bind("orgId", orgId).bind("runId", runId).map(this::run).findOne());
    }

    /** running (or queued) → succeeded/failed, with the counts and errors. */
    public void finish(UUID orgId, UUID runId, String status, SyncCounts counts, List<SyncProblem> errors) {
        jdbi.useHandle(h -> h.createUpdate(FINISH)
                .bind("orgId", orgId).bind("runId", runId).bind("status", status)
                .bind("groupsCreated", counts.groupsCreated()).bind("groupsUpdated", counts.groupsUpdated())
                .bind("groupsDeleted", counts.groupsDeleted()).bind("membershipsAdded", counts.membershipsAdded())
                .bind("membershipsRemoved", counts.membershipsRemoved()).bind("membersCreated", counts.membersCreated())
                .bind("membersSuspended", counts.membersSuspended()).bind("membersReactivated", counts.membersReactivated())
                .bind("errors", toJson(errors))
                .execute());
    }

    /** Every queued or running run of every org (server-start recovery only). */
    public List<RunKey> allActive() {
        return jdbi.withHandle(h -> h.createQuery(ALL_ACTIVE)
                .map((row, context) -> new RunKey(row.getObject("org_id", UUID.class), row.getObject("id", UUID.class))).list());
    }

    private String toJson(List<SyncProblem> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SyncRun run(ResultSet row, StatementContext context) throws SQLException {
        List<SyncProblem> errors;
        try {
            errors = json.readValue(row.getString("errors"), new TypeReference<List<SyncProblem>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory_sync_runs.errors is not JSON", e);
        }
        return new SyncRun(row.getObject("id", UUID.class), row.getString("status"), row.getString("trigger"),
                row.getBoolean("forced"), row.getObject("requested_by", UUID.class), instant(row, "requested_at"),
                instant(row, "started_at"), instant(row, "finished_at"),
                new SyncCounts(row.getInt("groups_created"), row.getInt("groups_updated"), row.getInt("groups_deleted"),
                        row.getInt("memberships_added"), row.getInt("memberships_removed"), row.getInt("members_created"),
                        row.getInt("members_suspended"), row.getInt("members_reactivated")),
                errors);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
