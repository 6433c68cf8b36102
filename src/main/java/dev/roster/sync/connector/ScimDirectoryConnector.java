package dev.roster.sync.connector;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a SCIM 2.0 service provider (RFC 7644): {@code GET /Groups?startIndex=&count=} with members,
 * {@code GET /Users?startIndex=&count=} and {@code GET /Users?filter=id eq "…" or id eq "…"} for a few
 * users by id (users without their {@code groups}, which the run takes from the groups).
 *
 * <p>A listing reads its first page, learns {@code totalResults}, then reads the remaining index ranges
 * with up to {@code concurrency} requests in flight (SCIM paging is by index, so ranges are independent);
 * a server that answers fewer items than asked gets the rest of the range asked for again. Retries are
 * {@link UpstreamHttp}'s.
 */
public class ScimDirectoryConnector implements DirectoryConnector {

    /** Keeps filter URLs well under the 4 KiB request line that many servers (Roster included) accept. */
    static final int MAX_FILTER_CHARS = 2500;

    @FunctionalInterface
    private interface PageReader<T> {
        ScimListReader.ListPage<T> read(long startIndex, int count) throws DirectoryException;
    }

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String token;
    private final int groupPageSize;
    private final int userPageSize;
    private final int filterBatch;
    private final int concurrency;

    public ScimDirectoryConnector(UpstreamHttp http, ObjectMapper json, String baseUrl, String token,
                                  int groupPageSize, int userPageSize, int filterBatch, int concurrency) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.groupPageSize = Math.max(1, groupPageSize);
        this.userPageSize = Math.max(1, userPageSize);
        this.filterBatch = Math.max(1, filterBatch);
        this.concurrency = Math.max(1, concurrency);
    }

    @Override
    public void groups(PageSink<UpstreamGroup> sink) throws DirectoryException {
        Map<String, Long> firstIds = new ConcurrentHashMap<>();
        readAll(groupPageSize, (start, count) -> {
            String path = "/Groups?startIndex=" + start + "&count=" + count;
            String what = "GET " + path;
            ScimListReader.ListPage<UpstreamGroup> page = ScimListReader.read(json, http.get(uri(path), token, what), what,
                    parser -> ScimListReader.group(parser, what));
            if (!page.resources().isEmpty()) {
                Long other = firstIds.putIfAbsent(page.resources().get(0).id(), start);
                if (other != null && other != start) {
                    throw ScimListReader.malformed(what, "it repeats the page at startIndex " + other
                            + " (the upstream ignores startIndex)");
                }
            }
            return page;
        }, sink);
    }

    @Override
    public void users(PageSink<UpstreamUser> sink) throws DirectoryException {
        readAll(userPageSize, (start, count) -> {
            String path = "/Users?startIndex=" + start + "&count=" + count + "&excludedAttributes=groups";
            String what = "GET " + path;
            return ScimListReader.read(json, http.get(uri(path), token, what), what,
                    parser -> ScimListReader.user(json, parser, what));
        }, sink);
    }

    @Override
    public List<UpstreamUser> usersById(List<String> ids) throws DirectoryException {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String id : ids) {
            String clause = "id eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            if (!batch.isEmpty() && (batch.size() >= filterBatch || chars + clause.length() + 4 > MAX_FILTER_CHARS)) {
                batches.add(batch);
                batch = new ArrayList<>();
                chars = 0;
            }
            batch.add(clause);
            chars += clause.length() + 4;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        List<UpstreamUser> found = new ArrayList<>();
        for (List<UpstreamUser> users : inParallel(batches.stream().map(b -> (Task<List<UpstreamUser>>) () -> lookUp(b)).toList())) {
            found.addAll(users);
        }
        return found;
    }

    private List<UpstreamUser> lookUp(List<String> clauses) throws DirectoryException {
        String filter = String.join(" or ", clauses);
        List<UpstreamUser> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long start = 1;
        while (true) {
            String path = "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")
                    + "&startIndex=" + start + "&count=" + clauses.size() + "&excludedAttributes=groups";
            String what = "GET /Users?filter=id eq … (" + clauses.size() + " ids)";
            ScimListReader.ListPage<UpstreamUser> page = ScimListReader.read(json, http.get(uri(path), token, what), what,
                    parser -> ScimListReader.user(json, parser, what));
            for (UpstreamUser user : page.resources()) {
                if (seen.add(user.id())) {
                    users.add(user);
                }
            }
            start += page.resources().size();
            if (page.resources().isEmpty() || start > page.totalResults()) {
                return users;
            }
        }
    }

    /**
     * The first page, then every further index range of {@code pageSize} in parallel. Each range is read
     * until it is covered (or the listing ends), so a server with a smaller page limit loses nothing.
     */
    private <T> void readAll(int pageSize, PageReader<T> reader, PageSink<T> sink) throws DirectoryException {
        ScimListReader.ListPage<T> first = reader.read(1, pageSize);
        sink.accept(0, first.resources());
        long total = first.totalResults();
        if (first.resources().isEmpty() || first.resources().size() >= total) {
            return;
        }
        List<Task<Void>> ranges = new ArrayList<>();
        for (long start = 1 + first.resources().size(); start <= total; start += pageSize) {
            long from = start;
            long end = Math.min(total + 1, start + pageSize);
            ranges.add(() -> {
                long next = from;
                while (next < end) {
                    ScimListReader.ListPage<T> page = reader.read(next, (int) (end - next));
                    if (page.resources().isEmpty()) {
                        break; // the listing shrank while being read
                    }
                    sink.accept(next - 1, page.resources());
                    next += page.resources().size();
                }
                return null;
            });
        }
        inParallel(ranges);
    }

    @FunctionalInterface
    private interface Task<T> {
        T call() throws DirectoryException;
    }

    /** Runs the tasks with at most {@code concurrency} at once; the first failure cancels the rest. */
    private <T> List<T> inParallel(List<Task<T>> tasks) throws DirectoryException {
        List<T> results = new ArrayList<>();
        if (tasks.size() <= 1 || concurrency == 1) {
            for (Task<T> task : tasks) {
                results.add(task.call());
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), runnable -> {
            Thread thread = new Thread(runnable, Thread.currentThread().getName() + "-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Task<T> task : tasks) {
                futures.add(pool.submit(task::call));
            }
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof DirectoryException directory) {
                        throw directory;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryException("Interrupted while reading the upstream directory (server shutting down)");
        } finally {
            pool.shutdownNow();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}
