package dev.roster.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.DomainException;
import dev.roster.common.Limit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code {"events":[{eventId, memberId, amountCents, occurredAt}, …]}}. Any bad event refuses the
 * whole batch ({@code 400 validation_failed} naming e.g. {@code events[3].amountCents}), so that a batch
 * is counted entirely or not at all.
 */
public final class UsageEventsRequest {

    /** Events per request; a bigger batch is refused, not truncated. */
    public static final int MAX_EVENTS = 1000;
    public static final int MAX_EVENT_ID_LENGTH = 255;
    /** Per event: far above any real request's cost, far below what could overflow a month's sum. */
    public static final long MAX_EVENT_CENTS = Limit.MAX_AMOUNT_CENTS;
    private static final Set<String> EVENT_FIELDS = Set.of("eventId", "memberId", "amountCents", "occurredAt");

    private UsageEventsRequest() {
    }

    public static List<UsageEvent> parse(JsonNode body) {
        SpendJson.object(body);
        SpendJson.onlyFields(body, "", Set.of("events"));
        JsonNode events = body.get("events");
        if (events == null || events.isNull()) {
            throw DomainException.invalid("events", "'events' is required: an array of {eventId, memberId, amountCents, occurredAt}");
        }
        if (!events.isArray()) {
            throw DomainException.invalid("events", "'events' must be an array");
        }
        if (events.size() > MAX_EVENTS) {
            throw DomainException.invalid("events", "A batch holds at most " + MAX_EVENTS + " events; got " + events.size()
                    + ". Split it into several requests");
        }
        List<UsageEvent> parsed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            parsed.add(event(events.get(i), "events[" + i + "]."));
        }
        return parsed;
    }

    private static UsageEvent event(JsonNode event, String path) {
        if (!event.isObject()) {
            throw DomainException.invalid(path.substring(0, path.length() - 1), "Each event must be an object {eventId, memberId, amountCents, occurredAt}");
        }
        SpendJson.onlyFields(event, path, EVENT_FIELDS);
        return new UsageEvent(eventId(event.get("eventId"), path + "eventId"),
                SpendJson.id(event.get("memberId"), path + "memberId"),
                SpendJson.cents(event.get("amountCents"), path + "amountCents", MAX_EVENT_CENTS),
                occurredAt(event.get("occurredAt"), path + "occurredAt"));
    }

    private static String eventId(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw DomainException.invalid(field, "'" + field + "' is required (the product's unique id of the event)");
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_EVENT_ID_LENGTH) {
            throw DomainException.invalid(field, "'" + field + "' must be a non-empty string of at most " + MAX_EVENT_ID_LENGTH + " characters");
        }
        return node.textValue();
    }

    /** An ISO-8601 timestamp with an offset ({@code 2026-11-30T23:59:59Z}), years 1970 to 9999. */
    static Instant occurredAt(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw DomainException.invalid(field, "'" + field + "' is required (an ISO-8601 timestamp such as 2026-11-30T23:59:59Z)");
        }
        if (node.isTextual()) {
            try {
                OffsetDateTime at = OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                int year = at.toInstant().atOffset(java.time.ZoneOffset.UTC).getYear();
                if (year >= 1970 && year <= 9999) {
                    return at.toInstant();
                }
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw DomainException.invalid(field, "'" + field + "' must be an ISO-8601 timestamp with an offset, such as 2026-11-30T23:59:59Z; got " + node);
    }
}
