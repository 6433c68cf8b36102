package dev.roster.sync;

import dev.roster.platform.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Encrypts upstream bearer tokens at rest with AES-256-GCM (JDK only). The key comes from
 * {@code roster.sync.encryption-key} (base64 of 32 bytes; several replicas must share it) or, unset, from
 * {@code $ROSTER_DATA_DIR/sync-encryption.key}, generated on first use. The org id is bound in as
 * associated data, so a ciphertext copied to another org's row does not decrypt.
 *
 * <p>Stored form: version byte {@code 1} || 12-byte random nonce || ciphertext with its 16-byte tag.
 */
@ApplicationScoped
public class TokenCipher {

    static final String KEY_FILE = "sync-encryption.key";
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SyncSettings settings;
    private final String dataDir;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public TokenCipher(SyncSettings settings, @ConfigProperty(name = "roster.data-dir") String dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    public byte[] encrypt(UUID orgId, String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(orgId));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The token, or an exception saying it cannot be read (key changed, row tampered with). */
    public String decrypt(UUID orgId, byte[] stored) throws UndecryptableTokenException {
        if (stored == null || stored.length < 1 + NONCE_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new UndecryptableTokenException();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(orgId));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UndecryptableTokenException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The stored token no longer decrypts: the encryption key changed since it was saved. */
    public static final class UndecryptableTokenException extends Exception {
        UndecryptableTokenException() {
            super("The stored upstream token cannot be decrypted (the encryption key changed?); save the configuration again",
                    null, false, false);
        }
    }

    private static byte[] associatedData(UUID orgId) {
        return orgId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] loadKey() {
        if (settings.encryptionKey().isPresent() && !settings.encryptionKey().get().isBlank()) {
            return decodeKey(settings.encryptionKey().get(), "roster.sync.encryption-key");
        }
        Path file = DataDirectory.resolve(dataDir).resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                // written whole to a temporary file, then linked into place: a concurrent reader never
                // sees half a key, and if another process won the race its key is the one used
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Path temp = Files.createTempFile(file.getParent(), KEY_FILE, ".tmp");
                try {
                    restrictToOwner(temp);
                    Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException raced) {
                    // another process wrote it first: use theirs
                } finally {
                    Arrays.fill(fresh, (byte) 0);
                    Files.deleteIfExists(temp);
                }
            }
            return decodeKey(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the directory-sync encryption key " + file, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(source + " must be 32 bytes (base64), not " + bytes.length);
        }
        return bytes;
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
