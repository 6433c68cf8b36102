package dev.roster.spend;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.PageRequest;
import dev.roster.orgs.OrgService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Usage reports for any month (the article's "By group" tab as data, and a per-member list). Effective
 * limits come from {@link SpendLimitResolver}, like everywhere else. Limits are not versioned: a past
 * month is measured against the limits as they are now.
 */
@ApplicationScoped
public class UsageReports {

    public record GroupReport(String month, List<GroupUsage> items) {
    }

    /** A page of the "by member" report: {@code {month, items, nextCursor}}. */
    public record MemberReport(String month, @JsonUnwrapped CursorPage<MemberUsage> page) {
    }

    private final UsageStore usage;
    private final SpendLimitStore limits;
    private final OrgService orgs;

    public UsageReports(UsageStore usage, SpendLimitStore limits, OrgService orgs) {
        this.usage = usage;
        this.limits = limits;
        this.orgs = orgs;
    }

    /**
     * Every group of the org, with its members' spend in {@code month}. Two statements: the groups with
     * their limits, then every member who is in at least one group with their limit inputs and spend.
     */
    public GroupReport byGroup(UUID orgId, YearMonth month) {
        orgs.requireEnterprise(orgs.get(orgId));
        List<UsageStore.GroupRow> groups = usage.groupsWithLimits(orgId);
        Map<UUID, UsageStore.GroupRow> byId = new HashMap<>();
        Map<UUID, Totals> totals = new HashMap<>();
        for (UsageStore.GroupRow group : groups) {
            byId.put(group.id(), group);
            totals.put(group.id(), new Totals());
        }
        for (UsageStore.GroupedMember member : usage.groupedMembers(orgId, month)) {
            List<GroupLimit> groupLimits = new ArrayList<>();
            for (UUID id : member.groupIds()) {
                UsageStore.GroupRow group = byId.get(id);
                if (group != null && group.limit() != null) {
                    groupLimits.add(new GroupLimit(id, group.limit()));
                }
            }
            boolean atOrOver = SpendLimitResolver.resolve(member.individual(), groupLimits).isReachedAt(member.spentCents());
            member.groupIds().stream().map(totals::get).filter(total -> total != null)
                    .forEach(total -> total.add(member.spentCents(), atOrOver));
        }
        List<GroupUsage> items = new ArrayList<>(groups.size());
        for (UsageStore.GroupRow group : groups) {
            Totals total = totals.get(group.id());
            items.add(new GroupUsage(group.id(), group.name(), group.source(), group.limit(), total.members, total.spent,
                    total.atOrOver));
        }
        return new GroupReport(month.toString(), items);
    }

    /** The org's members (by id), each with their spend in {@code month} and their effective limit. */
    public MemberReport byMember(UUID orgId, YearMonth month, PageRequest page) {
        Optional<UUID> after = page.after().map(parts -> page.uuidAt(0));
        if (!limits.orgExists(orgId)) {
            throw DomainException.notFound("organization", orgId);
        }
        List<MemberUsage> rows = usage.members(orgId, month, after, page.fetchSize()).stream().map(member -> {
            EffectiveLimit effective = SpendLimitResolver.resolve(member.individual(), member.groupLimits());
            long spent = member.spentCents();
            return new MemberUsage(member.memberId(), member.userName(), member.displayName(), member.active(), spent,
                    effective, effective.remaining(spent), effective.isReachedAt(spent));
        }).toList();
        return new MemberReport(month.toString(),
                CursorPage.of(rows, page.limit(), last -> PageRequest.cursor(last.memberId())));
    }

    /** A group's running sums in the "by group" report. */
    private static final class Totals {
        int members;
        long spent;
        int atOrOver;

        void add(long spentCents, boolean memberAtOrOver) {
            members++;
            spent += spentCents;
            atOrOver += memberAtOrOver ? 1 : 0;
        }
    }
}
