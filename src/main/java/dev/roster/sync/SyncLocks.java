package dev.roster.sync;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    /** A held lock; closing it releases the lock and the connection. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final AgroalDataSource dataSource;

    public SyncLocks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The org's lock if nobody holds it now. */
    public Optional<Held> tryLock(UUID orgId) {
        return acquire(orgId, "SELECT pg_try_advisory_lock(?, ?)");
    }

    /** The org's lock, waiting for it if another session holds it. */
    public Held lock(UUID orgId) {
        return acquire(orgId, "SELECT true FROM pg_advisory_lock(?, ?)")
                .orElseThrow(() -> new IllegalStateException("pg_advisory_lock did not answer"));
    }

    private Optional<Held> acquire(UUID orgId, String statement) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            boolean locked;
            try (PreparedStatement lock = connection.prepareStatement(statement)) {
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, orgId.hashCode());
                try (ResultSet row = lock.executeQuery()) {
                    locked = row.next() && row.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held, orgId));
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            throw new IllegalStateException("Cannot take the directory-sync lock of org " + orgId, e);
        }
    }

    private static void release(Connection connection, UUID orgId) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setInt(2, orgId.hashCode());
            unlock.execute();
            connection.close();
        } catch (SQLException e) {
            // never hand a connection that may still hold the lock back to the pool
            LOG.warnf("Could not release the directory-sync lock of org %s cleanly (%s); dropping the connection", orgId, e.getMessage());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is gone either way
            }
        }
    }
}
