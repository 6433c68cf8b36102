package dev.roster.common;

import org.hibernate.exception.ConstraintViolationException;

/** Recognises which database constraint refused a write (uniqueness is enforced by the database). */
public final class Constraints {

    private Constraints() {
    }

    public static boolean violates(Throwable error, String constraint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("\"" + constraint + "\"")) {
                return true;
            }
        }
        return false;
    }
}
