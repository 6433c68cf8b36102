package dev.roster.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The OpenAPI document describes the admin API and its bearer schemes; Swagger UI serves it. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void describesTheAdminEndpointsAndTheJwtScheme() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.adminJwt.scheme", equalTo("bearer"))
                .body("components.securitySchemes.adminJwt.bearerFormat", equalTo("JWT"))
                .body("components.securitySchemes.scimToken.scheme", equalTo("bearer"))
                .body("security[0].adminJwt", notNullValue())
                .body("paths.'/api/v1/me'.get.summary", notNullValue())
                .body("paths.'/api/v1/orgs'.post.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}'.patch.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/groups'.get.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/groups'.post.requestBody", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/groups/{id}'.patch.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/groups/{id}/members'.post.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/groups/{id}/members/{memberId}'.delete.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/invitations'.post.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/invitations/{id}'.delete.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/scim-tokens'.post.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/scim-tokens/{id}'.delete.summary", notNullValue())
                .body("paths.'/api/v1/orgs/{orgId}/audit-events'.get.summary", notNullValue());
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
