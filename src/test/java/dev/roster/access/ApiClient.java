package dev.roster.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The admin API over real HTTP for the tests that make hundreds of calls (the escalation matrix, the
 * enforce/explain agreement): one keep-alive JDK client, about three times faster per call than rest-assured.
 */
final class ApiClient {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiClient() {
    }

    /** An answer: status, content type and body, with the problem {@code code} of a refusal. */
    record Answer(int status, String contentType, String body) {

        /** The {@code code} of a problem+json answer, else null. */
        String code() {
            return contentType.startsWith("application/problem+json") ? json().path("code").asText(null) : null;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            String code = code();
            return status + (code != null ? " " + code : "") + " " + (body.length() <= 200 ? body : body.substring(0, 200) + "…");
        }
    }

    /** {@code body} is JSON text, or null for none. */
    static Answer send(String bearer, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
