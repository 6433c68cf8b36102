/**
 * The SCIM data model and vocabulary: the schema, resource-type and service-provider documents loaded from
 * {@code scim-schemas/} (served by discovery, read by validation and filtering), attribute definitions,
 * the normaliser that puts what an IdP sends into canonical form, attribute projection
 * ({@code attributes}/{@code excludedAttributes}), the SCIM media type and the SCIM error message
 * ({@link dev.roster.scim.schema.ScimError}, RFC 7644 §3.12) every SCIM layer raises.
 *
 * <p>May depend on {@code common} only; the other SCIM packages depend on it.
 */
package dev.roster.scim.schema;
