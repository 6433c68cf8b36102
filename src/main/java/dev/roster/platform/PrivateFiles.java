package dev.roster.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a secret to a file only its owner can read ({@code 0600} on POSIX file systems). The content goes
 * to a temporary file first (created {@code 0600}) that then replaces the target, so the secret is never
 * readable by others, not even for a moment, and a reader never sees half of it.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    public static Path write(Path file, String content) {
        try {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.US_ASCII);
                return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
