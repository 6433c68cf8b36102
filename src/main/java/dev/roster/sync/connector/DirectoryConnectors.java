package dev.roster.sync.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.sync.SyncSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Opens the connector an org's configuration names. Adding a directory type adds a case here. */
@ApplicationScoped
public class DirectoryConnectors {

    public static final String SCIM = "scim";
    public static final Set<String> TYPES = Set.of(SCIM);

    private final UpstreamHttp http;
    private final ObjectMapper json;
    private final SyncSettings settings;

    public DirectoryConnectors(UpstreamHttp http, ObjectMapper json, SyncSettings settings) {
        this.http = http;
        this.json = json;
        this.settings = settings;
    }

    /** A connector for one run, whose upstream requests never outlast the run's {@code deadline}. */
    public DirectoryConnector open(String type, String baseUrl, String bearerToken, ProgressDeadline deadline) {
        if (!SCIM.equals(type)) {
            throw new IllegalArgumentException("Unknown directory connector " + type);
        }
        SyncSettings.Scim scim = settings.scim();
        return new ScimDirectoryConnector(http, json, baseUrl, bearerToken, deadline, scim.groupPageSize(), scim.userPageSize(),
                scim.userFilterBatch(), scim.concurrency());
    }
}
