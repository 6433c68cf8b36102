package dev.roster.spend;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code {"events":[{eventId, memberId, amountCents, occurredAt}, …]}}. Any bad event refuses the whole
 * batch ({@code 400 validation_failed} naming e.g. {@code events[3].amountCents}), so that a batch is
 * counted entirely or not at all.
 */
public record UsageEventsRequest(
        @NotNull(message = "is required: an array of {eventId, memberId, amountCents, occurredAt}")
        @Size(max = MAX_EVENTS, message = "holds at most {max} events; split the batch into several requests")
        List<@NotNull(message = "must be an event {eventId, memberId, amountCents, occurredAt}") @Valid UsageEvent> events) {

    /** Events per request; a bigger batch is refused, not truncated. */
    public static final int MAX_EVENTS = 1000;
}
