package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import dev.roster.members.InvitationService;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A run's upstream users as members: linked to existing members by userName (case-insensitively)
 * before planning — a link is not a change to the org — and, once the plan passed, the missing ones
 * created through {@link MemberService} as {@code scimManaged} members, in chunks of
 * {@code member-chunk-size} per transaction on {@code member-workers} threads. Existing members are
 * used as they are: their profile, role and {@code scimManaged} flag are never changed by a run.
 */
@ApplicationScoped
public class SyncMembers {

    private static final int TIMEOUT_SECONDS = 600;

    /** Upstream users referenced by a group, linked to no member yet. */
    private static final String REFERENCED_UNLINKED = """
            su.referenced
            AND NOT EXISTS (SELECT 1 FROM directory_sync_user_links l WHERE l.org_id = su.org_id AND l.upstream_id = su.upstream_id)
            """;

    private final Sql sql;
    private final EntityManager em;
    private final MemberService members;
    private final InvitationService invitations;
    private final UpstreamProfiles profiles;
    private final SyncSettings settings;

    public SyncMembers(Sql sql, EntityManager em, MemberService members, InvitationService invitations,
                       UpstreamProfiles profiles, SyncSettings settings) {
        this.sql = sql;
        this.em = em;
        this.members = members;
        this.invitations = invitations;
        this.profiles = profiles;
        this.settings = settings;
    }

    /** Links the referenced, unlinked upstream users to the members with their userName, case-insensitively. */
    int linkExistingMembers(UUID orgId, UUID runId) {
        return sql.update("""
                INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
                SELECT su.org_id, su.upstream_id, m.id
                FROM directory_sync_stage_users su
                JOIN members m ON m.org_id = su.org_id AND lower(m.user_name) = lower(su.user_name)
                WHERE su.org_id = ? AND su.run_id = ? AND\s""" + REFERENCED_UNLINKED + " ON CONFLICT DO NOTHING", orgId, runId);
    }

    /** Reports referenced users the upstream did not serve, or served without a userName. */
    void reportUnresolvableUsers(UUID orgId, UUID runId, RunTally tally) {
        record Missing(long count, List<String> examples) {
        }
        Missing missing = tx(() -> {
            String unserved = """
                    FROM (SELECT DISTINCT sm.upstream_user_id AS id FROM directory_sync_stage_memberships sm
                          WHERE sm.org_id = ? AND sm.run_id = ? AND sm.member_id IS NULL
                            AND NOT EXISTS (SELECT 1 FROM directory_sync_stage_users su
                                            WHERE su.org_id = sm.org_id AND su.run_id = sm.run_id AND su.upstream_id = sm.upstream_user_id)) u""";
            long count = sql.count("SELECT count(*) " + unserved, orgId, runId);
            List<String> examples = count == 0 ? List.of()
                    : sql.query("SELECT u.id " + unserved + " ORDER BY u.id LIMIT 5", row -> row.getString(1), orgId, runId);
            return new Missing(count, examples);
        });
        if (missing.count() > 0) {
            tally.error("unknown_user", missing.count() + " user(s) listed as group members are not served by the upstream's"
                    + " Users endpoint (e.g. " + String.join(", ", missing.examples()) + "); those memberships were skipped");
        }
        List<String> nameless = tx(() -> sql.query("SELECT su.upstream_id FROM directory_sync_stage_users su"
                + " WHERE su.org_id = ? AND su.run_id = ? AND (su.user_name IS NULL OR btrim(su.user_name) = '') AND "
                + REFERENCED_UNLINKED + " ORDER BY su.upstream_id", row -> row.getString(1), orgId, runId));
        for (String id : nameless) {
            tally.error("member_not_created", "The upstream user " + id + " has no userName; their memberships were skipped", id);
        }
    }

    private record StagedUser(String upstreamId, String userName, String lowerName, String documentJson) {
    }

    private record CreatedChunk(int created, List<String[]> errors) {
    }

