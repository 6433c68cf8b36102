package dev.roster.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.scim.schema.ScimError;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as a document a client can act on: SCIM error bodies under {@code /scim/v2},
 * problem+json elsewhere. Anything unexpected is logged and answered as a 500 without internals.
 */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);
    @ServerExceptionMapper
    public Response domain(DomainException e, HttpServerRequest request) {
        if (isScim(request)) {
            return ScimError.from(e).toResponse();
        }
        return problem(e.code().status(), e.code().code(), e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response scimError(ScimError e) {
        return e.toResponse();
    }

    /**
     * A body that is JSON but does not bind to the request record: an unknown field, a wrong type, a
     * value that is not an id. Named by its JSON path, like a Bean Validation failure. (Listed with its
     * subtype {@code MismatchedInputException}, for which Quarkus REST has a built-in mapper of its own.)
     */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class})
    public Response unbindable(JsonMappingException e, HttpServerRequest request) {
        String field = RequestFields.path(e);
        String detail = e instanceof UnrecognizedPropertyException unknown
                ? "Unknown field '" + field + "'" + RequestFields.expected(unknown)
                : "'" + field + "' must be " + RequestFields.expectedShape(e);
        if (field.isEmpty()) {
            detail = "The body must be " + RequestFields.expectedShape(e);
        }
        return isScim(request) ? ScimError.invalidSyntax(detail).toResponse()
                : problem(400, ErrorCode.VALIDATION_FAILED.code(), detail, field.isEmpty() ? "body" : field);
    }

    /**
     * A request record that binds but breaks a Bean Validation constraint: the first violation, by field.
     * (Quarkus throws its own subtype for endpoint parameters; it is named so that this mapper, not
     * Quarkus' default one, answers.)
     */
    @ServerExceptionMapper({ResteasyReactiveViolationException.class, ConstraintViolationException.class})
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        ConstraintViolation<?> first = RequestFields.first(e.getConstraintViolations());
        String field = RequestFields.path(first);
        String detail = field.isEmpty() ? first.getMessage() : "'" + field + "' " + first.getMessage();
        return isScim(request) ? ScimError.invalidValue(detail).toResponse()
                : problem(400, ErrorCode.VALIDATION_FAILED.code(), detail, field.isEmpty() ? "body" : field);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        String detail = "The request body is not valid JSON: " + e.getOriginalMessage();
        return isScim(request) ? ScimError.invalidSyntax(detail).toResponse()
                : problem(400, ErrorCode.MALFORMED_REQUEST.code(), detail, null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        if (isScim(request)) {
            return new ScimError(401, null, "A valid bearer token is required").toResponse();
        }
        return Response.fromResponse(problem(401, "unauthorized",
                        "A valid bearer JWT is required (missing, malformed, expired or not signed by a trusted key)", null))
                .header("WWW-Authenticate", "Bearer realm=\"roster-admin\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return isScim(request) ? new ScimError(403, null, "Forbidden").toResponse()
                : problem(403, ErrorCode.FORBIDDEN.code(), "You may not do this", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // the JSON reader wraps what is not a type mismatch: JSON that does not parse (even when met while
        // binding a field), a value a creator refused
        if (e.getCause() instanceof JsonProcessingException json) {
            StreamReadException malformed = notParsed(json);
            if (malformed != null) {
                return malformedJson(malformed, request);
            }
            if (json instanceof JsonMappingException unbindable) {
                return unbindable(unbindable, request);
            }
        }
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        String detail = switch (status) {
            case 404 -> "No such resource: " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "Cannot produce a response in the requested media type";
            case 415 -> "Unsupported request media type";
            default -> e.getMessage();
        };
        if (isScim(request)) {
            return new ScimError(status, status == 400 ? "invalidSyntax" : null, detail).toResponse();
        }
        String code = switch (status) {
            case 400 -> ErrorCode.MALFORMED_REQUEST.code();
            case 404 -> ErrorCode.NOT_FOUND.code();
            default -> "http_" + status;
        };
        return problem(status, code, detail, null);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "Unexpected error on %s %s", request.method(), request.path());
        return isScim(request) ? new ScimError(500, null, "Internal server error").toResponse()
                : problem(500, "internal_error", "Internal server error", null);
    }

    /** The parse failure behind a JSON exception, if that is what it is (a number too big for its type is not). */
    private static StreamReadException notParsed(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException parse && !(t instanceof InputCoercionException)) {
                return parse;
            }
        }
        return null;
    }

    private static boolean isScim(HttpServerRequest request) {
        return request.path().startsWith("/scim/");
    }

    private static Response problem(int status, String code, String detail, String field) {
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, code, title, detail, field)).build();
    }
}
