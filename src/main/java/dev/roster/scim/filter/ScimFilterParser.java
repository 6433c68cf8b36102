package dev.roster.scim.filter;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import dev.roster.scim.schema.ScimError;

/**
 * Parses SCIM filters (RFC 7644 §3.4.2.2) with the UnboundID SDK, after the
 * {@linkplain LenientFilterSyntax lenient pre-pass} has put the forms IdPs send outside the grammar into
 * the grammar's own. A filter that does not parse is refused with {@code invalidFilter} and a detail
 * from {@link FilterProblems}.
 */
public final class ScimFilterParser {

    static final int MAX_LENGTH = 4096;

    private ScimFilterParser() {
    }

    public static Filter parse(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw ScimError.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        try {
            return Filter.fromString(LenientFilterSyntax.rewrite(filter));
        } catch (BadRequestException | RuntimeException e) {
            throw ScimError.invalidFilter("Invalid filter '" + filter + "': " + FilterProblems.describe(filter));
        }
    }
}
