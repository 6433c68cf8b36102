package dev.roster.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run has done so far and what it could not do, kept in memory by the one thread executing the
 * run and written to its row when it ends. Errors are capped so that a directory full of bad entries
 * cannot make a run row arbitrarily large; the last entry then says how many more there were.
 */
final class RunTally {

    int groupsCreated;
    int groupsUpdated;
    int groupsDeleted;
    int membershipsAdded;
    int membershipsRemoved;
    int membersCreated;
    int membersSuspended;
    int membersReactivated;
    private final List<SyncProblem> errors = new ArrayList<>();
    private int moreErrors;

    void error(String code, String message, String upstreamId) {
        if (errors.size() < SyncRunStore.MAX_ERRORS - 1) {
            errors.add(new SyncProblem(code, message, upstreamId));
        } else {
            moreErrors++;
        }
    }

    void error(String code, String message) {
        error(code, message, null);
    }

    /** The reason the run failed: always recorded, first, whatever the cap. */
    void failed(SyncProblem failure) {
        errors.add(0, failure);
        if (errors.size() > SyncRunStore.MAX_ERRORS - 1) {
            errors.remove(errors.size() - 1);
            moreErrors++;
        }
    }

    SyncCounts counts() {
        return new SyncCounts(groupsCreated, groupsUpdated, groupsDeleted, membershipsAdded, membershipsRemoved, membersCreated,
                membersSuspended, membersReactivated);
    }

    List<SyncProblem> errors() {
        List<SyncProblem> all = new ArrayList<>(errors);
        if (moreErrors > 0) {
            all.add(SyncProblem.of("more_errors", moreErrors + " more errors were not recorded"));
        }
        return all;
    }
}
