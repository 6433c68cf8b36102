package dev.roster.spend;

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
        AuthorizeAnswer.OrgCapState cap = null;
        boolean capReached = false;
        if (state.orgCap() != null) {
            Long capRemaining = state.orgCap().isAmount() ? Math.max(0, state.orgCap().amountCents() - state.orgSpentCents()) : null;
            cap = new AuthorizeAnswer.OrgCapState(state.orgCap(), state.orgSpentCents(), capRemaining);
            capReached = state.orgCap().isAmount() && exceeds(state.orgSpentCents(), costCents, state.orgCap().amountCents());
        }
        boolean limitReached = effective.limit() != null && effective.limit().isAmount()
                && exceeds(spent, costCents, effective.limit().amountCents());
        AuthorizeAnswer.Reason reason = !state.active() ? AuthorizeAnswer.Reason.INACTIVE
                : limitReached ? AuthorizeAnswer.Reason.LIMIT_REACHED
                : capReached ? AuthorizeAnswer.Reason.ORG_CAP_REACHED
                : null;
        return new AuthorizeAnswer(reason == null, reason, effective.limit(), effective.source(), effective.groupIds(),
                spent, effective.remaining(spent), month.toString(), cap);
    }

    /** spent + cost > limit, without overflow. */
    private static boolean exceeds(long spent, long cost, long limit) {
        return cost > limit - spent;
    }
}
