package dev.roster.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /console} → {@code /console/}. The admin console is static files under
 * {@code META-INF/resources/console/} whose links are relative ({@code console.js}), so it must be
 * opened with the trailing slash. The Location is relative too, so the redirect also works behind a
 * proxy that mounts Roster under a path prefix.
 */
@Path("/console")
public class ConsoleRedirect {

    @GET
    @Operation(hidden = true)
    public Response redirect() {
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, "console/").build();
    }
}
