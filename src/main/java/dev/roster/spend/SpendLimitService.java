package dev.roster.spend;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.Limit;
import dev.roster.orgs.OrgService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;

/**
 * Individual and group spend limits: reading them resolved ({@link SpendLimitResolver}), setting and
 * clearing them (each change audited with before and after, in its transaction). Group limits are an
 * enterprise feature; SCIM groups take limits like manual ones.
 */
@ApplicationScoped
public class SpendLimitService {

    private final SpendLimitStore store;
    private final UsageStore usage;
    private final SpendClock clock;
    private final OrgService orgs;
    private final AuditLog audit;

    public SpendLimitService(SpendLimitStore store, UsageStore usage, SpendClock clock, OrgService orgs, AuditLog audit) {
        this.store = store;
        this.usage = usage;
        this.clock = clock;
        this.orgs = orgs;
        this.audit = audit;
    }

    /** The member's limits and spend for {@code month}; 404 for an id that is not a member of the org. */
    public SpendLimitView view(UUID orgId, String memberId, YearMonth month) {
        UUID id = Ids.parse(memberId).orElseThrow(() -> DomainException.notFound("member", memberId));
        return usage.memberState(orgId, id, month).map(state -> SpendLimitView.of(state, month))
                .orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    public SpendLimitView view(UUID orgId, UUID memberId) {
        return view(orgId, memberId.toString(), clock.currentMonth());
    }

    @Transactional
    public SpendLimitView setIndividual(Actor actor, UUID orgId, String memberId, Limit limit) {
        UUID id = lockedMember(orgId, memberId);
        Limit before = store.memberLimit(orgId, id).orElse(null);
        store.putMemberLimit(orgId, id, limit);
        record(actor, "member.spend_limit_changed", "member", id, before, limit);
        return view(orgId, id);
    }

    @Transactional
    public SpendLimitView clearIndividual(Actor actor, UUID orgId, String memberId) {
        UUID id = lockedMember(orgId, memberId);
        Limit before = store.memberLimit(orgId, id).orElse(null);
        store.deleteMemberLimit(orgId, id);
        record(actor, "member.spend_limit_changed", "member", id, before, null);
        return view(orgId, id);
    }

    public GroupSpendLimitView group(UUID orgId, String groupId) {
        orgs.requireEnterprise(orgs.get(orgId));
        UUID id = Ids.parse(groupId).filter(g -> store.groupExists(orgId, g))
                .orElseThrow(() -> DomainException.notFound("group", groupId));
        return new GroupSpendLimitView(id, store.groupLimit(orgId, id).orElse(null));
    }

    @Transactional
    public GroupSpendLimitView setGroup(Actor actor, UUID orgId, String groupId, Limit limit) {
        UUID id = lockedGroup(orgId, groupId);
        Limit before = store.groupLimit(orgId, id).orElse(null);
        store.putGroupLimit(orgId, id, limit);
        record(actor, "group.spend_limit_changed", "group", id, before, limit);
        return new GroupSpendLimitView(id, limit);
    }

    @Transactional
    public GroupSpendLimitView clearGroup(Actor actor, UUID orgId, String groupId) {
        UUID id = lockedGroup(orgId, groupId);
        Limit before = store.groupLimit(orgId, id).orElse(null);
        store.deleteGroupLimit(orgId, id);
        record(actor, "group.spend_limit_changed", "group", id, before, null);
        return new GroupSpendLimitView(id, null);
    }

    private UUID lockedMember(UUID orgId, String memberId) {
        return Ids.parse(memberId).filter(id -> store.lockMember(orgId, id))
                .orElseThrow(() -> DomainException.notFound("member", memberId));
    }

    private UUID lockedGroup(UUID orgId, String groupId) {
        orgs.requireEnterprise(orgs.get(orgId));
        return Ids.parse(groupId).filter(id -> store.lockGroup(orgId, id))
                .orElseThrow(() -> DomainException.notFound("group", groupId));
    }

    private void record(Actor actor, String action, String targetType, UUID targetId, Limit before, Limit after) {
        if (!Objects.equals(before, after)) {
            audit.record(actor, action, targetType, targetId, before, after);
        }
    }
}
