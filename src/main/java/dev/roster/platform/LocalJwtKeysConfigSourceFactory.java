package dev.roster.platform;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * When no admin-JWT verification key is configured (production points {@code mp.jwt.verify.publickey.location}
 * at the company's OIDC JWKS), generates an RSA key pair in the data directory on first start and uses it
 * both to verify admin JWTs and to sign the bootstrap owner's token.
 */
public class LocalJwtKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String PRIVATE_KEY_FILE = "jwt-signing-key.pem";
    static final String PUBLIC_KEY_FILE = "jwt-verification-key.pem";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT || configured(context, "mp.jwt.verify.publickey.location")) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("roster.data-dir");
        Path dir = DataDirectory.resolve(dataDir == null || dataDir.getValue() == null ? "./data" : dataDir.getValue());
        Path privateKey = dir.resolve(PRIVATE_KEY_FILE);
        Path publicKey = dir.resolve(PUBLIC_KEY_FILE);
        ensureKeyPair(privateKey, publicKey);
        // inline key contents, above application.properties: they also replace the throw-away in-memory
        // pair that smallrye-jwt configures by default in dev and test mode
        return List.of(new PropertiesConfigSource(Map.of(
                "mp.jwt.verify.publickey", read(publicKey),
                "smallrye.jwt.sign.key", read(privateKey),
                "roster.admin-jwt.local-keys", "true"),
                "roster-local-jwt-keys", 275));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static synchronized void ensureKeyPair(Path privateKey, Path publicKey) {
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            PrivateFiles.write(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the admin JWT keys", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
