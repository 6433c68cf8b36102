package dev.roster.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Optional;

/**
 * {@code PATCH /plugins/{id}}: a field left out stays as it is (its component is null); a description
 * sent as null becomes empty; name and defaultState cannot be null. Read-only fields are ignored, as in
 * {@link NewPluginRequest}.
 */
@JsonIgnoreProperties({"id", "createdAt", "updatedAt"})
public record PluginChangesRequest(
        Optional<@PluginName String> name,
        Optional<@Size(max = NewPluginRequest.MAX_DESCRIPTION_LENGTH, message = "has at most {max} characters") String> description,
        Optional<@NotNull PluginState> defaultState,
        @Null(message = NewPluginRequest.OVERRIDES_ELSEWHERE) @Schema(hidden = true) JsonNode overrides) {

    public PluginChangesRequest {
        name = name == null ? null : name.map(String::strip);
    }

    /** The plugin with these changes applied (timestamps untouched). */
    Plugin applyTo(Plugin plugin) {
        return new Plugin(plugin.orgId(), plugin.id(),
                name == null ? plugin.name() : name.orElseThrow(),
                description == null ? plugin.description() : description.orElse(""),
                defaultState == null ? plugin.defaultState() : defaultState.orElseThrow(),
                plugin.createdAt(), plugin.updatedAt());
    }
}
