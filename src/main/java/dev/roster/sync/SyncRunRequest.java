package dev.roster.sync;

/** {@code POST …/directory-sync/runs} (the body is optional): {@code force} lifts the deletion threshold. */
public record SyncRunRequest(Boolean force) {

    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
