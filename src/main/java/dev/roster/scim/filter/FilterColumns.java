package dev.roster.scim.filter;

import com.unboundid.scim2.common.Path;

/** Where each SCIM attribute of one resource type lives in SQL. */
public interface FilterColumns {

    /** The target of a filter path; unknown or unfilterable attributes raise {@code invalidFilter}. */
    FilterTarget resolve(Path path);

    /** A value to sort by; multi-valued attributes sort by their first value; null to keep the stable order. */
    String sortExpression(Path path);

    /** Whether the resource type has the path's attribute (its first element, in its schema). */
    boolean defines(Path path);
}
