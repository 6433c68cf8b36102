package dev.roster.scim.schema;

import dev.roster.common.DomainException;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SCIM error (RFC 7644 §3.12): HTTP status, optional scimType, and a detail a person can act on.
 * Thrown anywhere in SCIM processing; {@link dev.roster.platform.ErrorResponses} answers it with
 * {@link #toResponse()}.
 */
public class ScimError extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimError(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    /** The SCIM error response: status, the Error message body, and the headers the status calls for. */
    public Response toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        body.put("status", Integer.toString(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", getMessage());
        Response.ResponseBuilder response = Response.status(status).type(ScimMediaType.SCIM_JSON).entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        return decorate(response).build();
    }

    /** Headers a kind of error adds (Retry-After on 429). */
    protected Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response;
    }

    /** The bearer token is not (or no longer) a live SCIM token. */
    public static ScimError unknownOrRevokedToken() {
        return new ScimError(401, null, "The bearer token is not a valid SCIM token (unknown or revoked)");
    }

    public static ScimError invalidSyntax(String detail) {
        return new ScimError(400, "invalidSyntax", detail);
    }

    public static ScimError invalidValue(String detail) {
        return new ScimError(400, "invalidValue", detail);
    }

    public static ScimError invalidFilter(String detail) {
        return new ScimError(400, "invalidFilter", detail);
    }

    public static ScimError invalidPath(String detail) {
        return new ScimError(400, "invalidPath", detail);
    }

    public static ScimError noTarget(String detail) {
        return new ScimError(400, "noTarget", detail);
    }

    public static ScimError mutability(String detail) {
        return new ScimError(400, "mutability", detail);
    }

    public static ScimError notFound(String detail) {
        return new ScimError(404, null, detail);
    }

    /** The SCIM reading of a domain rule's refusal. */
    public static ScimError from(DomainException e) {
        return switch (e.code()) {
            case NOT_FOUND -> new ScimError(404, null, e.getMessage());
            case NAME_TAKEN -> new ScimError(409, "uniqueness", e.getMessage());
            // 400 invalidValue, not 409 or 429: no IdP may take the cap for a duplicate or for throttling
            case GROUP_LIMIT_REACHED, VALIDATION_FAILED -> new ScimError(400, "invalidValue", e.getMessage());
            case PRIMARY_OWNER_PROTECTED -> new ScimError(400, "mutability", e.getMessage());
            case MALFORMED_REQUEST -> new ScimError(400, "invalidSyntax", e.getMessage());
            case PRECONDITION_FAILED -> new ScimError(412, null, e.getMessage());
            case FORBIDDEN, PLAN_REQUIRED -> new ScimError(403, null, e.getMessage());
            default -> new ScimError(e.code().status(), null, e.getMessage());
        };
    }
}
