package dev.roster.spend;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Thin HTTP helpers for the spend endpoints (real HTTP through rest-assured). */
final class SpendApi {

    private SpendApi() {
    }

    static RequestSpecification as(String jwt) {
        return given().auth().oauth2(jwt).contentType("application/json");
    }

    static String base(UUID orgId) {
        return "/api/v1/orgs/" + orgId;
    }

    static String amount(long cents) {
        return "{\"type\":\"amount\",\"amountCents\":" + cents + "}";
    }

    static final String UNLIMITED = "{\"type\":\"unlimited\"}";

    static Response putMemberLimit(String jwt, UUID orgId, UUID memberId, String limit) {
        return as(jwt).body(limit).put(base(orgId) + "/members/" + memberId + "/spend-limit");
    }

    static Response getMemberLimit(String jwt, UUID orgId, UUID memberId) {
        return as(jwt).get(base(orgId) + "/members/" + memberId + "/spend-limit");
    }

    static Response deleteMemberLimit(String jwt, UUID orgId, UUID memberId) {
        return as(jwt).delete(base(orgId) + "/members/" + memberId + "/spend-limit");
    }

    static Response putGroupLimit(String jwt, UUID orgId, UUID groupId, String limit) {
        return as(jwt).body(limit).put(base(orgId) + "/groups/" + groupId + "/spend-limit");
    }

    static Response deleteGroupLimit(String jwt, UUID orgId, UUID groupId) {
        return as(jwt).delete(base(orgId) + "/groups/" + groupId + "/spend-limit");
    }

    /** PATCH /api/v1/orgs/{orgId} {"spendCap": limitJson} (limitJson "null" removes the cap). */
    static Response patchSpendCap(String jwt, UUID orgId, String limitJson) {
        return as(jwt).body("{\"spendCap\":" + limitJson + "}").patch(base(orgId));
    }

    static Response authorize(String jwt, UUID orgId, UUID memberId, long cents) {
        return as(jwt).body("{\"memberId\":\"" + memberId + "\",\"amountCents\":" + cents + "}").post(base(orgId) + "/spend/authorize");
    }

    static Response events(String jwt, UUID orgId, String eventsJson) {
        return as(jwt).body("{\"events\":[" + eventsJson + "]}").post(base(orgId) + "/usage/events");
    }

    static String event(String eventId, UUID memberId, long cents, String occurredAt) {
        return "{\"eventId\":\"" + eventId + "\",\"memberId\":\"" + memberId + "\",\"amountCents\":" + cents
                + ",\"occurredAt\":\"" + occurredAt + "\"}";
    }
}
