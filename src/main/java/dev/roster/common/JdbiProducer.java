package dev.roster.common;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.postgres.PostgresPlugin;

import java.sql.PreparedStatement;

/**
 * The one way Roster writes SQL by hand: <a href="https://jdbi.org">Jdbi</a> with named parameters
 * ({@code :orgId}) on the application's Agroal datasource. Each feature keeps its statements as named
 * constants in its store and runs them with {@code jdbi.withHandle(...)}.
 *
 * <p>Transactions stay with JTA ({@code @Transactional} on services, {@code QuarkusTransaction} for
 * "requires new"): inside a transaction Agroal hands Jdbi the transaction's own connection, the one
 * Hibernate uses, so a statement joins it; Jdbi never begins or ends a transaction itself. Pending entity
 * changes are flushed before each statement so that SQL sees what the transaction wrote through Panache.
 * Outside a transaction a statement runs on a pooled connection in auto-commit (the SCIM hot paths).
 */
@ApplicationScoped
public class JdbiProducer {

    @Produces
    @Singleton
    Jdbi jdbi(AgroalDataSource dataSource, TransactionManager transactions, EntityManager entities) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.installPlugin(new PostgresPlugin());
        // JTA owns commit and rollback; a handle closed inside a JTA transaction is not an error
        jdbi.getConfig(Handles.class).setForceEndTransactions(false);
        jdbi.getConfig(SqlStatements.class).addCustomizer(new FlushPendingEntities(transactions, entities));
        return jdbi;
    }

    /** Flushes Hibernate's pending changes before a statement that runs inside a JTA transaction. */
    private record FlushPendingEntities(TransactionManager transactions, EntityManager entities)
            implements StatementCustomizer {

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) {
            if (inTransaction()) {
                entities.flush();
            }
        }

        private boolean inTransaction() {
            try {
                return transactions.getStatus() == Status.STATUS_ACTIVE;
            } catch (SystemException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
