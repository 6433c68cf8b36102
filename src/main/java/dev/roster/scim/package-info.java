/**
 * The SCIM 2.0 service (RFC 7644) that identity providers call under {@code /scim/v2}: the HTTP resources
 * (Users, Groups, the root search, discovery), bearer-token authentication with per-token throttling
 * ({@link dev.roster.scim.ScimAuthenticationFilter}, {@link dev.roster.scim.ScimContext}), the SCIM services
 * that own the transactions and translate documents into calls on the domain ({@code members},
 * {@code groups}), PATCH application, ETags, and the SQL reads of SCIM lists ({@code Scim*Queries}).
 *
 * <p>May depend on {@code scim.filter}, {@code scim.schema}, {@code common}, {@code members}, {@code groups}
 * and {@code auth} (token lookup). Rules stay in the domain services; nothing here re-states them.
 */
package dev.roster.scim;
