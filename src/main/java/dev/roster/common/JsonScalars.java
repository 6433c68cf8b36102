package dev.roster.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Request fields stricter than the mapper's own strictness ({@code platform.StrictJson}), for
 * {@code @JsonDeserialize(using = …)}: money never arrives as a fraction ({@code 5.5}, {@code 5.0},
 * {@code 1e3}), which Jackson would truncate; a timestamp never as an epoch number. A refused value is a
 * binding failure, {@code 400 validation_failed} naming the field.
 */
public final class JsonScalars {

    private JsonScalars() {
    }

    /** A JSON integer that fits in 64 bits; no fraction (not even {@code 5.0} or {@code 1e3}), string or boolean. */
    public static final class WholeNumber extends StdScalarDeserializer<Long> {

        public WholeNumber() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p.currentToken(), p,
                        "must be a whole number (a JSON integer), not %s", p.getText());
            }
            if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
                return (Long) ctxt.handleWeirdNumberValue(Long.class, p.getNumberValue(), "is out of range");
            }
            return p.getLongValue();
        }
    }

    /** An ISO-8601 date-time with an offset as a JSON string ({@code 2026-11-30T23:59:59Z}); no epoch number. */
    public static final class Timestamp extends StdScalarDeserializer<Instant> {

        public Timestamp() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return OffsetDateTime.parse(p.getText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                } catch (DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                            "must be an ISO-8601 timestamp with an offset, such as 2026-11-30T23:59:59Z");
                }
            }
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p.currentToken(), p,
                    "must be an ISO-8601 timestamp with an offset as a string, such as 2026-11-30T23:59:59Z");
        }
    }
}
