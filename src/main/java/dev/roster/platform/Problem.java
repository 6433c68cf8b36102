package dev.roster.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An admin-API error document (RFC 9457 problem details) with Roster's stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail, String field) {
        return new Problem("https://roster.dev/problems/" + code.replace('_', '-'), title, status, detail, code, field);
    }
}
