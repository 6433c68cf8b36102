package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import dev.roster.scim.filter.ScimFilterParser;
import dev.roster.scim.schema.AttributeSelection;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;

import java.util.Locale;

/**
 * A list or search request (RFC 7644 §3.4.2, §3.4.3), from query parameters or a
 * {@code POST /.search} body. Out-of-range paging values are read as the RFC says: a startIndex below 1
 * is 1, a negative count is 0, and a count above the server's maximum is that maximum.
 */
public record ScimListRequest(Filter filter, int startIndex, int count, Path sortBy, boolean descending,
                              AttributeSelection selection) {

    public static final int DEFAULT_COUNT = 100;

    public static ScimListRequest of(String filter, String startIndex, String count, String sortBy, String sortOrder,
                                     String attributes, String excludedAttributes, int maxResults) {
        Filter parsed = filter == null || filter.isBlank() ? null : ScimFilterParser.parse(filter);
        int start = Math.max(1, parseInt(startIndex, 1, "startIndex"));
        int size = Math.min(maxResults, Math.max(0, parseInt(count, DEFAULT_COUNT, "count")));
        return new ScimListRequest(parsed, start, size, sortPath(sortBy), descending(sortOrder),
                AttributeSelection.of(attributes, excludedAttributes));
    }

    /** A {@code POST /.search} body: a SearchRequest message ({@code schemas} may be left out). */
    public static ScimListRequest fromSearchBody(JsonNode body, int maxResults) {
        if (body == null || !body.isObject()) {
            throw ScimError.invalidSyntax("A search request must be a JSON object");
        }
        JsonNode schemas = ScimDocumentNormalizer.field(body, "schemas");
        if (schemas != null && !schemas.isNull() && !hasText(schemas, ScimSchemas.SEARCH_REQUEST)) {
            throw ScimError.invalidValue("'schemas' of a search must be [\"" + ScimSchemas.SEARCH_REQUEST + "\"]");
        }
        return of(text(body, "filter"), text(body, "startIndex"), text(body, "count"), text(body, "sortBy"),
                text(body, "sortOrder"), list(body, "attributes"), list(body, "excludedAttributes"), maxResults);
    }

    /** The same request for another page. */
    public ScimListRequest page(int startIndex, int count) {
        return new ScimListRequest(filter, startIndex, count, sortBy, descending, selection);
    }

    private static boolean hasText(JsonNode array, String text) {
        if (!array.isArray()) {
            return false;
        }
        for (JsonNode item : array) {
            if (item.asText().equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    private static Path sortPath(String sortBy) {
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        try {
            return Path.fromString(sortBy.trim());
        } catch (BadRequestException e) {
            throw ScimError.invalidValue("sortBy '" + sortBy + "' is not an attribute name");
        }
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        return switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
            case "ascending" -> false;
            case "descending" -> true;
            default -> throw ScimError.invalidValue("sortOrder must be 'ascending' or 'descending'");
        };
    }

    private static int parseInt(String value, int fallback, String name) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException e) {
            throw ScimError.invalidValue(name + " must be an integer, not '" + value + "'");
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = ScimDocumentNormalizer.field(body, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String list(JsonNode body, String name) {
        JsonNode value = ScimDocumentNormalizer.field(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
            return joined.toString();
        }
        return value.asText();
    }
}
