import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Spend benchmark driver (run with `java SpendBench.java MODE ...`, no build needed). Prints key=value lines.
 *
 *   ingest BASE JWT ORG MEMBERS_FILE TOTAL BATCH CLIENTS PREFIX
 *       posts TOTAL usage events (occurredAt now, 10 cents each) in batches of BATCH with CLIENTS concurrent
 *       clients, members taken round-robin from MEMBERS_FILE (one id per line); reports events/s.
 *   rate BASE JWT ORG MEMBER RATE WARMUP_SECONDS SECONDS
 *       open-loop constant-rate POST /spend/authorize: a request is due every 1/RATE s whatever the previous
 *       ones do, and its latency runs from when it was due (no coordinated omission); reports p50/p90/p99/p99.9/max.
 *   rate-get BASE PATH RATE WARMUP_SECONDS SECONDS
 *       the same for a GET of PATH (e.g. /q/health/live): the machine's noise floor for any HTTP request.
 */
public class SpendBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "http");
                thread.setDaemon(true);
                return thread;
            })).build();

    public static void main(String[] args) {
        try {
            dispatch(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static void dispatch(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(args[1], args[2], args[3], Path.of(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]), args[8]);
            case "rate" -> rate(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            case "rate-get" -> rateGet(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void ingest(String base, String jwt, String org, Path membersFile, int total, int batch, int clients, String prefix)
            throws Exception {
        List<String> members = Files.readAllLines(membersFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        URI uri = URI.create(base + "/api/v1/orgs/" + org + "/usage/events");
        int batches = (total + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        String now = Instant.now().toString();
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                for (long b; (b = next.getAndIncrement()) < batches; ) {
                    StringBuilder body = new StringBuilder(batch * 140).append("{\"events\":[");
                    for (int i = 0; i < batch; i++) {
                        long n = b * batch + i;
                        if (n >= total) {
                            break;
                        }
                        body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(prefix).append(n)
                                .append("\",\"memberId\":\"").append(members.get((int) (n % members.size())))
                                .append("\",\"amountCents\":10,\"occurredAt\":\"").append(now).append("\"}");
                    }
                    body.append("]}");
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + jwt)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                    String text = response.body();
                    int at = text.indexOf("\"accepted\":") + 11;
                    accepted.addAndGet(Long.parseLong(text.substring(at, text.indexOf(',', at)).strip()));
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("ingest_events=%d%ningest_accepted=%d%ningest_seconds=%.2f%ningest_events_per_second=%.0f%n",
                total, accepted.get(), seconds, total / seconds);
    }

    static void rate(String base, String jwt, String org, String member, int rate, int warmup, int seconds) throws Exception {
        URI uri = URI.create(base);
        String body = "{\"memberId\":\"" + member + "\",\"amountCents\":100}";
        byte[] request = ("POST /api/v1/orgs/" + org + "/spend/authorize HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Authorization: Bearer " + jwt + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        run(uri, request, "\"allowed\":true", rate, warmup); // warm-up, not recorded
        report(run(uri, request, "\"allowed\":true", rate, seconds), rate);
    }

    static void rateGet(String base, String path, int rate, int warmup, int seconds) throws Exception {
        URI uri = URI.create(base);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        run(uri, request, "", rate, warmup);
        report(run(uri, request, "", rate, seconds), rate);
    }

    static void report(long[] latencies, int rate) {
        Arrays.sort(latencies);
        int n = latencies.length;
        System.out.printf("rate_requests=%d%nrate_target_per_second=%d%n", n, rate);
        System.out.printf("rate_p50_ms=%.3f%nrate_p90_ms=%.3f%nrate_p99_ms=%.3f%nrate_p999_ms=%.3f%nrate_max_ms=%.3f%n",
                latencies[n / 2] / 1e6, latencies[(int) (n * 0.90)] / 1e6, latencies[(int) (n * 0.99)] / 1e6,
                latencies[(int) (n * 0.999)] / 1e6, latencies[n - 1] / 1e6);
    }

    /**
     * Open loop at a fixed rate: request i is due at start + i/rate. {@link #CONNECTIONS} threads, each with its
     * own keep-alive connection (plain sockets: the generator must cost far less than the server), take the
     * next due request, wait until it is due, send it and read the answer. Latency runs from the due time, so
     * a stall that delays later requests counts against them (no coordinated omission).
     */
    static long[] run(URI uri, byte[] request, String expected, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] latencies = new long[n];
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            workers.add(pool.submit(() -> {
                try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        long due = start + i * interval;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        out.write(request);
                        out.flush();
                        String answer = readResponse(in);
                        latencies[i] = System.nanoTime() - due;
                        if (!answer.startsWith("HTTP/1.1 200") || !answer.contains(expected)) {
                            throw new IllegalStateException(answer);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return latencies;
    }

    static final int CONNECTIONS = 16;

    /** Reads one HTTP/1.1 response (Content-Length or chunked); answers the status line, headers and body as text. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int contentLength = -1;
        boolean chunked = false;
        for (String line; !(line = readLine(in)).isEmpty(); ) {
            head.append(line).append('\n');
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(readLine(in).strip(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else if (contentLength > 0) {
            body.write(in.readNBytes(contentLength));
        }
        return head + body.toString(StandardCharsets.UTF_8);
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
