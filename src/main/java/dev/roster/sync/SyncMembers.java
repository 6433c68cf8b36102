package dev.roster.sync;

import dev.roster.common.Actor;
import dev.roster.common.DomainException;
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
    private static final int UNSERVED_EXAMPLES = 5;

    private final EntityManager em;
    private final MemberService members;
    private final InvitationService invitations;
    private final UpstreamProfiles profiles;
    private final SyncStagingStore staging;
    private final SyncDiffStore diff;
    private final SyncLinkStore links;
    private final SyncSettings settings;

    public SyncMembers(EntityManager em, MemberService members, InvitationService invitations, UpstreamProfiles profiles,
                       SyncStagingStore staging, SyncDiffStore diff, SyncLinkStore links, SyncSettings settings) {
        this.em = em;
        this.members = members;
        this.invitations = invitations;
        this.profiles = profiles;
        this.staging = staging;
        this.diff = diff;
        this.links = links;
        this.settings = settings;
    }

    /** Reports referenced users the upstream did not serve, or served without a userName. */
    void reportUnresolvableUsers(UUID orgId, UUID runId, RunTally tally) {
        long unserved = staging.countUnservedUsers(orgId, runId);
        if (unserved > 0) {
            tally.error("unknown_user", unserved + " user(s) listed as group members are not served by the upstream's"
                    + " Users endpoint (e.g. " + String.join(", ", staging.unservedExamples(orgId, runId, UNSERVED_EXAMPLES))
                    + "); those memberships were skipped");
        }
        for (String id : staging.namelessUsers(orgId, runId)) {
            tally.error("member_not_created", "The upstream user " + id + " has no userName; their memberships were skipped", id);
        }
    }

    private record CreatedChunk(int created, List<String[]> errors) {
    }

    /**
     * Creates the missing members: this thread reads chunks of {@code member-chunk-size} in keyset order
     * (never splitting upstream users who share a userName, who become one member) and
     * {@code member-workers} threads create them, one transaction per chunk. The hand-over queue is
     * bounded, so at most a few chunks are in memory at once.
     */
    void createMembers(Actor actor, UUID runId, RunTally tally, SyncApplier.Progress progress) throws RunStopped {
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
            String afterName = "";
            String afterId = "";
            while (true) {
                List<SyncStagingStore.StagedUser> chunk = staging.usersToCreate(orgId, runId, afterName, afterId, chunkSize);
                if (chunk.isEmpty()) {
                    break;
                }
                chunks.add(pool.submit(() -> QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS)
                        .call(() -> createChunk(actor, chunk))));
                SyncStagingStore.StagedUser last = chunk.get(chunk.size() - 1);
                afterName = last.lowerName();
                afterId = last.upstreamId();
            }
            for (Future<CreatedChunk> chunk : chunks) {
                CreatedChunk result = chunk.get();
                tally.membersCreated += result.created();
                result.errors().forEach(error -> tally.error("member_not_created", error[1], error[0]));
                progress.step();
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

    /**
     * Creates one chunk's members in one transaction: those with a pending invitation one by one (they
     * take the invited role), the rest in one batch; then links every upstream user of the chunk to its
     * member (upstream users sharing a userName, adjacent in the chunk's order, share one member).
     */
    private CreatedChunk createChunk(Actor actor, List<SyncStagingStore.StagedUser> chunk) {
        boolean pendingInvitations = diff.anyPendingInvitation(actor.orgId());
        List<String[]> errors = new ArrayList<>();
        // per distinct userName: its upstream users and profile, in chunk order
        Map<String, List<String>> upstreamIds = new LinkedHashMap<>();
        Map<String, MemberProfile> toCreate = new LinkedHashMap<>();
        for (SyncStagingStore.StagedUser user : chunk) {
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
        // a member created inactive (the upstream user is) is the run's to reactivate
        List<String> linkIds = new ArrayList<>();
        List<UUID> linkMembers = new ArrayList<>();
        List<Boolean> linkSuspended = new ArrayList<>();
        upstreamIds.forEach((lowerName, ids) -> ids.forEach(id -> {
            linkIds.add(id);
            linkMembers.add(memberIds.get(lowerName));
            linkSuspended.add(!toCreate.get(lowerName).active());
        }));
        links.insert(actor.orgId(), linkIds, linkMembers, linkSuspended);
        return new CreatedChunk(toCreate.size(), errors);
    }
}
