package dev.roster.sync;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * A PostgreSQL session advisory lock per org, held by whichever replica is executing that org's run, on a
 * connection of its own for the run's whole duration. Other replicas can therefore tell a live run from
 * one whose server died (PostgreSQL drops the lock with the connection): that is how runs left behind by
 * a crash or restart are found and marked failed. (That only one run exists per org is the partial
 * unique index's job; the lock tells whether someone is working on it.)
 */
@ApplicationScoped
public class SyncLocks {

    private static final Logger LOG = Logger.getLogger(SyncLocks.class);
    /** The first of the two advisory-lock keys: "SYNC". */
    private static final int LOCK_CLASS = 0x53594E43;

    static final String TRY_LOCK = "SELECT pg_try_advisory_lock(:lockClass, :orgKey)";
    static final String LOCK = "SELECT true FROM pg_advisory_lock(:lockClass, :orgKey)";
    static final String UNLOCK = "SELECT pg_advisory_unlock(:lockClass, :orgKey)";

    /** A held lock; closing it releases the lock and the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final Jdbi jdbi;

    public SyncLocks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The org's lock if nobody holds it now. */
    public Optional<Held> tryLock(UUID orgId) {
        return acquire(orgId, TRY_LOCK);
    }

    /** The org's lock, waiting for it if another session holds it. */
    public Held lock(UUID orgId) {
        return acquire(orgId, LOCK).orElseThrow(() -> new IllegalStateException("pg_advisory_lock did not answer"));
    }

    private Optional<Held> acquire(UUID orgId, String statement) {
        Handle handle = jdbi.open();
        try {
            boolean locked = call(handle, statement, orgId);
            if (!locked) {
                handle.close();
                return Optional.empty();
            }
            return Optional.of(() -> release(handle, orgId));
        } catch (RuntimeException e) {
            handle.close();
            throw new IllegalStateException("Cannot take the directory-sync lock of org " + orgId, e);
        }
    }

    private static boolean call(Handle handle, String statement, UUID orgId) {
        return handle.createQuery(statement).bind("lockClass", LOCK_CLASS).bind("orgKey", orgId.hashCode())
                .mapTo(Boolean.class).findOne().orElse(false);
    }

    private static void release(Handle handle, UUID orgId) {
        try {
            call(handle, UNLOCK, orgId);
            handle.close();
        } catch (RuntimeException e) {
            // never hand a connection that may still hold the lock back to the pool
            LOG.warnf("Could not release the directory-sync lock of org %s cleanly (%s); dropping the connection", orgId, e.getMessage());
            try {
                handle.getConnection().abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        }
    }
}
