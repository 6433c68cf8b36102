package dev.roster.sync.connector;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a SCIM 2.0 service provider (RFC 7644): {@code GET /Groups?startIndex=&count=} with members,
 * {@code GET /Users?startIndex=&count=}, {@code GET /Users?filter=active eq false} and
 * {@code GET /Users?filter=id eq "…" or id eq "…"} for a few users by id (users without their
 * {@code groups}, which the run takes from the groups).
 *
 * <p>{@code totalResults} is never trusted alone (some servers report the page length there): a listing is
 * read while pages come back full, and ends at an empty page or at a short page that {@code totalResults}
 * agrees is the last. A short page while {@code totalResults} says more is a server with a smaller page
 * limit: the rest of the range is asked for again. After the first page, up to {@code concurrency} index
 * ranges are read at once. A listing fails rather than being read partially when it cannot be known
 * complete: a page that repeats another (a server ignoring {@code startIndex}), items after the end, or
 * an end before the {@code totalResults} the server reports there. Retries and the run's deadline are
 * {@link UpstreamHttp}'s.
 */
public class ScimDirectoryConnector implements DirectoryConnector {

    /** Keeps filter URLs well under the 4 KiB request line that many servers (Roster included) accept. */
    static final int MAX_FILTER_CHARS = 2500;

    @FunctionalInterface
    private interface PageReader<T> {
        ScimListReader.ListPage<T> read(long startIndex, int count) throws DirectoryException;
    }

    /** What reading one index range found: its items, and whether the listing ended in it. */
    private record RangeRead(long from, long items, boolean ended, long endIndex, long totalResults) {
    }

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String token;
    private final ProgressDeadline deadline;
    private final int groupPageSize;
    private final int userPageSize;
    private final int filterBatch;
    private final int concurrency;

