package dev.roster.access;

import dev.roster.common.Sql;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In tests, {@link Sql} that counts the statements it sends (same behaviour otherwise), so that a test
 * can assert that an endpoint's cost does not grow with the data (no N+1).
 */
@Alternative
@Priority(1)
@jakarta.inject.Singleton
public class CountingSql extends Sql {

    public static final AtomicLong STATEMENTS = new AtomicLong();

    public CountingSql(EntityManager em, DataSource dataSource, TransactionManager transactions) {
        super(em, dataSource, transactions);
    }

    @Override
    public int update(String sql, Object... params) {
        STATEMENTS.incrementAndGet();
        return super.update(sql, params);
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        STATEMENTS.incrementAndGet();
        return super.query(sql, mapper, params);
    }
}
