package dev.roster.spend;

import java.time.Instant;
import java.util.UUID;

/** One usage report from the product: this member spent this many cents at that moment. */
public record UsageEvent(String eventId, UUID memberId, long amountCents, Instant occurredAt) {
}
