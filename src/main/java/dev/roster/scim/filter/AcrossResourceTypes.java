package dev.roster.scim.filter;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import dev.roster.scim.schema.ScimError;

import java.util.ArrayList;
import java.util.List;

/**
 * One resource type's columns inside a search across resource types (the root {@code /.search}): an
 * attribute the type does not have is treated as having no value there (RFC 7644 §3.4.2), so
 * {@code userName eq "x"} matches no group and {@code not (userName pr)} every group, and sorting by it
 * keeps that type's stable order. An attribute that no type has is still an error: {@link #requireKnown}.
 */
public record AcrossResourceTypes(FilterColumns type) implements FilterColumns {

    @Override
    public FilterTarget resolve(Path path) {
        return type.defines(path) ? type.resolve(path) : new FilterTarget.Absent();
    }

    @Override
    public String sortExpression(Path path) {
        return type.defines(path) ? type.sortExpression(path) : null;
    }

    @Override
    public boolean defines(Path path) {
        return type.defines(path);
    }

    /** Refuses a filter that names an attribute none of {@code types} has. */
    public static void requireKnown(Filter filter, List<FilterColumns> types) {
        for (Path path : attributePaths(filter, new ArrayList<>())) {
            if (types.stream().noneMatch(type -> type.defines(path))) {
                throw ScimError.invalidFilter("Unknown attribute '" + path + "' in filter: no resource type has it");
            }
        }
    }

    /** Refuses a sortBy that no type has. */
    public static void requireKnown(Path sortBy, List<FilterColumns> types) {
        if (types.stream().noneMatch(type -> type.defines(sortBy))) {
            throw ScimError.invalidValue("Cannot sort by '" + sortBy + "': no resource type has it");
        }
    }

    /** The attribute paths a filter compares (for {@code a[b eq 1]}, {@code a}). */
    private static List<Path> attributePaths(Filter filter, List<Path> paths) {
        if (filter.isCombiningFilter()) {
            filter.getCombinedFilters().forEach(part -> attributePaths(part, paths));
        } else if (filter.isNotFilter()) {
            attributePaths(filter.getInvertedFilter(), paths);
        } else {
            paths.add(filter.getAttributePath());
        }
        return paths;
    }
}
