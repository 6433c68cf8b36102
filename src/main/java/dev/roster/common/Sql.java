package dev.roster.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain SQL on the current transaction's connection, for what is better said in SQL than through
 * entities: set operations on memberships, generated filter queries, counters. Pending entity changes
 * are flushed first so that the SQL sees them.
 *
 * <p>Parameters: {@code null}, String, UUID, Boolean, Integer, Long, Instant, and collections of UUID
 * or String (bound as PostgreSQL arrays, for {@code = ANY(?)}).
 */
@ApplicationScoped
public class Sql {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final EntityManager em;
    private final DataSource dataSource;
    private final TransactionManager transactions;

    public Sql(EntityManager em, DataSource dataSource, TransactionManager transactions) {
        this.em = em;
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    public int update(String sql, Object... params) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, params);
                return statement.executeUpdate();
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            }
        });
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return queryOne(sql, row -> row.getLong(1), params).orElse(0L);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp ts = row.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    private <T> T work(org.hibernate.jdbc.ReturningWork<T> work) {
        if (!inTransaction()) {
            // a read outside any transaction (the SCIM token check, GET endpoints): a pooled connection in
            // auto-commit, without opening a Hibernate session
            try (Connection connection = dataSource.getConnection()) {
                return work.execute(connection);
            } catch (SQLException e) {
                throw new PersistenceException(e);
            }
        }
        Session session = em.unwrap(Session.class);
        session.flush();
        return session.doReturningWork(work);
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof UUID id) {
                statement.setObject(index, id);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Instant at) {
                statement.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            } else if (value instanceof Collection<?> values) {
                statement.setArray(index, array(connection, values));
            } else {
                throw new IllegalArgumentException("Unsupported SQL parameter type " + value.getClass());
            }
        }
    }

    private static java.sql.Array array(Connection connection, Collection<?> values) throws SQLException {
        boolean uuids = !values.isEmpty() && values.iterator().next() instanceof UUID;
        return connection.createArrayOf(uuids ? "uuid" : "text", values.toArray());
    }
}
