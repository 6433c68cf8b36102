package dev.roster.roles;

/** A catalog entry with the org's switch: what {@code GET /features} lists. */
public record FeatureView(String key, String title, String description, boolean enabled, boolean enabledByDefault) {

    static FeatureView of(Capability capability, boolean enabled) {
        return new FeatureView(capability.key(), capability.title(), capability.description(), enabled,
                capability.enabledByDefault());
    }
}
