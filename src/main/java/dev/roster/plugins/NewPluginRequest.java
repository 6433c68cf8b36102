package dev.roster.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Optional;

/**
 * {@code POST /plugins}: name required; description defaults to empty; defaultState (absent) to
 * {@code available}. Read-only fields of the resource ({@code id}, timestamps) are ignored, so a client
 * may send back what it read; {@code overrides} has a resource of its own.
 */
@JsonIgnoreProperties({"id", "createdAt", "updatedAt"})
public record NewPluginRequest(
        @PluginName String name,
        @Size(max = MAX_DESCRIPTION_LENGTH, message = "has at most {max} characters") String description,
        Optional<@NotNull PluginState> defaultState,
        @Null(message = OVERRIDES_ELSEWHERE) @Schema(hidden = true) JsonNode overrides) {

    static final int MAX_DESCRIPTION_LENGTH = 4000;
    static final String OVERRIDES_ELSEWHERE =
            "is not a field of this body; set a group's override with PUT /plugins/\\{id\\}/overrides/\\{groupId\\}";

    public NewPluginRequest {
        name = name == null ? null : name.strip();
    }

    String descriptionOrEmpty() {
        return description == null ? "" : description;
    }

    PluginState defaultStateOrAvailable() {
        return defaultState == null ? PluginState.AVAILABLE : defaultState.orElseThrow();
    }
}
