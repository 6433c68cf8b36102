package dev.roster.platform;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.List;
import java.util.Map;

/**
 * Completes the generated OpenAPI document ({@code mp.openapi.filter}) with what the scanner cannot see,
 * so that resources need no per-method status annotations:
 * <ul>
 *   <li>SCIM operations ({@code /scim/v2}) take the SCIM token, not the admin JWT;</li>
 *   <li>an endpoint that answers with a bare {@code Response} (documented as a 200 without a schema)
 *       answers, by the API's conventions: {@code 204} for a DELETE; {@code 201} for a POST on a collection
 *       whose items have their own path, with {@code Location} when an item can be read there (GET);</li>
 *   <li>a SCIM group PATCH answers {@code 204}, or {@code 200} with the group when attributes are asked for;</li>
 *   <li>every response has a description (the reason phrase), as OpenAPI requires.</li>
 * </ul>
 * Operation ids come from {@code mp.openapi.extensions.smallrye.operationIdStrategy=CLASS_METHOD}.
 */
public class ApiDocumentationFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, PathItem> paths = openAPI.getPaths().getPathItems();
        paths.forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (path.startsWith("/scim/")) {
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(ApiDocumentation.SCIM_TOKEN)));
            }
            APIResponses responses = operation.getResponses();
            if (answersBareResponse(responses)) {
                conventionalStatus(paths, path, method, responses);
            }
            location(paths, path, method, responses);
            responses.getAPIResponses().forEach((status, response) -> {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(reasonPhrase(status));
                }
            });
        }));
    }

    private static void conventionalStatus(Map<String, PathItem> paths, String path, HttpMethod method, APIResponses responses) {
        APIResponse ok = responses.getAPIResponse("200");
        if (method == HttpMethod.DELETE) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse("204", OASFactory.createAPIResponse().description("No Content"));
        } else if (method == HttpMethod.POST && itemPath(paths, path) != null) {
            responses.removeAPIResponse("200");
            responses.addAPIResponse("201", ok.description("Created"));
        } else if (method == HttpMethod.PATCH && path.equals("/scim/v2/Groups/{id}")) {
            responses.addAPIResponse("204", OASFactory.createAPIResponse()
                    .description("Modified; the group is not echoed back unless attributes or excludedAttributes are given"));
        }
    }

    private static void location(Map<String, PathItem> paths, String path, HttpMethod method, APIResponses responses) {
        APIResponse created = responses.getAPIResponse("201");
        PathItem item = itemPath(paths, path);
        if (method == HttpMethod.POST && created != null && item != null && item.getGET() != null
                && (created.getHeaders() == null || !created.getHeaders().containsKey("Location"))) {
            created.addHeader("Location", OASFactory.createHeader().description("The URL of the created resource")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
        }
    }

    /** {@code path/{…}}, the path of one item of the collection {@code path}, if there is one. */
    private static PathItem itemPath(Map<String, PathItem> paths, String path) {
        return paths.entrySet().stream()
                .filter(e -> e.getKey().startsWith(path + "/{") && e.getKey().indexOf('/', path.length() + 1) < 0)
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** A 200 whose content has no schema: the method returns a {@code Response} built by hand. */
    private static boolean answersBareResponse(APIResponses responses) {
        APIResponse ok = responses == null ? null : responses.getAPIResponse("200");
        if (ok == null || ok.getContent() == null) {
            return false;
        }
        Content content = ok.getContent();
        return content.getMediaTypes().values().stream().map(MediaType::getSchema)
                .allMatch(schema -> schema == null || (schema.getRef() == null && schema.getAll().isEmpty()));
    }

    private static String reasonPhrase(String status) {
        Response.Status known = status.matches("\\d{3}") ? Response.Status.fromStatusCode(Integer.parseInt(status)) : null;
        return known != null ? known.getReasonPhrase() : "Response " + status;
    }
}
