package dev.roster.sync;

/** Ends a run as failed with this error (a threshold, the deadline, a configuration gone). */
final class RunStopped extends Exception {

    private final String code;

    RunStopped(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
