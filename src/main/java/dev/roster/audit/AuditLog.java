package dev.roster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.Actor;
import dev.roster.common.SqlPart;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records every change, in the transaction that makes it: if the change rolls back, so does its
 * audit entry. Values are stored as JSON; secrets never reach this class.
 */
@ApplicationScoped
public class AuditLog {

    /** Entries in the order given (unnest keeps the arrays' order; ids are generated in that order). */
    private static final String INSERT_ALL = """
            INSERT INTO audit_events (org_id, actor_type, actor_id, actor_name, action,
                                      target_type, target_id, before, after)
            SELECT :orgId, :actorType, :actorId, :actorName, :action, :targetType,
                   e.target_id, e.before::jsonb, e.after::jsonb
            FROM unnest(:targetIds, :befores, :afters) WITH ORDINALITY AS e(target_id, before, after, ord)
            ORDER BY e.ord""";

    /** Placeholder: the entries query of {@link #insertFrom}. */
    private static final String INSERT_FROM = """
            INSERT INTO audit_events (org_id, actor_type, actor_id, actor_name, action,
                                      target_type, target_id, before, after)
            SELECT :auditOrgId, :auditActorType, :auditActorId, :auditActorName,
                   e.action, e.target_type, e.target_id, e.before, e.after
            FROM (%s) e ORDER BY e.ord""";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public AuditLog(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public void record(Actor actor, String action, String targetType, Object targetId, Object before, Object after) {
        recordAll(actor, action, targetType, List.of(new Entry(targetId, before, after)));
    }

    /**
     * The audit INSERT of a change written as one SQL statement: a data-modifying CTE for the caller's
     * statement. {@code entries} is a query over that statement's other CTEs yielding the columns
     * {@code (ord, action, target_type, target_id, before, after)}, one row per entry; entries are
     * recorded in {@code ord} order (PostgreSQL runs data-modifying CTEs in no promised order, so the
     * order is given here, not by how the CTEs are written). The part's own parameters are named
     * {@code :audit…}; the caller binds them with its statement's.
     */
    public SqlPart insertFrom(Actor actor, String entries) {
        Map<String, Object> params = new HashMap<>();
        params.put("auditOrgId", actor.orgId());
        params.put("auditActorType", actor.type().wire());
        params.put("auditActorId", actor.id());
        params.put("auditActorName", actor.name());
        return new SqlPart(INSERT_FROM.formatted(entries), params);
    }

    /** A value as the JSON text {@link #record} would store for it. */
    public String json(Object value) {
        return toJson(value);
    }

    /** One change of many recorded at once by {@link #recordAll}. */
    public record Entry(Object targetId, Object before, Object after) {
    }

    /**
     * Records the same action on many targets in one statement (bulk imports such as the sync job's
     * first run), in the order given; otherwise exactly what {@link #record} would write for each.
     */
    public void recordAll(Actor actor, String action, String targetType, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<String> targetIds = new ArrayList<>(entries.size());
        List<String> befores = new ArrayList<>(entries.size());
        List<String> afters = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            targetIds.add(entry.targetId() == null ? null : entry.targetId().toString());
            befores.add(toJson(entry.before()));
            afters.add(toJson(entry.after()));
        }
        jdbi.useHandle(handle -> handle.createUpdate(INSERT_ALL)
                .bind("orgId", actor.orgId())
                .bind("actorType", actor.type().wire())
                .bind("actorId", actor.id())
                .bind("actorName", actor.name())
                .bind("action", action)
                .bind("targetType", targetType)
                .bindArray("targetIds", String.class, targetIds)
                .bindArray("befores", String.class, befores)
                .bindArray("afters", String.class, afters)
                .execute());
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            return text;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit value is not serialisable", e);
        }
    }
}
