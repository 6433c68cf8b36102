package dev.roster.spend;

import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may do what with spend (documented in docs/spend.md):
 * <ul>
 *   <li>change limits and the org cap: {@code billing} manage (owners, or a custom role granting it);</li>
 *   <li>read a member's limit: {@code billing} view, or the member themself;</li>
 *   <li>reports: {@code analytics} view or {@code billing} view;</li>
 *   <li>post usage events: the product's service account — a platform-admin JWT — or {@code billing} manage;</li>
 *   <li>authorize: a platform-admin JWT, {@code billing} view, or the member asking about themself.</li>
 * </ul>
 */
@ApplicationScoped
public class SpendRights {

    private final AdminAuthorizer authorizer;
    private final SpendLimitStore limits;

    public SpendRights(AdminAuthorizer authorizer, SpendLimitStore limits) {
        this.authorizer = authorizer;
        this.limits = limits;
    }

    public Actor requireBillingManage(UUID orgId) {
        return authorizer.require(orgId, AdminArea.BILLING, AccessLevel.MANAGE).actor();
    }

    public void requireBillingView(UUID orgId) {
        authorizer.require(orgId, AdminArea.BILLING, AccessLevel.VIEW);
    }

    /** {@code billing} view, or the member reading their own limit. */
    public void requireBillingViewOrSelf(UUID orgId, String memberId) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (!Ids.parse(memberId).map(caller::is).orElse(false)) {
            authorizer.require(orgId, AdminArea.BILLING, AccessLevel.VIEW);
        }
    }

    /** Usage reports: {@code analytics} view or {@code billing} view. */
    public void requireReports(UUID orgId) {
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (!caller.level(AdminArea.ANALYTICS).atLeast(AccessLevel.VIEW) && !caller.level(AdminArea.BILLING).atLeast(AccessLevel.VIEW)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Usage reports need analytics or billing at level view; "
                    + caller.describe() + " grants neither");
        }
    }

    /** Posting usage: a platform-admin JWT (the product's service account) or {@code billing} manage. */
    public void requireUsageWriter(UUID orgId) {
        if (authorizer.isPlatformAdmin()) {
            requireOrg(orgId);
            return;
        }
        authorizer.require(orgId, AdminArea.BILLING, AccessLevel.MANAGE);
    }

    /** Authorize: a platform-admin JWT, {@code billing} view, or the member asking about themself. */
    public void requireAuthorizeFor(UUID orgId, UUID memberId) {
        if (authorizer.isPlatformAdmin()) {
            return; // an unknown org then has no such member: 404
        }
        AdminCaller caller = authorizer.requireMemberOf(orgId);
        if (!caller.is(memberId)) {
            authorizer.require(orgId, AdminArea.BILLING, AccessLevel.VIEW);
        }
    }

    private void requireOrg(UUID orgId) {
        if (!limits.orgExists(orgId)) {
            throw DomainException.notFound("organization", orgId);
        }
    }
}
