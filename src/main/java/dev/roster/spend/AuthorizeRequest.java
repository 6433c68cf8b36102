package dev.roster.spend;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.roster.common.Limit;
import dev.roster.common.JsonScalars;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.UUID;

/** {@code POST /spend/authorize}: may {@code memberId} spend {@code amountCents} (whole US cents) now? */
public record AuthorizeRequest(
        @NotNull UUID memberId,
        @NotNull(message = "is required (an integer number of US cents)") @PositiveOrZero
        @Max(value = Limit.MAX_AMOUNT_CENTS, message = "must be at most {value} cents")
        @JsonDeserialize(using = JsonScalars.WholeNumber.class) Long amountCents) {
}
