package dev.roster.spend;

import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The usage ledger. A batch is recorded by ONE statement (plus the commit):
 * <ol>
 *   <li>check that every event's member is a member of the org; if one is not, nothing is written
 *       and the batch is refused;</li>
 *   <li>insert the events ({@code ON CONFLICT (org_id, event_id) DO NOTHING}: a replay, even a
 *       concurrent one, waits for the first writer and then counts nothing);</li>
 *   <li>add what was really inserted to the members' month rows ({@code member_monthly_spend});</li>
 *   <li>then add the same to the org's month row ({@code org_monthly_spend}).</li>
 * </ol>
 * Locks are always taken in the same order — events by id, then member rows by id, then the org row
 * (last, so that this one row shared by every batch of the org is held the shortest) — so concurrent
 * batches never deadlock. Month-to-date spend is therefore always exactly the sum of the ledger.
 */
@ApplicationScoped
public class UsageLedger {

    private static final String RECORD = """
            WITH input AS (
                SELECT e.event_id, e.member_id, e.amount_cents, e.occurred_at
                FROM unnest(?::text[], ?::uuid[], ?::text[]::bigint[], ?::text[]::timestamptz[])
                     AS e(event_id, member_id, amount_cents, occurred_at)
            ), known AS (
                SELECT count(*) = ? AS all_known FROM members WHERE org_id = ? AND id = ANY(?::uuid[])
            ), inserted AS (
                INSERT INTO usage_events (org_id, event_id, member_id, amount_cents, occurred_at, month)
                SELECT ?, event_id, member_id, amount_cents, occurred_at,
                       date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date
                FROM input
                WHERE (SELECT all_known FROM known)
                ORDER BY event_id
                ON CONFLICT (org_id, event_id) DO NOTHING
                RETURNING member_id, month, amount_cents
            ), per_member AS (
                INSERT INTO member_monthly_spend AS s (org_id, member_id, month, spent_cents)
                SELECT ?, member_id, month, sum(amount_cents) FROM inserted
                GROUP BY member_id, month ORDER BY member_id, month
                ON CONFLICT (org_id, member_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
                RETURNING 1
            ), per_org AS (
                INSERT INTO org_monthly_spend AS s (org_id, month, spent_cents)
                SELECT ?, month, sum(amount_cents) FROM inserted
                -- a one-time filter: every member row is written before the org row is touched
                WHERE (SELECT count(*) FROM per_member) > 0
                GROUP BY month ORDER BY month
                ON CONFLICT (org_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
            )
            SELECT (SELECT all_known FROM known), (SELECT count(*) FROM inserted)""";

    private final Sql sql;

    public UsageLedger(Sql sql) {
        this.sql = sql;
    }

    /** Records a validated batch; events of members the org does not have refuse the whole batch. */
    @Transactional
    public IngestResult record(UUID orgId, List<UsageEvent> events) {
        if (events.isEmpty()) {
            return new IngestResult(0, 0);
        }
        Map<String, UsageEvent> unique = new LinkedHashMap<>();
        for (UsageEvent event : events) {
            unique.putIfAbsent(event.eventId(), event); // a replay inside the batch is a duplicate too
        }
        List<UsageEvent> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(UsageEvent::eventId));
        List<String> ids = new ArrayList<>(sorted.size());
        List<UUID> members = new ArrayList<>(sorted.size());
        List<String> amounts = new ArrayList<>(sorted.size());
        List<String> times = new ArrayList<>(sorted.size());
        Set<UUID> distinctMembers = new LinkedHashSet<>();
        for (UsageEvent event : sorted) {
            ids.add(event.eventId());
            members.add(event.memberId());
            amounts.add(Long.toString(event.amountCents()));
            times.add(event.occurredAt().toString());
            distinctMembers.add(event.memberId());
        }
        record Outcome(boolean allKnown, long inserted) {
        }
        Outcome outcome = sql.queryOne(RECORD, row -> new Outcome(row.getBoolean(1), row.getLong(2)),
                ids, members, amounts, times, distinctMembers.size(), orgId, List.copyOf(distinctMembers), orgId, orgId, orgId)
                .orElseThrow();
        if (!outcome.allKnown()) {
            requireMembers(orgId, events); // names the first unknown member; nothing was written
            throw new IllegalStateException("a member of the batch vanished while it was recorded");
        }
        return new IngestResult((int) outcome.inserted(), events.size() - (int) outcome.inserted());
    }

    private void requireMembers(UUID orgId, List<UsageEvent> events) {
        Set<UUID> wanted = new LinkedHashSet<>();
        events.forEach(event -> wanted.add(event.memberId()));
        Set<UUID> found = new LinkedHashSet<>(sql.query("SELECT id FROM members WHERE org_id = ? AND id = ANY(?::uuid[])",
                row -> row.getObject(1, UUID.class), orgId, List.copyOf(wanted)));
        for (int i = 0; i < events.size(); i++) {
            if (!found.contains(events.get(i).memberId())) {
                throw DomainException.invalid("events[" + i + "].memberId", "No member with id " + events.get(i).memberId()
                        + " in this organization; the whole batch was refused and nothing was counted");
            }
        }
    }
}
