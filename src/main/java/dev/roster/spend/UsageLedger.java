package dev.roster.spend;

import dev.roster.common.DomainException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The usage ledger. A batch is recorded by ONE statement ({@link UsageStore#RECORD}), atomic on its own,
 * so no transaction is opened:
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

    private final UsageStore store;

    public UsageLedger(UsageStore store) {
        this.store = store;
    }

    /** Records a validated batch; events of members the org does not have refuse the whole batch. */
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
        Set<UUID> members = new LinkedHashSet<>();
        sorted.forEach(event -> members.add(event.memberId()));
        UsageStore.Recorded recorded = store.record(orgId, sorted, members);
        if (!recorded.allKnown()) {
            requireMembers(orgId, events); // names the first unknown member; nothing was written
            throw new IllegalStateException("a member of the batch vanished while it was recorded");
        }
        return new IngestResult(recorded.inserted(), events.size() - recorded.inserted());
    }

    private void requireMembers(UUID orgId, List<UsageEvent> events) {
        Set<UUID> wanted = new LinkedHashSet<>();
        events.forEach(event -> wanted.add(event.memberId()));
        Set<UUID> found = store.knownMembers(orgId, wanted);
        for (int i = 0; i < events.size(); i++) {
            if (!found.contains(events.get(i).memberId())) {
                throw DomainException.invalid("events[" + i + "].memberId", "No member with id " + events.get(i).memberId()
                        + " in this organization; the whole batch was refused and nothing was counted");
            }
        }
    }
}
