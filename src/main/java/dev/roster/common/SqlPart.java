package dev.roster.common;

import java.util.List;

/** A piece of SQL and its parameters, in order, for a caller to place inside a statement of its own. */
public record SqlPart(String sql, List<Object> params) {

    /** A condition that always holds. */
    public static final SqlPart TRUE = new SqlPart("true", List.of());
}
