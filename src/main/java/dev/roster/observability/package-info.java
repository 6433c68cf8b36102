/**
 * Roster's own metrics, served with the JVM, HTTP and pool metrics at {@code /q/metrics} (Micrometer,
 * Prometheus format). Every label has a small fixed set of values: never a member, org, group or token.
 * Recorded where requests pass anyway (an HTTP filter, a JAX-RS response filter), plus one call at the end
 * of a directory-sync run. May depend on the features whose answers it counts ({@code spend}); no feature
 * depends on it except {@code sync}'s one call into {@link dev.roster.observability.SyncRunMetrics}.
 */
package dev.roster.observability;