    /** Staged users to create, after a keyset position. Parameters: org, run, lower name, upstream id, limit. */
    private static final String USERS_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = ? AND su.run_id = ? AND su.user_name IS NOT NULL AND btrim(su.user_name) <> ''
              AND (lower(su.user_name), su.upstream_id) > (?, ?) AND\s""" + REFERENCED_UNLINKED + """
            ORDER BY lower(su.user_name), su.upstream_id LIMIT ?""";

    /** The further staged users to create with the same userName. Parameters: org, run, lower name, upstream id. */
    private static final String SAME_NAME_TO_CREATE = """
            SELECT su.upstream_id, su.user_name, lower(su.user_name) AS lower_name, su.document::text AS document
            FROM directory_sync_stage_users su
            WHERE su.org_id = ? AND su.run_id = ? AND lower(su.user_name) = ? AND su.upstream_id > ? AND\s""" + REFERENCED_UNLINKED + """
            ORDER BY su.upstream_id""";

    /**
     * Creates the missing members: this thread reads chunks of {@code member-chunk-size} in keyset order
     * (never splitting upstream users who share a userName, who become one member) and
     * {@code member-workers} threads create them, one transaction per chunk. The hand-over queue is
     * bounded, so at most a few chunks are in memory at once.
     */
    void createMembers(Actor actor, UUID runId, RunTally tally) {
        UUID orgId = actor.orgId();
        int workers = Math.max(1, settings.memberWorkers());
        int chunkSize = Math.max(1, settings.memberChunkSize());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(workers), runnable -> {
                    Thread thread = new Thread(runnable, Thread.currentThread().getName() + "-members");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        List<Future<CreatedChunk>> chunks = new ArrayList<>();
        try {
            String[] after = {"", ""};
            while (true) {
                List<StagedUser> chunk = tx(() -> {
                    List<StagedUser> rows = new ArrayList<>(sql.query(USERS_TO_CREATE, SyncMembers::stagedUser,
                            orgId, runId, after[0], after[1], chunkSize));
                    if (rows.size() == chunkSize) {
                        // the rest of the last userName's upstream users go with it
                        StagedUser last = rows.get(rows.size() - 1);
                        rows.addAll(sql.query(SAME_NAME_TO_CREATE, SyncMembers::stagedUser,
                                orgId, runId, last.lowerName(), last.upstreamId()));
                    }
                    return rows;
                });
                if (chunk.isEmpty()) {
                    break;
                }
                chunks.add(pool.submit(() -> tx(() -> createChunk(actor, chunk))));
                StagedUser last = chunk.get(chunk.size() - 1);
                after[0] = last.lowerName();
                after[1] = last.upstreamId();
            }
            for (Future<CreatedChunk> chunk : chunks) {
                CreatedChunk result = chunk.get();
                tally.membersCreated += result.created();
                result.errors().forEach(error -> tally.error("member_not_created", error[1], error[0]));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating members (server shutting down)", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static StagedUser stagedUser(java.sql.ResultSet row) throws java.sql.SQLException {
        return new StagedUser(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
    }

    /**
     * Creates one chunk's members in one transaction: those with a pending invitation one by one (they
     * take the invited role), the rest in one batch; then links every upstream user of the chunk to its
     * member (upstream users sharing a userName, adjacent in the chunk's order, share one member).
     */
    private CreatedChunk createChunk(Actor actor, List<StagedUser> chunk) {
        boolean pendingInvitations = sql.count("SELECT count(*) FROM invitations WHERE org_id = ?", actor.orgId()) > 0;
        List<String[]> errors = new ArrayList<>();
        // per distinct userName: its upstream users and profile, in chunk order
        Map<String, List<String>> upstreamIds = new LinkedHashMap<>();
        Map<String, MemberProfile> toCreate = new LinkedHashMap<>();
        for (StagedUser user : chunk) {
            List<String> same = upstreamIds.get(user.lowerName());
            if (same != null) {
                same.add(user.upstreamId());
                continue;
            }
            try {
                toCreate.put(user.lowerName(), profiles.profile(user.upstreamId(), user.documentJson()));
                upstreamIds.put(user.lowerName(), new ArrayList<>(List.of(user.upstreamId())));
            } catch (DomainException | IllegalArgumentException e) {
                errors.add(new String[]{user.upstreamId(), "Member not created for upstream user " + user.upstreamId() + ": " + e.getMessage()});
            }
        }
        Map<String, UUID> memberIds = new HashMap<>();
        List<MemberProfile> batch = new ArrayList<>();
        List<String> batchNames = new ArrayList<>();
        for (Map.Entry<String, MemberProfile> entry : toCreate.entrySet()) {
            Optional<OrgRole> invited = pendingInvitations ? invitations.claim(actor, entry.getValue().userName()) : Optional.empty();
            if (invited.isPresent()) {
                Member member = members.create(actor, entry.getValue(), invited.get(), true);
                memberIds.put(entry.getKey(), member.id);
                em.detach(member);
            } else {
                batch.add(entry.getValue());
                batchNames.add(entry.getKey());
            }
        }
        if (!batch.isEmpty()) {
            List<Member> created = members.createAll(actor, batch, OrgRole.USER, true); // in the order given
            for (int i = 0; i < created.size(); i++) {
                memberIds.put(batchNames.get(i), created.get(i).id);
                em.detach(created.get(i)); // written: keep the session small
            }
        }
        List<String> linkIds = new ArrayList<>();
        List<UUID> linkMembers = new ArrayList<>();
        upstreamIds.forEach((lowerName, ids) -> ids.forEach(id -> {
            linkIds.add(id);
            linkMembers.add(memberIds.get(lowerName));
        }));
        if (!linkIds.isEmpty()) {
            sql.update("""
                    INSERT INTO directory_sync_user_links (org_id, upstream_id, member_id)
                    SELECT ?, t.u, t.m FROM unnest(?::text[], ?::uuid[]) AS t(u, m) ON CONFLICT DO NOTHING""",
                    actor.orgId(), linkIds, linkMembers);
        }
        return new CreatedChunk(toCreate.size(), errors);
    }

    private static <T> T tx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).call(work::get);
    }
}
