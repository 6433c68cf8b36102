package dev.roster.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capability catalog of SPEC §3, read once from {@code capabilities.json}: data, not code, so
 * that a new product feature is one entry in a resource file. Order is the file's order.
 */
@ApplicationScoped
public class CapabilityCatalog {

    public static final String RESOURCE = "capabilities.json";
    /** Always granted to every active member, never switched off. */
    public static final String CHAT = "chat";

    private final List<Capability> all;
    private final Map<String, Capability> byKey;

    public CapabilityCatalog(ObjectMapper json) {
        this.all = load(json);
        Map<String, Capability> index = new LinkedHashMap<>();
        for (Capability capability : all) {
            if (index.put(capability.key(), capability) != null) {
                throw new IllegalStateException(RESOURCE + " lists '" + capability.key() + "' twice");
            }
        }
        Capability chat = index.get(CHAT);
        if (chat == null || !chat.enabledByDefault()) {
            throw new IllegalStateException(RESOURCE + " must list 'chat', enabled by default");
        }
        this.byKey = Collections.unmodifiableMap(index);
    }

    public List<Capability> all() {
        return all;
    }

    public Optional<Capability> find(String key) {
        return Optional.ofNullable(key).map(byKey::get);
    }

    public boolean contains(String key) {
        return key != null && byKey.containsKey(key);
    }

    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    private static List<Capability> load(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            List<Capability> capabilities = new ArrayList<>();
            for (JsonNode entry : json.readTree(in).path("capabilities")) {
                capabilities.add(new Capability(entry.path("key").asText(), entry.path("title").asText(),
                        entry.path("description").asText(), entry.path("enabledByDefault").asBoolean(false)));
            }
            return List.copyOf(capabilities);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
