package dev.roster.members;

import dev.roster.common.DomainException;

import java.util.regex.Pattern;

/**
 * The email check of invitations and new organizations' owners: one {@code @}, a dotted domain, no
 * spaces, at most 320 characters (RFC 5321). Deliverability is the identity provider's business.
 */
public final class Emails {

    public static final int MAX_LENGTH = 320;
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private Emails() {
    }

    /** The address, trimmed; anything else is {@code 400 validation_failed} on {@code field}. */
    public static String require(String field, String value) {
        String email = value == null ? "" : value.strip();
        if (email.isEmpty()) {
            throw DomainException.invalid(field, "'" + field + "' is required");
        }
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
            throw DomainException.invalid(field, "'" + email + "' is not an email address");
        }
        return email;
    }
}
