package dev.roster.spend;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.roster.common.Limit;
import dev.roster.common.JsonScalars;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One usage report from the product: this member spent this many whole cents at that moment
 * (an ISO-8601 timestamp with an offset). {@code eventId} is the product's unique id of the event.
 */
public record UsageEvent(
        @NotBlank(message = "is required (the product's unique id of the event)")
        @Size(max = MAX_EVENT_ID_LENGTH) String eventId,
        @NotNull UUID memberId,
        @NotNull(message = "is required (an integer number of US cents)") @PositiveOrZero
        @Max(value = MAX_EVENT_CENTS, message = "must be at most {value} cents")
        @JsonDeserialize(using = JsonScalars.WholeNumber.class) Long amountCents,
        @NotNull(message = "is required (an ISO-8601 timestamp such as 2026-11-30T23:59:59Z)") @Years1970To9999
        @JsonDeserialize(using = JsonScalars.Timestamp.class) Instant occurredAt) {

    public static final int MAX_EVENT_ID_LENGTH = 255;
    /** Per event: far above any real request's cost, far below what could overflow a month's sum. */
    public static final long MAX_EVENT_CENTS = Limit.MAX_AMOUNT_CENTS;

    /** The ledger's range: no usage before 1970, no four-digit-year overflow. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Years1970To9999.Check.class)
    public @interface Years1970To9999 {

        String message() default "must be in the years 1970 to 9999 (UTC)";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<Years1970To9999, Instant> {

            @Override
            public boolean isValid(Instant at, ConstraintValidatorContext context) {
                if (at == null) {
                    return true;
                }
                int year = at.atOffset(ZoneOffset.UTC).getYear();
                return year >= 1970 && year <= 9999;
            }
        }
    }
}
