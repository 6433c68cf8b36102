package dev.roster.scim.schema;

/** RFC 7644 §3.1: SCIM messages are {@code application/scim+json}. */
public final class ScimMediaType {

    public static final String SCIM_JSON = "application/scim+json";

    private ScimMediaType() {
    }
}
