package dev.roster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.PageRequest;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the audit log newest first, walking the {@code (org_id, id DESC)} index; the cursor is the
 * last id seen, so pages never shift while new events arrive.
 */
@ApplicationScoped
public class AuditEvents {

    /** {@code group.created}, or a prefix such as {@code group.*}. */
    private static final Pattern ACTION = Pattern.compile("^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$");

    private final Sql sql;
    private final ObjectMapper json;

    public AuditEvents(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    public CursorPage<AuditEvent> list(UUID orgId, Optional<String> action, Optional<String> targetId, PageRequest page) {
        StringBuilder query = new StringBuilder("""
                SELECT id, at, actor_type, actor_id, actor_name, action, target_type, target_id,
                       before::text AS before, after::text AS after
                FROM audit_events WHERE org_id = ?""");
        List<Object> params = new ArrayList<>(List.of(orgId));
        if (page.after().isPresent()) {
            query.append(" AND id < ?");
            params.add(page.longAt(0));
        }
        action.filter(a -> !a.isBlank()).ifPresent(a -> {
            if (!ACTION.matcher(a).matches()) {
                throw DomainException.invalid("action", "action is an event name such as group.created, or a prefix such as group.*");
            }
            if (a.endsWith(".*")) {
                query.append(" AND action LIKE ?");
                params.add(a.substring(0, a.length() - 1) + "%");
            } else {
                query.append(" AND action = ?");
                params.add(a);
            }
        });
        targetId.filter(t -> !t.isBlank()).ifPresent(t -> {
            query.append(" AND target_id = ?");
            params.add(t.strip());
        });
        query.append(" ORDER BY id DESC LIMIT ?");
        params.add(page.fetchSize());
        List<AuditEvent> rows = sql.query(query.toString(), this::row, params.toArray());
        return CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.id()));
    }

    private AuditEvent row(ResultSet row) throws SQLException {
        return new AuditEvent(Long.toString(row.getLong("id")), Sql.instant(row, "at"),
                new AuditEvent.ActorRef(row.getString("actor_type"), row.getString("actor_id"), row.getString("actor_name")),
                row.getString("action"),
                new AuditEvent.TargetRef(row.getString("target_type"), row.getString("target_id")),
                parse(row.getString("before")), parse(row.getString("after")));
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_events holds JSON that does not parse", e);
        }
    }
}
