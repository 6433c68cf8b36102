package dev.roster.sync.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.sync.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs from an upstream directory with bounded patience: each attempt has a deadline for the whole
 * exchange, and 429, 408, 5xx, timeouts and I/O errors are retried with exponential back-off (with
 * jitter), or after the upstream's {@code Retry-After} when it sends one, up to a bounded number of
 * attempts. Other statuses fail at once. The bearer token goes only into the Authorization header and
 * never into a message or a log line.
 */
@ApplicationScoped
public class UpstreamHttp {

    private static final Logger LOG = Logger.getLogger(UpstreamHttp.class);
    private static final int DETAIL_CHARS = 300;

    private final SyncSettings settings;
    private final ObjectMapper json;
    private final HttpClient client;

    public UpstreamHttp(SyncSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The body of a 200 answer to {@code GET uri}; {@code what} names the request in messages (no secrets).
     * No attempt or wait outlasts the run's {@code deadline}, which an answer moves forward.
     */
    public byte[] get(URI uri, String bearerToken, String what, ProgressDeadline deadline) throws DirectoryException {
        SyncSettings.Retry retry = settings.retry();
        int attempts = Math.max(1, retry.maxAttempts());
        String lastProblem = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration timeout = min(settings.http().requestTimeout(), deadline.remaining());
            if (timeout.compareTo(Duration.ZERO) <= 0) {
                throw deadline.exceeded("waiting for upstream " + what + (lastProblem == null ? "" : " (" + lastProblem + ")"));
            }
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<byte[]> response = exchange(uri, bearerToken, timeout);
                int status = response.statusCode();
                if (status == 200) {
                    deadline.progress();
                    return response.body();
                }
                lastProblem = "HTTP " + status + detail(response.body());
                if (!retryable(status)) {
                    throw new DirectoryException("Upstream " + what + " failed: " + lastProblem);
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(UpstreamHttp::parseRetryAfter);
            } catch (TimeoutException | HttpTimeoutException e) {
                if (deadline.passed()) {
                    throw deadline.exceeded("waiting for upstream " + what + ", which did not answer");
                }
                lastProblem = "no complete answer within " + timeout.toMillis() + " ms";
            } catch (ConnectException e) {
                lastProblem = "cannot connect (" + e.getClass().getSimpleName() + ")";
            } catch (IOException e) {
                lastProblem = "I/O error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (attempt == attempts) {
                break;
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(retry, attempt);
            if (retryAfter.isPresent() && wait.compareTo(retry.maxRetryAfter()) > 0) {
                throw new DirectoryException("Upstream " + what + " failed: " + lastProblem + " and asked to retry after "
                        + wait.toSeconds() + " s, longer than the " + retry.maxRetryAfter().toSeconds() + " s this server waits");
            }
            if (wait.compareTo(deadline.remaining()) >= 0) {
                throw deadline.exceeded("retrying upstream " + what + " (" + lastProblem + ")");
            }
            LOG.debugf("Upstream %s: %s; attempt %d of %d, retrying in %d ms", what, lastProblem, attempt, attempts, wait.toMillis());
            sleep(wait, what);
        }
        throw new DirectoryException("Upstream " + what + " failed after " + attempts + " attempts: " + lastProblem);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private HttpResponse<byte[]> exchange(URI uri, String bearerToken, Duration timeout)
            throws IOException, TimeoutException, DirectoryException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(timeout)
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/scim+json, application/json")
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DirectoryException("Interrupted while reading the upstream directory (server shutting down)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        }
    }

    static boolean retryable(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    private static Duration backoff(SyncSettings.Retry retry, int attempt) {
        long base = retry.initialBackoff().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(base, retry.maxBackoff().toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(0, (long) (capped * jitter)));
    }

    /** Delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration wait, String what) throws DirectoryException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryException("Interrupted while waiting to retry upstream " + what + " (server shutting down)");
        }
    }

    /**
     * What the upstream said about an error, if it said it the SCIM way ({@code detail}, or
     * {@code message}, of a JSON body), shortened. Other bodies are not repeated: the base URL is an
     * admin's input, and a run's errors must not become a way to read arbitrary internal pages.
     */
    private String detail(byte[] body) {
        if (body == null || body.length == 0 || body.length > 64 * 1024) {
            return "";
        }
        try {
            JsonNode node = json.readTree(body);
            JsonNode text = node == null ? null
                    : node.hasNonNull("detail") ? node.get("detail") : node.get("message");
            if (text == null || !text.isTextual() || text.textValue().isBlank()) {
                return "";
            }
            String detail = text.textValue().replaceAll("\\s+", " ").strip();
            return ": " + (detail.length() > DETAIL_CHARS ? detail.substring(0, DETAIL_CHARS) + "…" : detail);
        } catch (IOException notJson) {
            return "";
        }
    }
}
