import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SCIM benchmark driver (run with `java ScimBench.java MODE ...`, no build needed):
 *   provision BASE TOKEN USERS GROUPS MEMBERS_PER_GROUP  - time to provision users and groups through SCIM, 8 clients
 *   patch BASE TOKEN GROUP_A GROUP_B IDS_FILE N           - latency of one-member PATCH adds, alternating A and B
 */
public class ScimBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "provision" -> provision(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "patch" -> patch(args[1], args[2], args[3], args[4], args[5], Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void provision(String base, String token, int users, int groups, int perGroup) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        List<Future<String>> created = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            String name = "load-" + i + "@bench.test";
            created.add(pool.submit(() -> id(send(token, "POST", base + "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Load","familyName":"User"},
                     "emails":[{"primary":true,"type":"work","value":"%s"}],"displayName":"Load User","active":true}""".formatted(name, name), 201))));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : created) {
            ids.add(f.get());
        }
        long usersDone = System.nanoTime();
        List<Future<?>> groupWork = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int group = g;
            groupWork.add(pool.submit(() -> {
                String groupId = id(send(token, "POST", base + "/Groups",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Load group " + group + "\",\"members\":[]}", 201));
                // Okta pushes memberships in batches; 100 per PATCH
                for (int from = 0; from < perGroup; from += 100) {
                    StringBuilder values = new StringBuilder();
                    for (int k = from; k < Math.min(perGroup, from + 100); k++) {
                        values.append(values.length() == 0 ? "" : ",").append("{\"value\":\"")
                                .append(ids.get((group * perGroup + k) % ids.size())).append("\"}");
                    }
                    send(token, "PATCH", base + "/Groups/" + groupId, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                            + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + values + "]}]}", 204);
                }
                return null;
            }));
        }
        for (Future<?> f : groupWork) {
            f.get();
        }
        long end = System.nanoTime();
        pool.shutdown();
        System.out.printf("provision_users_seconds=%.2f%n", (usersDone - start) / 1e9);
        System.out.printf("provision_users_per_second=%.0f%n", users / ((usersDone - start) / 1e9));
        System.out.printf("provision_groups_seconds=%.2f%n", (end - usersDone) / 1e9);
        System.out.printf("provision_total_seconds=%.2f%n", (end - start) / 1e9);
    }

    static void patch(String base, String token, String groupA, String groupB, String idsFile, int n) throws Exception {
        List<String> ids = java.nio.file.Files.readAllLines(java.nio.file.Path.of(idsFile)).stream().filter(s -> !s.isBlank()).toList();
        long[] a = new long[n];
        long[] b = new long[n];
        // warm-up on other members, then measure; each add names a member not yet in the group
        for (int i = 0; i < 2 * n; i++) {
            String group = i % 2 == 0 ? groupA : groupB;
            String member = ids.get(i / 2 + (i % 2 == 0 ? 0 : n));
            long t0 = System.nanoTime();
            send(token, "PATCH", base + "/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + member + "\"}]}]}", 204);
            long t = System.nanoTime() - t0;
            if (i % 2 == 0) {
                a[i / 2] = t;
            } else {
                b[i / 2] = t;
            }
        }
        report("patch_a", a);
        report("patch_b", b);
    }

    static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int skip = sorted.length / 10; // the first adds warm up the JIT; keep the middle 80 % for the mean
        double mean = Arrays.stream(sorted, skip, sorted.length - skip).average().orElse(0) / 1e6;
        System.out.printf("%s_mean_ms=%.3f%n%s_p50_ms=%.3f%n%s_p99_ms=%.3f%n", name, mean,
                name, sorted[sorted.length / 2] / 1e6, name, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    static String send(String token, String method, String url, String body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static String id(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return m.group(1);
    }
}
