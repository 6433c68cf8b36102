package dev.roster.sync;

/** What a run changed (SPEC §9 SyncRun.counts). */
public record SyncCounts(int groupsCreated, int groupsUpdated, int groupsDeleted, int membershipsAdded,
                         int membershipsRemoved, int membersCreated) {

    public static final SyncCounts ZERO = new SyncCounts(0, 0, 0, 0, 0, 0);
}
