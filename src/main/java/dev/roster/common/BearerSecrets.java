package dev.roster.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How bearer secrets (SCIM tokens, JWTs) are stored and remembered: never in clear, only hashed. */
public final class BearerSecrets {

    private BearerSecrets() {
    }

    /** SHA-256 of the secret, hex. The secrets have full entropy, so a slow hash would add nothing. */
    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
