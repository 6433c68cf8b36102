package dev.roster.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The folder named by {@code ROSTER_DATA_DIR} (default {@code ./data}): embedded database and keys. */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path resolve(String configured) {
        try {
            Path dir = Path.of(configured).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + configured, e);
        }
    }
}
