package dev.roster.sync;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a run's {@code errors}: a stable {@code code}, a message for the admin and, when it is
 * about one upstream group or user, that object's upstream id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncProblem(String code, String message, String upstreamId) {

    public static SyncProblem of(String code, String message) {
        return new SyncProblem(code, message, null);
    }
}
