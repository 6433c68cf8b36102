package dev.roster.orgs;

import dev.roster.common.Limit;

import java.util.UUID;

/**
 * An organization as the admin API shows it (SPEC §9); {@code spendCap} is the org's monthly spend cap
 * (null = none), {@code maxGroups} the group cap in force (override or default).
 */
public record OrgView(UUID id, String name, String plan, Limit spendCap, int maxGroups) {
}
