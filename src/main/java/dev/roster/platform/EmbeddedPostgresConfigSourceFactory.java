package dev.roster.platform;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Supplies the datasource of the embedded PostgreSQL when no datasource URL is configured, so that
 * the server and the tests run with zero set-up. A configured {@code quarkus.datasource.jdbc.url}
 * (for example through {@code QUARKUS_DATASOURCE_JDBC_URL}) always wins.
 *
 * <p>Quarkus also evaluates config source factories while it builds the application; starting a
 * database then would bake a random port into the jar, hence the execution-mode guard.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        ConfigValue url = context.getValue("quarkus.datasource.jdbc.url");
        if (url != null && url.getValue() != null && !url.getValue().isBlank()) {
            return List.of();
        }
        String dataDir = valueOr(context, "roster.data-dir", "./data");
        boolean clean = Boolean.parseBoolean(valueOr(context, "roster.embedded-db.clean", "false"));
        EmbeddedDatabase db = EmbeddedDatabase.startOnce(DataDirectory.resolve(dataDir), clean);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER,
                "quarkus.datasource.password", ""),
                "roster-embedded-postgres", 50));
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }
}
