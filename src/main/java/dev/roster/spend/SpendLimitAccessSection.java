package dev.roster.spend;

import dev.roster.access.explain.AccessSection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Adds {@code spendLimit} (a {@link SpendLimitView} for the current month) to {@code /members/{id}/access}. */
@ApplicationScoped
public class SpendLimitAccessSection implements AccessSection {

    private final SpendLimitService limits;

    public SpendLimitAccessSection(SpendLimitService limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "spendLimit";
    }

    @Override
    public Object describe(UUID orgId, UUID memberId) {
        return limits.view(orgId, memberId);
    }
}
