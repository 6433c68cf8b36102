package dev.roster.sync;

/**
 * What a run changed (SPEC §9 SyncRun.counts), and whom it suspended (inactive upstream) or reactivated
 * (active again upstream).
 */
public record SyncCounts(int groupsCreated, int groupsUpdated, int groupsDeleted, int membershipsAdded,
                         int membershipsRemoved, int membersCreated, int membersSuspended, int membersReactivated) {
}
