package dev.roster.roles;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /custom-roles} and {@code PATCH /custom-roles/{id}}, for the OpenAPI
 * document. (The body is read field by field, so that each mistake names its field.) On PATCH every
 * field is optional and a given field replaces the stored one whole.
 */
public record CustomRoleInput(String name, String description, List<String> capabilities,
                              Map<String, String> adminAreas) {
}
