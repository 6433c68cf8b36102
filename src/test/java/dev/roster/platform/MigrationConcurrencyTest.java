package dev.roster.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several replicas starting at once on an empty database: each runs {@link DatabaseMigration}'s Flyway
 * migrate. Flyway serialises them with a PostgreSQL advisory lock, so one applies every migration and the
 * others then find nothing to do; none fails and each version is applied once.
 */
@QuarkusTest
class MigrationConcurrencyTest {

    private static final int REPLICAS = 4;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @Test
    void replicasStartingTogetherApplyEachMigrationOnce() throws Exception {
        String database = "migration_race_" + UUID.randomUUID().toString().replace("-", "");
        execute(jdbcUrl, "CREATE DATABASE " + database);
        String url = jdbcUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                results.add(replicas.submit(() -> {
                    Flyway flyway = Flyway.configure(getClass().getClassLoader()).dataSource(url, username, "")
                            .locations("classpath:db/migration").load();
                    start.await();
                    return flyway.migrate();
                }));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                applied += result.get().migrationsExecuted; // throws if a replica failed
            }
            int versions = count(url, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
            int distinct = count(url, "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL");
            assertEquals(versions, distinct, "a version applied twice");
            assertEquals(versions, applied, "every migration applied by exactly one replica");
        } finally {
            replicas.shutdownNow();
            execute(jdbcUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private int count(String url, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, username, "");
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, username, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
