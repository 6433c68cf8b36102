package dev.roster.roles;

/** A product feature a custom role can grant and an org can switch on or off (one catalog entry). */
public record Capability(String key, String title, String description, boolean enabledByDefault) {
}
