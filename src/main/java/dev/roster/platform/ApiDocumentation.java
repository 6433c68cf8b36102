package dev.roster.platform;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * Document-level OpenAPI declarations (served at {@code /q/openapi}, browsable at {@code /q/swagger-ui}):
 * the two bearer schemes and the admin JWT as the default requirement. SCIM resources declare
 * {@code @SecurityRequirement(name = "scimToken")} to override it. Holds no code: it extends
 * {@link Application} only because that is where the OpenAPI scanner reads document-level annotations;
 * without {@code @ApplicationPath} and with no classes listed, every resource stays where it is.
 */
@OpenAPIDefinition(
        info = @Info(title = "Roster API", version = "v1",
                description = "SCIM 2.0 provisioning, groups, custom roles, effective permissions and spend limits. "
                        + "Admin endpoints take an admin JWT (Authorization: Bearer <jwt>, claims sub = member id, "
                        + "org_id = organization id); errors are application/problem+json with a stable code."),
        security = @SecurityRequirement(name = ApiDocumentation.ADMIN_JWT))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = ApiDocumentation.ADMIN_JWT, type = SecuritySchemeType.HTTP,
                scheme = "bearer", bearerFormat = "JWT",
                description = "Admin JWT: from the organization's OIDC provider, or locally $ROSTER_DATA_DIR/bootstrap-admin.jwt"),
        @SecurityScheme(securitySchemeName = ApiDocumentation.SCIM_TOKEN, type = SecuritySchemeType.HTTP,
                scheme = "bearer", description = "An organization's SCIM token (created under /scim-tokens), for /scim/v2")
})
public class ApiDocumentation extends Application {

    public static final String ADMIN_JWT = "adminJwt";
    public static final String SCIM_TOKEN = "scimToken";
}
