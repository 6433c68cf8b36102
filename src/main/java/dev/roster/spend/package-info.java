/**
 * Spend (SPEC §4): individual and group monthly limits and their resolution
 * ({@link dev.roster.spend.SpendLimitResolver}, the one rule), the org spend cap, the usage ledger (a batch in
 * one statement, idempotent per eventId), authorize ({@link dev.roster.spend.SpendDecision} on one read) and
 * the usage reports. Resources parse the body into records and check rights ({@link dev.roster.spend.SpendRights});
 * services hold the rules and own the transactions.
 *
 * <p>Persistence: every statement is a named constant in {@link dev.roster.spend.SpendLimitStore} (the three
 * limit tables) or {@link dev.roster.spend.UsageStore} (the ledger, month rows, and the reads joining limits
 * with spend), run through Jdbi. Members and groups tables are read there, never changed.
 *
 * <p>May depend on {@code common} (including the shared {@code Limit}), {@code access} (the admin authorizer;
 * it contributes an {@code AccessSection}), {@code audit} and {@code orgs} (the enterprise-plan check). Depended
 * on by {@code orgs} ({@code SpendCapService}, for the org document's {@code spendCap}) and {@code groups}
 * ({@code SpendLimitStore.groupLimits}), and {@code observability} counts its answers; the orgs edge closes the one
 * remaining cycle, through the plan check.
 */
package dev.roster.spend;
