package dev.roster.common;

/**
 * Stable, machine-readable reasons a request is refused. The admin API sends them as the
 * {@code code} of a problem document; the SCIM layer translates them to SCIM errors.
 */
public enum ErrorCode {
    NOT_FOUND(404),
    VALIDATION_FAILED(400),
    MALFORMED_REQUEST(400),
    FORBIDDEN(403),
    /** only an owner (or the primary owner) may do this */
    OWNER_REQUIRED(403),
    /** the change would give someone an admin level above the actor's own */
    EXCEEDS_OWN_RIGHTS(403),
    PLAN_REQUIRED(403),
    NAME_TAKEN(409),
    GROUP_LIMIT_REACHED(409),
    GROUP_MANAGED_BY_SCIM(409),
    ROLE_MANAGED_BY_GROUP_MAPPING(409),
    PRIMARY_OWNER_PROTECTED(400),
    PRECONDITION_FAILED(412),
    SYNC_ALREADY_RUNNING(409),
    SYNC_NOT_CONFIGURED(409);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The wire form: {@code group_limit_reached}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