    public ScimDirectoryConnector(UpstreamHttp http, ObjectMapper json, String baseUrl, String token, ProgressDeadline deadline,
                                  int groupPageSize, int userPageSize, int filterBatch, int concurrency) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.deadline = deadline;
        this.groupPageSize = Math.max(1, groupPageSize);
        this.userPageSize = Math.max(1, userPageSize);
        this.filterBatch = Math.max(1, filterBatch);
        this.concurrency = Math.max(1, concurrency);
    }

    @Override
    public void groups(PageSink<UpstreamGroup> sink) throws DirectoryException {
        readAll("GET /Groups", groupPageSize, UpstreamGroup::id, (start, count) -> {
            String what = "GET /Groups?startIndex=" + start + "&count=" + count;
            return ScimListReader.read(json, get("/Groups?startIndex=" + start + "&count=" + count, what), what,
                    parser -> ScimListReader.group(parser, what));
        }, sink);
    }

    @Override
    public void users(PageSink<UpstreamUser> sink) throws DirectoryException {
        readAll("GET /Users", userPageSize, UpstreamUser::id, (start, count) -> {
            String what = "GET /Users?startIndex=" + start + "&count=" + count;
            return ScimListReader.read(json, get("/Users?startIndex=" + start + "&count=" + count + "&excludedAttributes=groups",
                    what), what, parser -> ScimListReader.user(json, parser, what));
        }, sink);
    }

    @Override
    public void inactiveUsers(PageSink<UpstreamUser> sink) throws DirectoryException {
        String filter = encode("active eq false");
        readAll("GET /Users?filter=active eq false", userPageSize, UpstreamUser::id, (start, count) -> {
            String what = "GET /Users?filter=active eq false&startIndex=" + start + "&count=" + count;
            return ScimListReader.read(json, get("/Users?filter=" + filter + "&startIndex=" + start + "&count=" + count
                    + "&excludedAttributes=groups", what), what, parser -> ScimListReader.user(json, parser, what));
        }, (offset, users) -> sink.accept(offset, users.stream().filter(user -> !user.active()).toList()));
    }

    @Override
    public List<UpstreamUser> usersById(List<String> ids) throws DirectoryException {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String id : new LinkedHashSet<>(ids)) {
            int clause = clause(id).length() + 4;
            if (!batch.isEmpty() && (batch.size() >= filterBatch || chars + clause > MAX_FILTER_CHARS)) {
                batches.add(batch);
                batch = new ArrayList<>();
                chars = 0;
            }
            batch.add(id);
            chars += clause;
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

    /** One {@code id eq … or …} look-up, paged until every id was answered or the listing ended. */
    private List<UpstreamUser> lookUp(List<String> ids) throws DirectoryException {
        String filter = encode(String.join(" or ", ids.stream().map(ScimDirectoryConnector::clause).toList()));
        Set<String> wanted = new HashSet<>(ids);
        List<UpstreamUser> users = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long start = 1;
        while (true) {
            String what = "GET /Users?filter=id eq … (" + ids.size() + " ids)&startIndex=" + start;
            ScimListReader.ListPage<UpstreamUser> page = ScimListReader.read(json, get("/Users?filter=" + filter + "&startIndex="
                    + start + "&count=" + ids.size() + "&excludedAttributes=groups", what), what,
                    parser -> ScimListReader.user(json, parser, what));
            List<UpstreamUser> resources = page.resources();
            if (resources.isEmpty()) {
                return users;
            }
            if (start > 1 && seen.contains(resources.get(0).id())) {
                throw ScimListReader.malformed(what, "it repeats an earlier page (the upstream ignores startIndex)");
            }
            for (UpstreamUser user : resources) {
                if (seen.add(user.id())) {
                    users.add(user);
                }
            }
            start += resources.size();
            if (seen.containsAll(wanted) || resources.size() < ids.size() && page.totalResults() < start) {
                return users;
            }
        }
    }

    /**
     * Reads a whole listing: the first range alone, then {@code concurrency} ranges of {@code pageSize} at a
     * time, until one ends; see the class comment for when a listing is complete.
     */
    private <T> void readAll(String listing, int pageSize, Function<T, String> idOf, PageReader<T> reader, PageSink<T> sink)
            throws DirectoryException {
        Map<String, Long> firstIds = new ConcurrentHashMap<>();
        long read = 0;
        long next = 1;
        int width = 1;
        while (true) {
            List<Task<RangeRead>> wave = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                long from = next + (long) i * pageSize;
                wave.add(() -> readRange(listing, from, pageSize, idOf, reader, sink, firstIds));
            }
            List<RangeRead> ranges = inParallel(wave);
            for (int i = 0; i < ranges.size(); i++) {
                RangeRead range = ranges.get(i);
                read += range.items();
                if (range.ended()) {
                    requireNothingAfter(listing, range, ranges.subList(i + 1, ranges.size()));
                    if (range.totalResults() > read) {
                        throw incomplete(listing, "it reports totalResults " + range.totalResults() + " but served only " + read
                                + " items (startIndex " + range.endIndex() + " answered " + (range.endIndex() == range.from()
                                ? "no items" : "a short page") + ")");
                    }
                    return;
                }
            }
            next += (long) width * pageSize;
            width = concurrency;
        }
    }

    private <T> RangeRead readRange(String listing, long from, int size, Function<T, String> idOf, PageReader<T> reader, PageSink<T> sink,
                                    Map<String, Long> firstIds) throws DirectoryException {
        long end = from + size;
        long next = from;
        long items = 0;
        while (next < end) {
            int asked = (int) (end - next);
            ScimListReader.ListPage<T> page = reader.read(next, asked);
            List<T> resources = page.resources();
            if (resources.isEmpty()) {
                return new RangeRead(from, items, true, next, page.totalResults());
            }
            Long other = firstIds.putIfAbsent(idOf.apply(resources.get(0)), next);
            if (other != null && other != next) {
                throw incomplete(listing, "the page at startIndex " + next + " repeats the page at startIndex "
                        + other + " (the upstream ignores startIndex)");
            }
            sink.accept(next - 1, resources);
            items += resources.size();
            next += resources.size();
            if (resources.size() < asked && page.totalResults() < next) {
                return new RangeRead(from, items, true, next, page.totalResults()); // a short last page
            }
        }
        return new RangeRead(from, items, false, next, -1);
    }

    private static void requireNothingAfter(String listing, RangeRead end, List<RangeRead> later) throws DirectoryException {
        for (RangeRead range : later) {
            if (range.items() > 0) {
                throw incomplete(listing, "it ended at startIndex " + end.endIndex() + " but served items from startIndex "
                        + range.from() + " (the listing changed while it was read, or its paging is inconsistent)");
            }
        }
    }

    private static DirectoryException incomplete(String listing, String problem) {
        return new DirectoryException("Upstream " + listing + " cannot be read completely: " + problem
                + "; the run stops rather than apply part of the directory");
    }

    private byte[] get(String pathAndQuery, String what) throws DirectoryException {
        return http.get(URI.create(baseUrl + pathAndQuery), token, what, deadline);
    }

    private static String clause(String id) {
        return "id eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    private interface Task<T> {
        T call() throws DirectoryException;
    }

    /** Runs the tasks with at most {@code concurrency} at once, answering in task order; the first failure cancels the rest. */
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
}
