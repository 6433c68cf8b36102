package dev.roster.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A monthly spend limit that is set: {@code {"type":"unlimited"}} or
 * {@code {"type":"amount","amountCents":5000}}. "Not set" is represented by no Limit at all (null).
 * Amounts are whole US cents from 0 to {@link #MAX_AMOUNT_CENTS}: a JSON integer, never a fraction or a
 * string. A value shared by spend (limits, the org cap), orgs ({@code spendCap}) and groups
 * ({@code spendLimit}); as a request body it is checked by Bean Validation ({@code @Valid}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Limit.AmountMatchesType
public record Limit(@NotNull(message = "is required: \"unlimited\" or \"amount\"") LimitType type,
                    @PositiveOrZero @Max(value = MAX_AMOUNT_CENTS, message = "must be at most {value} cents")
                    @JsonDeserialize(using = JsonScalars.WholeNumber.class) Long amountCents) {

    /** 10^12 cents (ten billion dollars): anything above is a typo, not a budget. */
    public static final long MAX_AMOUNT_CENTS = 1_000_000_000_000L;

    /** The Bean Validation message for a missing limit body (braces escaped from message interpolation). */
    public static final String REQUIRED =
            "A limit is required: \\{\"type\":\"unlimited\"\\} or \\{\"type\":\"amount\",\"amountCents\":N\\}";

    public static Limit unlimited() {
        return new Limit(LimitType.UNLIMITED, null);
    }

    public static Limit amount(long cents) {
        return new Limit(LimitType.AMOUNT, cents);
    }

    @JsonIgnore
    public boolean isAmount() {
        return type == LimitType.AMOUNT;
    }

    /** What is left of an amount limit after {@code spentCents} (never below 0); null unless an amount. */
    public Long remaining(long spentCents) {
        return isAmount() ? Math.max(0, amountCents - spentCents) : null;
    }

    /** From a row's {@code kind, amount_cents} columns; a null kind means not set. */
    public static Limit fromColumns(String kind, Long amountCents) {
        if (kind == null) {
            return null;
        }
        return LimitType.fromWire(kind).map(type -> new Limit(type, type == LimitType.AMOUNT ? amountCents : null))
                .orElseThrow(() -> new IllegalStateException("unknown limit kind in the database: " + kind));
    }

    /** An amount limit, and only it, has {@code amountCents}; the violation names {@code amountCents}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = AmountMatchesType.Check.class)
    public @interface AmountMatchesType {

        String message() default "is required for an amount limit, and only for it";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<AmountMatchesType, Limit> {

            @Override
            public boolean isValid(Limit limit, ConstraintValidatorContext context) {
                if (limit == null || limit.type() == null || limit.isAmount() == (limit.amountCents() != null)) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(limit.isAmount()
                                ? "is required for an amount limit" : "is not taken by an unlimited limit")
                        .addPropertyNode("amountCents").addConstraintViolation();
                return false;
            }
        }
    }
}
