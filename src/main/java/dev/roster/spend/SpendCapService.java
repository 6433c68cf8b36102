package dev.roster.spend;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The optional monthly cap on an org's total spend (SPEC §4): a member may spend up to the lower of
 * what is left of their effective limit and what is left of the cap. {@link #apply} is what
 * {@code PATCH /api/v1/orgs/{orgId} {"spendCap": Limit|null}} calls.
 */
@ApplicationScoped
public class SpendCapService {

    private final SpendLimitStore limits;
    private final UsageStore usage;
    private final SpendClock clock;
    private final AuditLog audit;

    public SpendCapService(SpendLimitStore limits, UsageStore usage, SpendClock clock, AuditLog audit) {
        this.limits = limits;
        this.usage = usage;
        this.clock = clock;
        this.audit = audit;
    }

    /** The cap, or empty when none is set (for the org document's {@code spendCap}). */
    public Optional<Limit> cap(UUID orgId) {
        return limits.orgCap(orgId);
    }

    public SpendCapView view(UUID orgId, YearMonth month) {
        if (!limits.orgExists(orgId)) {
            throw DomainException.notFound("organization", orgId);
        }
        Limit cap = limits.orgCap(orgId).orElse(null);
        long spent = usage.orgSpent(orgId, month);
        return new SpendCapView(cap, month.toString(), spent, cap == null ? null : cap.remaining(spent));
    }

    /** Sets ({@code cap} non-null) or clears ({@code cap} null) the cap, audited; runs in the caller's transaction. */
    @Transactional
    public SpendCapView apply(Actor actor, UUID orgId, Limit cap) {
        if (!limits.lockOrg(orgId)) {
            throw DomainException.notFound("organization", orgId);
        }
        Limit before = limits.orgCap(orgId).orElse(null);
        if (cap == null) {
            limits.deleteOrgCap(orgId);
        } else {
            limits.putOrgCap(orgId, cap);
        }
        if (!Objects.equals(before, cap)) {
            audit.record(actor, "org.spend_cap_changed", "org", orgId, before, cap);
        }
        return view(orgId, clock.currentMonth());
    }
}
