package dev.roster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.Actor;
import dev.roster.common.SqlPart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Records every change, in the transaction that makes it: if the change rolls back, so does its
 * audit entry. Values are stored as JSON; secrets never reach this class.
 */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;
    private final ObjectMapper json;

    public AuditLog(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public void record(Actor actor, String action, String targetType, Object targetId, Object before, Object after) {
        em.createNativeQuery("""
                INSERT INTO audit_events (org_id, actor_type, actor_id, actor_name, action,
                                          target_type, target_id, before, after)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 AS jsonb), cast(?9 AS jsonb))""")
                .setParameter(1, actor.orgId())
                .setParameter(2, actor.type().wire())
                .setParameter(3, actor.id())
                .setParameter(4, actor.name())
                .setParameter(5, action)
                .setParameter(6, targetType)
                .setParameter(7, targetId == null ? null : targetId.toString())
                .setParameter(8, toJson(before))
                .setParameter(9, toJson(after))
                .executeUpdate();
    }

    /**
     * The audit INSERT of a change written as one SQL statement: a data-modifying CTE for the caller's
     * statement. {@code entries} is a query over that statement's other CTEs yielding the columns
     * {@code (ord, action, target_type, target_id, before, after)}, one row per entry; entries are
     * recorded in {@code ord} order (PostgreSQL runs data-modifying CTEs in no promised order, so the
     * order is given here, not by how the CTEs are written).
     */
    public SqlPart insertFrom(Actor actor, String entries) {
        return new SqlPart("""
                INSERT INTO audit_events (org_id, actor_type, actor_id, actor_name, action,
                                          target_type, target_id, before, after)
                SELECT ?, ?, ?, ?, e.action, e.target_type, e.target_id, e.before, e.after
                FROM (%s) e ORDER BY e.ord""".formatted(entries),
                java.util.Arrays.asList(actor.orgId(), actor.type().wire(), actor.id(), actor.name()));
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
    public void recordAll(Actor actor, String action, String targetType, java.util.List<Entry> entries) {
        int batch = 1000; // 3 parameters a row, well under PostgreSQL's 65,535
        if (entries.size() > batch) {
            for (int from = 0; from < entries.size(); from += batch) {
                recordAll(actor, action, targetType, entries.subList(from, Math.min(entries.size(), from + batch)));
            }
            return;
        }
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder();
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (Entry entry : entries) {
            int n = values.size();
            rows.append(rows.length() == 0 ? "" : ", ").append("(?").append(n + 7).append(", cast(?").append(n + 8)
                    .append(" AS jsonb), cast(?").append(n + 9).append(" AS jsonb))");
            values.add(entry.targetId() == null ? null : entry.targetId().toString());
            values.add(toJson(entry.before()));
            values.add(toJson(entry.after()));
        }
        var query = em.createNativeQuery("""
                INSERT INTO audit_events (org_id, actor_type, actor_id, actor_name, action,
                                          target_type, target_id, before, after)
                SELECT ?1, ?2, ?3, ?4, ?5, ?6, v.target_id, v.before, v.after
                FROM (VALUES\s""" + rows + ") AS v(target_id, before, after)")
                .setParameter(1, actor.orgId())
                .setParameter(2, actor.type().wire())
                .setParameter(3, actor.id())
                .setParameter(4, actor.name())
                .setParameter(5, action)
                .setParameter(6, targetType);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 7, values.get(i));
        }
        query.executeUpdate();
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
