package dev.roster.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document validates (swagger-parser, a maintained OpenAPI 3 parser: any message fails), names
 * every operation once, documents the statuses the endpoints really answer and the SCIM token on SCIM
 * operations; Swagger UI serves it.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theDocumentValidates() {
        SwaggerParseResult result = parse();
        assertThat(result.getMessages(), empty());
        assertNotNull(result.getOpenAPI());
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        List<String> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        operations(parse().getOpenAPI()).forEach((name, operation) -> {
            if (operation.getOperationId() == null) {
                missing.add(name);
            } else if (!seen.add(operation.getOperationId())) {
                repeated.add(operation.getOperationId());
            }
        });
        assertThat(missing, empty());
        assertThat(repeated, empty());
        assertTrue(seen.size() > 50, "operations found: " + seen.size());
    }

    @Test
    void scimOperationsTakeTheScimTokenAndAdminOperationsTheJwt() {
        operations(parse().getOpenAPI()).forEach((name, operation) -> {
            if (name.contains(" /scim/")) {
                assertEquals(List.of(ApiDocumentation.SCIM_TOKEN), List.copyOf(operation.getSecurity().get(0).keySet()), name);
            } else {
                assertTrue(operation.getSecurity() == null, name + " overrides the document's admin JWT");
            }
        });
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.adminJwt.scheme", equalTo("bearer"))
                .body("components.securitySchemes.adminJwt.bearerFormat", equalTo("JWT"))
                .body("components.securitySchemes.scimToken.scheme", equalTo("bearer"))
                .body("security[0].adminJwt", notNullValue());
    }

    @Test
    void createsAnswer201WithLocationAndDeletes204() {
        Map<String, Operation> operations = operations(parse().getOpenAPI());
        for (String create : List.of("POST /api/v1/orgs/{orgId}/groups", "POST /api/v1/orgs/{orgId}/custom-roles",
                "POST /api/v1/orgs/{orgId}/plugins", "POST /api/v1/orgs", "POST /scim/v2/Users", "POST /scim/v2/Groups")) {
            assertNotNull(operations.get(create).getResponses().get("201").getHeaders().get("Location"), create);
            assertThat(create, operations.get(create).getResponses().keySet(), not(hasItem("200")));
        }
        assertThat(operations.get("POST /api/v1/orgs/{orgId}/scim-tokens").getResponses().keySet(), hasItem("201"));
        assertThat(operations.get("POST /api/v1/orgs/{orgId}/invitations").getResponses().keySet(), hasItem("201"));
        for (String delete : List.of("DELETE /api/v1/orgs/{orgId}/groups/{id}", "DELETE /api/v1/orgs/{orgId}/scim-tokens/{id}",
                "DELETE /scim/v2/Users/{id}", "DELETE /scim/v2/Groups/{id}")) {
            assertEquals(Set.of("204"), operations.get(delete).getResponses().keySet(), delete);
        }
        // a delete that answers the state it leaves keeps its 200 and schema
        assertNotNull(operations.get("DELETE /api/v1/orgs/{orgId}/members/{memberId}/spend-limit").getResponses().get("200")
                .getContent().get("application/json").getSchema().get$ref());
        assertThat(operations.get("PATCH /scim/v2/Groups/{id}").getResponses().keySet(), hasItem("204"));
        assertThat(operations.get("POST /api/v1/orgs/{orgId}/groups/{id}/members").getResponses().keySet(), hasItem("200"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static SwaggerParseResult parse() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    /** "METHOD /path" → operation. */
    private static Map<String, Operation> operations(OpenAPI openAPI) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        openAPI.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                operations.put(method.name() + " " + path, operation)));
        return operations;
    }
}
