package dev.roster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.Actor;
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
