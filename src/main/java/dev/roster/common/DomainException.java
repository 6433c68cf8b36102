package dev.roster.common;

/**
 * A rule of the domain refused the operation. Thrown inside a transaction, it rolls it back, so a
 * refused request changes nothing. {@code field} names the offending input where there is one.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message, field);
    }
}
