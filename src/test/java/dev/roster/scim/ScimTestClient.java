package dev.roster.scim;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Small helpers for SCIM tests: an authenticated request and canned bodies. */
final class ScimTestClient {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private final String token;

    ScimTestClient(String token) {
        this.token = token;
    }

    RequestSpecification req() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        return given().auth().oauth2(token).contentType("application/scim+json").accept("application/scim+json");
    }

    static String userBody(String userName) {
        return """
                {"schemas":["%s"],"userName":"%s","name":{"givenName":"Given","familyName":"Family"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Given Family","active":true,
                 "password":"not-stored-%s"}""".formatted(USER, userName, userName, UUID.randomUUID());
    }

    String createUser(String userName) {
        return req().body(userBody(userName)).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    String createGroup(String name) {
        return req().body("{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + name + "\",\"members\":[]}")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
    }

    Response patch(String resource, String id, String operations) {
        return req().body("{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[" + operations + "]}")
                .patch("/scim/v2/" + resource + "/" + id);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@scim.test";
    }
}
