package dev.roster.common;

import org.hibernate.exception.ConstraintViolationException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Recognises which database constraint refused a write (uniqueness is enforced by the database). */
public final class Constraints {

    private Constraints() {
    }

    /** Whether {@code error} (or a cause) is PostgreSQL refusing a write by {@code constraint}, as the server names it. */
    public static boolean violates(Throwable error, String constraint) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && constraint.equals(violation.getConstraintName())) {
                return true;
            }
            if (t instanceof PSQLException psql) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server != null && constraint.equals(server.getConstraint());
            }
        }
        return false;
    }
}
