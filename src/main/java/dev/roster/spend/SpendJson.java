package dev.roster.spend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.common.DomainException;
import dev.roster.common.Ids;
import dev.roster.common.Limit;
import dev.roster.common.LimitType;

import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the money-related parts of request bodies. Amounts must be JSON integers: a fraction (5.5, even
 * 5.0), a string, a number beyond the allowed range or a negative number is {@code 400 validation_failed}
 * naming the field, so that no floating-point or textual money ever enters Roster.
 */
public final class SpendJson {

    private SpendJson() {
    }

    /**
     * A {@link Limit} body ({@code {"type":"unlimited"}} or {@code {"type":"amount","amountCents":N}}).
     * {@code path} prefixes the field names in errors ("" for a top-level body, "spendCap." inside PATCH org).
     */
    public static Limit limit(JsonNode node, String path) {
        String where = path.isEmpty() ? "body" : path.substring(0, path.length() - 1);
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw DomainException.invalid(where, "A limit is required: {\"type\":\"unlimited\"} or {\"type\":\"amount\",\"amountCents\":N}");
        }
        if (!node.isObject()) {
            throw DomainException.invalid(where, "A limit is a JSON object: {\"type\":\"unlimited\"} or {\"type\":\"amount\",\"amountCents\":N}");
        }
        onlyFields(node, path, Set.of("type", "amountCents"));
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            throw DomainException.invalid(path + "type", "'type' is required: \"unlimited\" or \"amount\"");
        }
        LimitType kind = type.isTextual() ? LimitType.fromWire(type.textValue()).orElse(null) : null;
        if (kind == null) {
            throw DomainException.invalid(path + "type", "Unknown limit type " + type + "; expected \"unlimited\" or \"amount\"");
        }
        JsonNode amount = node.get("amountCents");
        if (kind == LimitType.UNLIMITED) {
            if (amount != null && !amount.isNull()) {
                throw DomainException.invalid(path + "amountCents", "An unlimited limit takes no amountCents");
            }
            return Limit.unlimited();
        }
        return Limit.amount(cents(amount, path + "amountCents", Limit.MAX_AMOUNT_CENTS));
    }

    /** A required amount in integer cents, from 0 to {@code max}. */
    public static long cents(JsonNode node, String field, long max) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw DomainException.invalid(field, "'" + field + "' is required (an integer number of US cents)");
        }
        if (!node.isNumber()) {
            throw DomainException.invalid(field, "'" + field + "' must be an integer number of US cents, not " + node);
        }
        if (!node.isIntegralNumber()) {
            throw DomainException.invalid(field, "'" + field + "' must be a whole number of US cents; got " + node);
        }
        if (!node.canConvertToLong() || node.longValue() > max) {
            if (node.bigIntegerValue().signum() < 0) {
                throw DomainException.invalid(field, "'" + field + "' must not be negative; got " + node);
            }
            throw DomainException.invalid(field, "'" + field + "' must be at most " + max + " cents; got " + node);
        }
        if (node.longValue() < 0) {
            throw DomainException.invalid(field, "'" + field + "' must not be negative; got " + node);
        }
        return node.longValue();
    }

    /** A required id (UUID string). */
    public static UUID id(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw DomainException.invalid(field, "'" + field + "' is required");
        }
        if (!node.isTextual() || Ids.parse(node.textValue()).isEmpty()) {
            throw DomainException.invalid(field, "'" + field + "' must be an id (a UUID string); got " + node);
        }
        return Ids.parse(node.textValue()).orElseThrow();
    }

    /** The body must be a JSON object. */
    public static JsonNode object(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw DomainException.invalid("body", "A JSON object body is required");
        }
        if (!node.isObject()) {
            throw DomainException.invalid("body", "The body must be a JSON object");
        }
        return node;
    }

    /** Refuses fields other than {@code allowed} (a typo such as amount_cents must not be silently ignored). */
    public static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw DomainException.invalid(path + name, "Unknown field '" + path + name + "'; expected " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
