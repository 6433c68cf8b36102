package dev.roster.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A piece of SQL with named parameters ({@code :name}) and their values, for a caller to place inside a
 * statement of its own and bind with {@code bindMap(part.params())}. Whoever builds a part names its
 * parameters so that they cannot clash with the statement's or another part's (a prefix of its own, or
 * numbered, e.g. {@code :f1, :f2}); {@link #with} refuses a name bound to two different values.
 */
public record SqlPart(String sql, Map<String, Object> params) {

    /** A condition that always holds. */
    public static final SqlPart TRUE = new SqlPart("true", Map.of());

    public SqlPart {
        Objects.requireNonNull(sql);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params)); // values may be null
    }

    /** This part's parameters and {@code other}'s, for a statement that places both. */
    public Map<String, Object> with(Map<String, ?> other) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        other.forEach((name, value) -> {
            if (all.containsKey(name) && !Objects.equals(all.get(name), value)) {
                throw new IllegalArgumentException("SQL parameter :" + name + " is bound to two different values");
            }
            all.put(name, value);
        });
        return all;
    }

    /** Both conditions. */
    public SqlPart and(SqlPart other) {
        return new SqlPart("(" + sql + ") AND (" + other.sql + ")", with(other.params));
    }
}
