/**
 * Directory sync ("SCIM Sync", SPEC §7): an org's upstream directory (token encrypted by
 * {@link dev.roster.sync.TokenCipher}), runs as background jobs ({@link dev.roster.sync.SyncJob}: read into
 * staging, plan, check the thresholds, apply), and the admin API ({@link dev.roster.sync.DirectorySyncResource}).
 *
 * <p>Persistence: the {@code directory_sync_*} tables through the stores ({@code SyncRunStore},
 * {@code SyncConfigStore}, {@code SyncLinkStore}, {@code SyncStagingStore}; {@code SyncDiffStore} compares
 * staging with the org's groups, read only). Every change to the org goes through the domain services.
 *
 * <p>May depend on {@code common}, {@code audit}, {@code orgs}, {@code members}, {@code groups},
 * {@code auth} (admin authorization), {@code scim} (the User schema normalisation of upstream users) and its
 * own {@code connector}; nothing depends on it.
 */
package dev.roster.sync;
