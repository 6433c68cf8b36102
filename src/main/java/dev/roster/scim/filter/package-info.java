/**
 * SCIM filters (RFC 7644 §3.4.2.2): the lenient pre-pass for the forms IdPs send outside the grammar
 * ({@link dev.roster.scim.filter.LenientFilterSyntax}), parsing ({@link dev.roster.scim.filter.ScimFilterParser}),
 * error details in the client's terms, where each resource type's attributes live in SQL
 * ({@link dev.roster.scim.filter.FilterColumns}), and the translation of a filter into a SQL condition with
 * named parameters ({@link dev.roster.scim.filter.FilterSql}). Pure: it builds SQL, never runs it.
 *
 * <p>May depend on {@code scim.schema} and {@code common}; nothing else of Roster.
 */
package dev.roster.scim.filter;
