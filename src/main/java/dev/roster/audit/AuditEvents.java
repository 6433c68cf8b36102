package dev.roster.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the audit log newest first, walking the {@code (org_id, id DESC)} index; the cursor is the
 * last id seen, so pages never shift while new events arrive.
 */
@ApplicationScoped
public class AuditEvents {

    /** A page, newest first; {@code <filters>} holds those of the conditions below that the request uses. */
    static final String PAGE = """
            SELECT id, at, actor_type, actor_id, actor_name, action, target_type, target_id,
                   before::text AS before, after::text AS after
            FROM audit_events WHERE org_id = :orgId <filters>
            ORDER BY id DESC LIMIT :fetch""";
    static final String BEFORE_ID = "AND id < :beforeId";
    static final String ACTION_IS = "AND action = :action";
    static final String ACTION_STARTS = "AND action LIKE :actionPrefix";
    static final String TARGET_IS = "AND target_id = :targetId";

    /** {@code group.created}, or a prefix such as {@code group.*}. */
    private static final Pattern ACTION = Pattern.compile("^[a-z_]+(\\.[a-z_]+)*(\\.\\*)?$");

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public AuditEvents(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public CursorPage<AuditEvent> list(UUID orgId, Optional<String> action, Optional<String> targetId, PageRequest page) {
        List<String> filters = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (page.after().isPresent()) {
            filters.add(BEFORE_ID);
            params.put("beforeId", page.longAt(0));
        }
        action.filter(a -> !a.isBlank()).ifPresent(a -> {
            if (!ACTION.matcher(a).matches()) {
                throw DomainException.invalid("action", "action is an event name such as group.created, or a prefix such as group.*");
            }
            if (a.endsWith(".*")) {
                filters.add(ACTION_STARTS);
                params.put("actionPrefix", a.substring(0, a.length() - 1) + "%");
            } else {
                filters.add(ACTION_IS);
                params.put("action", a);
            }
        });
        targetId.filter(t -> !t.isBlank()).ifPresent(t -> {
            filters.add(TARGET_IS);
            params.put("targetId", t.strip());
        });
        List<AuditEvent> rows = jdbi.withHandle(handle -> handle.createQuery(PAGE)
                .define("filters", String.join(" ", filters))
                .bind("orgId", orgId)
                .bind("fetch", page.fetchSize())
                .bindMap(params)
                .map((row, ctx) -> new AuditEvent(Long.toString(row.getLong("id")), row.getTimestamp("at").toInstant(),
                        new AuditEvent.ActorRef(row.getString("actor_type"), row.getString("actor_id"), row.getString("actor_name")),
                        row.getString("action"),
                        new AuditEvent.TargetRef(row.getString("target_type"), row.getString("target_id")),
                        parse(row.getString("before")), parse(row.getString("after"))))
                .list());
        return CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.id()));
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
