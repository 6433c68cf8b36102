package dev.roster.scim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a SCIM endpoint that proves its caller's token live (not revoked) inside its own SQL statement,
 * so {@link ScimAuthenticationFilter} may skip its own database lookup for a token this replica already
 * knows. A read proves it through {@link ScimContext#liveTenantScope} (when it cannot, the response filter
 * asks the database before anything is sent). A <em>write</em> may carry this mark only if every statement
 * it runs is guarded by {@link ScimContext#liveTokenGuard}, so that nothing is written for a revoked token:
 * a check after the fact would come too late.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProvesTokenLiveness {
}
