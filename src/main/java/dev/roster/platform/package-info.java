/**
 * Running the service: start-up (the embedded PostgreSQL when no datasource is configured, local JWT keys,
 * the configuration refusals of {@link dev.roster.platform.StartupChecks}, the migration of
 * {@link dev.roster.platform.DatabaseMigration}, the first-start {@link dev.roster.platform.Bootstrap}),
 * the error documents every request may end with ({@link dev.roster.platform.ErrorResponses}) and the
 * OpenAPI document. The outermost layer: it may depend on every feature package; none depends on it
 * except for {@link dev.roster.platform.DataDirectory} and the {@link dev.roster.platform.Problem} document.
 */
package dev.roster.platform;
