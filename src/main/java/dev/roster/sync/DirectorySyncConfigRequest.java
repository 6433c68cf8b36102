package dev.roster.sync;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code PUT …/directory-sync}: the upstream directory. {@code connector} may be left out ({@code scim});
 * the URL and token rules are {@link DirectorySyncConfigService}'s.
 */
public record DirectorySyncConfigRequest(
        String connector,
        @NotBlank(message = "is required (the upstream's SCIM base URL, e.g. https://idp.example.com/scim/v2)") String baseUrl,
        @NotBlank(message = "is required") String bearerToken) {
}
