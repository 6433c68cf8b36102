package dev.roster.orgs;

import java.util.UUID;

/** An organization as the admin API shows it; {@code maxGroups} is the cap in force (override or default). */
public record OrgView(UUID id, String name, String plan, int maxGroups) {
}
