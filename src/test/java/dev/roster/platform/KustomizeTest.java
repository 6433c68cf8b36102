package dev.roster.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders every overlay of {@code k8s/} as a user would ({@code kubectl kustomize}, after creating the
 * overlay's {@code secrets.env} as its example says) and checks what a cluster needs from it: probes,
 * a restricted security context, resources, an image with a tag, the overlay's secret wired in, and no
 * example secret. Skipped, saying so, where kubectl is not installed.
 */
class KustomizeTest {

    private static final List<String> OVERLAYS = List.of("cloudnative-pg", "external-db");
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path copy;
    static String kubectl;

    @BeforeAll
    static void copyTheManifests() throws IOException {
        kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().map(Path::toString).orElse(null);
        assumeTrue(kubectl != null, "kubectl is not on the PATH: the k8s/ overlays were not rendered (install kubectl to run KustomizeTest)");
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(file.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("secrets.env")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudnative-pg", "external-db"})
    void withoutTheUsersSecretsFileNothingRenders(String overlay) throws Exception {
        Rendered rendered = render(overlayDir(overlay));
        assertNotEquals(0, rendered.exitCode(), "an overlay must not render without secrets.env");
        assertThat(rendered.errors(), containsString("secrets.env"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudnative-pg", "external-db"})
    void everyOverlayRendersARunnableHardenedDeployment(String overlay) throws Exception {
        List<JsonNode> manifests = renderWithSecrets(overlayDir(overlay));
        assertThat(kinds(manifests), hasItems("Namespace", "ServiceAccount", "ConfigMap", "Secret", "Deployment", "Service",
                "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"));

        JsonNode pod = one(manifests, "Deployment", "roster").path("spec").path("template").path("spec");
        assertEquals("roster", pod.path("serviceAccountName").asText());
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());

        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText(), matchesPattern("[^:/]+(\\.[^:/]+)+(:\\d+)?/[^:]+:[\\w.-]+"));
        assertThat(container.path("image").asText(), not(containsString(":latest")));
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.path("capabilities").path("drop").get(0).asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertFalse(container.path("resources").path("requests").path("cpu").isMissingNode());
        assertFalse(container.path("resources").path("requests").path("memory").isMissingNode());
        assertFalse(container.path("resources").path("limits").path("memory").isMissingNode());
        assertEquals("/tmp", container.path("volumeMounts").get(0).path("mountPath").asText());

        // the configuration and the user's secret reach the container, under their generated names
        Map<String, String> config = data(named(manifests, "ConfigMap", container.path("envFrom").get(0).path("configMapRef").path("name").asText()));
        assertEquals("true", config.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertThat(config.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), startsWith("https://"));
        Map<String, String> secret = data(named(manifests, "Secret", container.path("envFrom").get(1).path("secretRef").path("name").asText()));
        assertEquals(32, Base64.getDecoder().decode(secret.get("ROSTER_SYNC_ENCRYPTION_KEY")).length);
        // no example or placeholder secret anywhere: every Secret is the one made from the user's file
        assertEquals(1, manifests.stream().filter(m -> m.path("kind").asText().equals("Secret")).count());
        assertThat(secret.values().stream().filter(v -> v.isBlank() || v.contains("change-me") || v.contains("REPLACE")).toList(), empty());
    }

    @Test
    void cloudNativePgRunsTwoInstancesAndTheAppUsesItsSecretAndPrimary() throws Exception {
        List<JsonNode> manifests = renderWithSecrets(overlayDir("cloudnative-pg"));
        JsonNode cluster = one(manifests, "Cluster", "roster-db");
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText());
        assertEquals(2, cluster.path("spec").path("instances").asInt());
        Map<String, JsonNode> env = env(one(manifests, "Deployment", "roster"));
        assertEquals("jdbc:postgresql://roster-db-rw:5432/roster", env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText());
        for (String credential : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertEquals("roster-db-app", env.get(credential).path("valueFrom").path("secretKeyRef").path("name").asText(), credential);
        }
    }

    @Test
    void externalDbTakesTheDatabaseFromTheUsersFiles() throws Exception {
        List<JsonNode> manifests = renderWithSecrets(overlayDir("external-db"));
        assertFalse(kinds(manifests).contains("Cluster"));
        JsonNode container = one(manifests, "Deployment", "roster").path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> config = data(named(manifests, "ConfigMap", container.path("envFrom").get(0).path("configMapRef").path("name").asText()));
        assertThat(config.get("QUARKUS_DATASOURCE_JDBC_URL"), startsWith("jdbc:postgresql://"));
        Map<String, String> secret = data(named(manifests, "Secret", container.path("envFrom").get(1).path("secretRef").path("name").asText()));
        assertEquals("roster", secret.get("QUARKUS_DATASOURCE_USERNAME"));
    }

    @Test
    void theIngressComponentTrustsOnlyTheListedProxies() throws Exception {
        for (String overlay : OVERLAYS) {
            Path withIngress = copy.resolve("k8s/overlays/" + overlay + "-with-ingress");
            Files.createDirectories(withIngress);
            Files.writeString(withIngress.resolve("kustomization.yaml"), """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../%s
                    components:
                      - ../../components/ingress-nginx
                    """.formatted(overlay));
            writeSecrets(overlayDir(overlay));
            Rendered rendered;
            try {
                rendered = render(withIngress);
            } finally {
                Files.delete(overlayDir(overlay).resolve("secrets.env"));
            }
            assertEquals(0, rendered.exitCode(), rendered.errors());
            List<JsonNode> manifests = parse(rendered.output());
            one(manifests, "Ingress", "roster");
            JsonNode container = one(manifests, "Deployment", "roster").path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> config = data(named(manifests, "ConfigMap", container.path("envFrom").get(0).path("configMapRef").path("name").asText()));
            assertEquals("true", config.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
            assertFalse(config.getOrDefault("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "").isBlank());
            assertEquals("true", config.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), "the overlay's settings are kept");
        }
    }

    @Test
    void theBaseHoldsNoSecret() throws Exception {
        Rendered rendered = render(copy.resolve("k8s/base"));
        assertEquals(0, rendered.exitCode(), rendered.errors());
        assertFalse(kinds(parse(rendered.output())).contains("Secret"));
    }

    // ---- rendering ----------------------------------------------------------------------------------

    private record Rendered(int exitCode, String output, String errors) {
    }

    private static Path overlayDir(String overlay) {
        return copy.resolve("k8s/overlays/" + overlay);
    }

    /** The user's step: secrets.env from secrets.env.example, with a fresh key and the blanks filled. */
    private static void writeSecrets(Path overlay) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(overlay.resolve("secrets.env.example"))) {
            if (line.startsWith("ROSTER_SYNC_ENCRYPTION_KEY=")) {
                lines.add("ROSTER_SYNC_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(key));
            } else if (line.startsWith("QUARKUS_DATASOURCE_USERNAME=")) {
                lines.add("QUARKUS_DATASOURCE_USERNAME=roster");
            } else if (line.startsWith("QUARKUS_DATASOURCE_PASSWORD=")) {
                lines.add("QUARKUS_DATASOURCE_PASSWORD=s3cret-" + Base64.getUrlEncoder().encodeToString(key));
            } else {
                lines.add(line);
            }
        }
        Files.write(overlay.resolve("secrets.env"), lines);
    }

    private static List<JsonNode> renderWithSecrets(Path overlay) throws Exception {
        writeSecrets(overlay);
        try {
            Rendered rendered = render(overlay);
            assertEquals(0, rendered.exitCode(), rendered.errors());
            return parse(rendered.output());
        } finally {
            Files.delete(overlay.resolve("secrets.env"));
        }
    }

    private static Rendered render(Path kustomization) throws Exception {
        Process process = new ProcessBuilder(kubectl, "kustomize", kustomization.toString()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
        return new Rendered(process.exitValue(), output, errors);
    }

    private static List<JsonNode> parse(String yaml) throws IOException {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            return documents.readAll().stream().filter(doc -> !doc.isNull() && !doc.isEmpty()).toList();
        }
    }

    private static List<String> kinds(List<JsonNode> manifests) {
        return manifests.stream().map(m -> m.path("kind").asText()).toList();
    }

    private static JsonNode one(List<JsonNode> manifests, String kind, String name) {
        List<JsonNode> found = manifests.stream().filter(m -> m.path("kind").asText().equals(kind)
                && m.path("metadata").path("name").asText().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name);
        return found.get(0);
    }

    private static JsonNode named(List<JsonNode> manifests, String kind, String name) {
        Optional<JsonNode> found = manifests.stream().filter(m -> m.path("kind").asText().equals(kind)
                && m.path("metadata").path("name").asText().equals(name)).findFirst();
        assertTrue(found.isPresent(), "the container refers to " + kind + " " + name + ", which is not rendered");
        return found.get();
    }

    /** A ConfigMap's data, or a Secret's data decoded. */
    private static Map<String, String> data(JsonNode manifest) {
        boolean secret = manifest.path("kind").asText().equals("Secret");
        Map<String, String> data = new TreeMap<>();
        manifest.path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), secret
                ? new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8)
                : entry.getValue().asText()));
        return data;
    }

    private static Map<String, JsonNode> env(JsonNode deployment) {
        Map<String, JsonNode> env = new TreeMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                .forEach(variable -> env.put(variable.path("name").asText(), variable));
        return env;
    }
}
