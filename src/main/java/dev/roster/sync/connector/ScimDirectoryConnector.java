package dev.roster.sync.connector;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a SCIM 2.0 service provider (RFC 7644): {@code GET /Groups?startIndex=&count=} with members,
 * {@code GET /Users?startIndex=&count=}, and {@code GET /Users?filter=id eq "…" or id eq "…"} for a few
 * users by id. Cursors are 1-based start indexes. A page is complete or the call fails: retries are
 * {@link UpstreamHttp}'s.
 */
public class ScimDirectoryConnector implements DirectoryConnector {

    /** Keeps filter URLs well under the 4 KiB request line that many servers (Roster included) accept. */
    static final int MAX_FILTER_CHARS = 2500;

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String token;
    private final int groupPageSize;
    private final int userPageSize;
    private final int filterBatch;
    private String previousFirstGroupId;
    private long previousGroupStart;

    public ScimDirectoryConnector(UpstreamHttp http, ObjectMapper json, String baseUrl, String token,
                                  int groupPageSize, int userPageSize, int filterBatch) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.groupPageSize = Math.max(1, groupPageSize);
        this.userPageSize = Math.max(1, userPageSize);
        this.filterBatch = Math.max(1, filterBatch);
    }

    @Override
    public Page<UpstreamGroup> groups(String cursor) throws DirectoryException {
        long start = startIndex(cursor);
        String path = "/Groups?startIndex=" + start + "&count=" + groupPageSize;
        String what = "GET " + path;
        ScimListReader.ListPage<UpstreamGroup> page = ScimListReader.read(json, http.get(uri(path), token, what), what,
                parser -> ScimListReader.group(parser, what));
        List<UpstreamGroup> groups = page.resources();
        if (!groups.isEmpty() && start > previousGroupStart && groups.get(0).id().equals(previousFirstGroupId)) {
            throw ScimListReader.malformed(what, "it repeats the previous page (the upstream ignores startIndex)");
        }
        if (!groups.isEmpty()) {
            previousFirstGroupId = groups.get(0).id();
            previousGroupStart = start;
        }
        return new Page<>(groups, next(start, groups.size(), page.totalResults()));
    }

    @Override
    public Page<UpstreamUser> users(String cursor) throws DirectoryException {
        long start = startIndex(cursor);
        String path = "/Users?startIndex=" + start + "&count=" + userPageSize;
        String what = "GET " + path;
        ScimListReader.ListPage<UpstreamUser> page = ScimListReader.read(json, http.get(uri(path), token, what), what,
                parser -> ScimListReader.user(json, parser, what));
        return new Page<>(page.resources(), next(start, page.resources().size(), page.totalResults()));
    }

    @Override
    public List<UpstreamUser> usersById(List<String> ids) throws DirectoryException {
        List<UpstreamUser> found = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int chars = 0;
        for (String id : ids) {
            String clause = "id eq \"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            if (!batch.isEmpty() && (batch.size() >= filterBatch || chars + clause.length() + 4 > MAX_FILTER_CHARS)) {
                found.addAll(lookUp(batch));
                batch.clear();
                chars = 0;
            }
            batch.add(clause);
            chars += clause.length() + 4;
        }
        if (!batch.isEmpty()) {
            found.addAll(lookUp(batch));
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
                    + "&startIndex=" + start + "&count=" + clauses.size();
            String what = "GET /Users?filter=id eq … (" + clauses.size() + " ids)";
            ScimListReader.ListPage<UpstreamUser> page = ScimListReader.read(json, http.get(uri(path), token, what), what,
                    parser -> ScimListReader.user(json, parser, what));
            for (UpstreamUser user : page.resources()) {
                if (seen.add(user.id())) {
                    users.add(user);
                }
            }
            String next = next(start, page.resources().size(), page.totalResults());
            if (next == null) {
                return users;
            }
            start = Long.parseLong(next);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static long startIndex(String cursor) {
        return cursor == null ? 1 : Long.parseLong(cursor);
    }

    /** The next start index, or null when this page was empty or reached totalResults. */
    private static String next(long start, int returned, long total) {
        long next = start + returned;
        return returned == 0 || next > total ? null : Long.toString(next);
    }
}
