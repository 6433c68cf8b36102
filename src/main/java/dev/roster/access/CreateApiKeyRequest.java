package dev.roster.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** {@code POST /api-keys}: a name and the key's admin levels (area → none, view, manage; areas left out are none). */
public record CreateApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull Map<String, String> adminAreas) {
}
