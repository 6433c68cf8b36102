package dev.roster.spend;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Limit;
import dev.roster.common.Sql;
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

    private final SpendLimitStore store;
    private final SpendClock clock;
    private final Sql sql;
    private final AuditLog audit;

    public SpendCapService(SpendLimitStore store, SpendClock clock, Sql sql, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.sql = sql;
        this.audit = audit;
    }

    /** The cap, or empty when none is set (for the org document's {@code spendCap}). */
    public Optional<Limit> cap(UUID orgId) {
        return store.orgCap(orgId);
    }

    public SpendCapView view(UUID orgId, YearMonth month) {
        if (sql.queryOne("SELECT 1 FROM orgs WHERE id = ?", row -> 1, orgId).isEmpty()) {
            throw DomainException.notFound("organization", orgId);
        }
        Limit cap = store.orgCap(orgId).orElse(null);
        long spent = sql.queryOne("SELECT spent_cents FROM org_monthly_spend WHERE org_id = ? AND month = ?::date",
                row -> row.getLong(1), orgId, SpendMonth.sqlDate(month)).orElse(0L);
        Long remaining = cap != null && cap.isAmount() ? Math.max(0, cap.amountCents() - spent) : null;
        return new SpendCapView(cap, month.toString(), spent, remaining);
    }

    /** Sets ({@code cap} non-null) or clears ({@code cap} null) the cap, audited; runs in the caller's transaction. */
    @Transactional
    public SpendCapView apply(Actor actor, UUID orgId, Limit cap) {
        if (!store.lockOrg(orgId)) {
            throw DomainException.notFound("organization", orgId);
        }
        Limit before = store.orgCap(orgId).orElse(null);
        if (cap == null) {
            store.deleteOrgCap(orgId);
        } else {
            store.putOrgCap(orgId, cap);
        }
        if (!Objects.equals(before, cap)) {
            audit.record(actor, "org.spend_cap_changed", "org", orgId, before, cap);
        }
        return view(orgId, clock.currentMonth());
    }
}
