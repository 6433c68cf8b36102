package dev.roster.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Connects to the database and migrates it (Flyway, {@code db/migration}) before anything else uses it.
 * Done here rather than by {@code quarkus.flyway.migrate-at-start} so that a database that cannot be
 * reached stops the server with one line naming the setting to fix, not a page of stack trace.
 *
 * <p>Several replicas starting at once are safe: Flyway holds a PostgreSQL advisory lock while it
 * migrates, so one replica applies the migrations and the others wait, then find nothing left to do
 * ({@code MigrationConcurrencyTest}).
 */
@ApplicationScoped
public class DatabaseMigration {

    private final AgroalDataSource dataSource;
    private final Flyway flyway;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    public DatabaseMigration(AgroalDataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) {
        try (Connection ignored = dataSource.getConnection()) {
            // reachable, and these credentials are accepted
        } catch (SQLException e) {
            throw new ConfigurationException("Cannot connect to the database " + jdbcUrl + " as " + username.orElse("(no user)")
                    + " (" + e.getMessage() + "); check QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and"
                    + " QUARKUS_DATASOURCE_PASSWORD");
        }
        flyway.migrate();
    }
}
