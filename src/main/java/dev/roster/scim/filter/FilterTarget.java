package dev.roster.scim.filter;

import java.util.function.Function;

/**
 * What a filter's attribute path designates in SQL: a single value ({@link Value}), the elements of
 * a multi-valued attribute ({@link Elements}), tested with {@code EXISTS} over an element scope, or
 * nothing at all ({@link Absent}).
 */
public sealed interface FilterTarget {

    /** Value types a comparison can take. */
    enum Type { STRING, BOOLEAN, DATETIME, UUID, INTEGER }

    /**
     * A single SQL value expression. {@code caseExact=false} strings are compared lower-cased, which is
     * also how the unique and lookup indexes are built. {@code jsonText}: the expression is text taken
     * from jsonb, so booleans and numbers are compared as their JSON text.
     */
    record Value(String sql, Type type, boolean caseExact, boolean jsonText) implements FilterTarget {
    }

    /**
     * The elements of a multi-valued attribute. {@code exists} wraps a condition on one element into
     * an {@code EXISTS (...)}; {@code element} resolves a sub-attribute name inside that scope;
     * {@code defaultSub} is what the bare attribute compares ({@code emails eq x} means
     * {@code emails.value eq x}); {@code present} is the SQL for {@code attr pr}.
     */
    record Elements(Function<String, String> exists, Function<String, Value> element, String defaultSub,
                    String present) implements FilterTarget {
    }

    /**
     * An attribute the resource type does not have, in a search across types: it has no value, so it
     * is never present and only {@code ne} (or {@code eq null}) holds for it.
     */
    record Absent() implements FilterTarget {
    }
}
