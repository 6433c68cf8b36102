package dev.roster.spend;

import dev.roster.common.Limit;

import java.time.YearMonth;

/**
 * The authorize rule, on a member's {@link MemberSpendState}: denied when the member is inactive
 * ({@code inactive}); when spent + cost would exceed an amount limit ({@code limit_reached}); when the
 * org's spend + cost would exceed an amount cap ({@code org_cap_reached}). Otherwise allowed. In effect a
 * member may spend up to the lower of what is left of their limit and what is left of the org cap.
 */
public final class SpendDecision {

    private SpendDecision() {
    }

    public static AuthorizeAnswer decide(MemberSpendState state, long costCents, YearMonth month) {
        EffectiveLimit effective = state.effective();
        long spent = state.spentCents();
        Limit cap = state.orgCap();
        AuthorizeAnswer.Reason reason = !state.active() ? AuthorizeAnswer.Reason.INACTIVE
                : !allows(effective.limit(), spent, costCents) ? AuthorizeAnswer.Reason.LIMIT_REACHED
                : !allows(cap, state.orgSpentCents(), costCents) ? AuthorizeAnswer.Reason.ORG_CAP_REACHED
                : null;
        AuthorizeAnswer.OrgCapState capState = cap == null ? null
                : new AuthorizeAnswer.OrgCapState(cap, state.orgSpentCents(), cap.remaining(state.orgSpentCents()));
        return new AuthorizeAnswer(reason == null, reason, effective.limit(), effective.source(), effective.groupIds(),
                spent, effective.remaining(spent), month.toString(), capState);
    }

    /** No limit, an unlimited one, or spent + cost within the amount (compared without overflow). */
    private static boolean allows(Limit limit, long spent, long cost) {
        return limit == null || !limit.isAmount() || cost <= limit.amountCents() - spent;
    }
}
