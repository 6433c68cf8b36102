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
 * The usage ledger. A batch is recorded in one transaction with two statements:
 * <ol>
 *   <li>insert the events ({@code ON CONFLICT (org_id, event_id) DO NOTHING}: a replay, even a
 *       concurrent one, waits for the first writer and then counts nothing) and add what was really
 *       inserted to the members' month rows ({@code member_monthly_spend});</li>
 *   <li>add the same to the org's month row ({@code org_monthly_spend}).</li>
 * </ol>
 * Locks are always taken in the same order (events by id, then member rows by id, then the org row,
 * last so that it is held the shortest), so concurrent batches never deadlock. Month-to-date spend is
 * therefore always exactly the sum of the ledger.
 */
@ApplicationScoped
public class UsageLedger {

    private static final String INSERT_EVENTS = """
            WITH input AS (
                SELECT e.event_id, e.member_id, e.amount_cents, e.occurred_at
                FROM unnest(?::text[], ?::uuid[], ?::text[]::bigint[], ?::text[]::timestamptz[])
                     AS e(event_id, member_id, amount_cents, occurred_at)
                ORDER BY e.event_id
            ), inserted AS (
                INSERT INTO usage_events (org_id, event_id, member_id, amount_cents, occurred_at, month)
                SELECT ?, event_id, member_id, amount_cents, occurred_at,
                       date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date
                FROM input
                ON CONFLICT (org_id, event_id) DO NOTHING
                RETURNING member_id, month, amount_cents
            ), per_member AS (
                INSERT INTO member_monthly_spend AS s (org_id, member_id, month, spent_cents)
                SELECT ?, member_id, month, sum(amount_cents) FROM inserted
                GROUP BY member_id, month ORDER BY member_id, month
                ON CONFLICT (org_id, member_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
            )
            SELECT month::text, sum(amount_cents)::bigint, count(*) FROM inserted GROUP BY month ORDER BY month""";

    private static final String ADD_TO_ORG = """
            INSERT INTO org_monthly_spend AS s (org_id, month, spent_cents)
            SELECT ?, m.month, m.cents FROM unnest(?::text[]::date[], ?::text[]::bigint[]) AS m(month, cents)
            ORDER BY m.month
            ON CONFLICT (org_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents""";

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
        requireMembers(orgId, events);
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
        for (UsageEvent event : sorted) {
            ids.add(event.eventId());
            members.add(event.memberId());
            amounts.add(Long.toString(event.amountCents()));
            times.add(event.occurredAt().toString());
        }
        record MonthSum(String month, long cents, long count) {
        }
        List<MonthSum> months = sql.query(INSERT_EVENTS, row -> new MonthSum(row.getString(1), row.getLong(2), row.getLong(3)),
                ids, members, amounts, times, orgId, orgId);
        long accepted = months.stream().mapToLong(MonthSum::count).sum();
        if (!months.isEmpty()) {
            sql.update(ADD_TO_ORG, orgId, months.stream().map(MonthSum::month).toList(),
                    months.stream().map(m -> Long.toString(m.cents())).toList());
        }
        return new IngestResult((int) accepted, events.size() - (int) accepted);
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
