/**
 * Cowork plugins (SPEC §5): an org's marketplace with each plugin's default state, per-group overrides, and
 * effective states with their source. {@link dev.roster.plugins.PluginPrecedence} is the precedence rule
 * (strongest override wins, else the default), pure; {@link dev.roster.plugins.PluginStateResolver} applies
 * it to what {@link dev.roster.plugins.PluginStore} reads (every statement is a named constant there, run
 * through Jdbi). {@link dev.roster.plugins.PluginService} holds the rules and owns the transactions;
 * {@link dev.roster.plugins.PluginsResource} binds request records and checks rights and the plan.
 *
 * <p>May depend on {@code common}, {@code access} (the admin authorizer; it contributes an
 * {@code AccessSection}), {@code audit}, {@code groups} (an override names one of the org's groups) and
 * {@code orgs} (the enterprise-plan check). Nothing depends on it.
 */
package dev.roster.plugins;
