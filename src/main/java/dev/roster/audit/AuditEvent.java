package dev.roster.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One entry of the audit log as the admin API shows it (SPEC §9). */
public record AuditEvent(String id, Instant at, ActorRef actor, String action, TargetRef target, JsonNode before,
                         JsonNode after) {

    /** Who: {@code member}, {@code scim_token}, {@code sync} or {@code system}, with id and name as they were. */
    public record ActorRef(String type, String id, String name) {
    }

    public record TargetRef(String type, String id) {
    }
}
