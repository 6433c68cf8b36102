package dev.roster.orgs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.roster.audit.AuditLog;
import dev.roster.access.AccessLevel;
import dev.roster.access.AdminArea;
import dev.roster.access.AdminAuthorizer;
import dev.roster.access.AdminCaller;
import dev.roster.auth.AdminTokenIssuer;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.JsonBody;
import dev.roster.common.Limit;
import dev.roster.common.JsonScalars;
import dev.roster.members.Emails;
import dev.roster.members.Member;
import dev.roster.members.MemberProfile;
import dev.roster.members.MemberService;
import dev.roster.access.OrgRole;
import dev.roster.spend.SpendCapService;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations. Platform operators (a row in {@code platform_operators}) create them with their primary
 * owner and may change any org, including its group cap; an org's own owners rename it and change its
 * plan; every active member may read it.
 */
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
@Tag(name = "Organizations", description = "Tenants: creation by platform operators, name and plan")
public class OrgsResource {

    public static final int MAX_NAME_LENGTH = 200;
    /** A per-org group cap above this is a typo, not a decision. */
    public static final int MAX_GROUP_CAP = 100_000;

    /** POST body. */
    public record CreateOrg(String name, String plan, String primaryOwnerEmail) {
    }

    /**
     * PATCH body; a field left out is unchanged (its component null). maxGroups (null = back to the
     * configured default) is for platform operators only; spendCap (a Limit, or null to remove it) needs
     * billing manage.
     */
    public record UpdateOrg(Optional<@NotNull String> name,
                            Optional<@NotNull String> plan,
                            @JsonDeserialize(contentUsing = JsonScalars.WholeNumber.class)
                            Optional<@PositiveOrZero
                                     @Max(value = MAX_GROUP_CAP, message = "must be at most {value}, or null for the default")
                                     Long> maxGroups,
                            Optional<@Valid Limit> spendCap) {
    }

    /**
     * The answer to POST. {@code adminToken} is a short-lived JWT for the new primary owner (valid until
     * {@code adminTokenExpiresAt}, {@code roster.admin-jwt.new-org-owner-lifespan}, 15 minutes by default), present
     * only when Roster signs admin JWTs with its own local key; with an identity provider the owner signs in there.
     */
    public record CreatedOrg(OrgView org, PrimaryOwner primaryOwner, String adminToken, Instant adminTokenExpiresAt) {
    }

    public record PrimaryOwner(UUID id, String userName) {
    }

    private final AdminAuthorizer authorizer;
    private final OrgService orgs;
    private final MemberService members;
    private final AuditLog audit;
    private final AdminTokenIssuer tokens;
    private final Duration newOwnerTokenLifespan;
    private final boolean localKeys;
    private final SpendCapService spendCaps;

    public OrgsResource(AdminAuthorizer authorizer, OrgService orgs, MemberService members, AuditLog audit,
                        AdminTokenIssuer tokens,
                        @ConfigProperty(name = "roster.admin-jwt.local-keys") boolean localKeys,
                        @ConfigProperty(name = "roster.admin-jwt.new-org-owner-lifespan", defaultValue = "15m")
                        Duration newOwnerTokenLifespan, SpendCapService spendCaps) {
        this.newOwnerTokenLifespan = newOwnerTokenLifespan;
        this.spendCaps = spendCaps;
        this.authorizer = authorizer;
        this.orgs = orgs;
        this.members = members;
        this.audit = audit;
        this.tokens = tokens;
        this.localKeys = localKeys;
    }

    @POST
    @Operation(summary = "Create an organization with its primary owner (platform operators only)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CreateOrg.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CreatedOrg.class)))
    public Response create(JsonNode body) {
        AdminCaller operator = authorizer.requirePlatformAdmin();
        JsonBody fields = JsonBody.of(body, "name", "plan", "primaryOwnerEmail");
        String name = requireName(fields.requiredString("name"));
        Plan plan = requirePlan(fields.requiredString("plan"));
        String ownerEmail = Emails.require("primaryOwnerEmail", fields.requiredString("primaryOwnerEmail"));
        Org org = orgs.create(name, plan);
        Actor actor = operator(operator, org.id);
        audit.record(actor, "org.created", "org", org.id, null, auditView(org));
        Member owner = members.create(actor, new MemberProfile(ownerEmail, ownerEmail, null, true, "{}", List.of(ownerEmail)),
                OrgRole.PRIMARY_OWNER, false);
        String adminToken = localKeys ? tokens.issue(owner, newOwnerTokenLifespan) : null;
        Instant expiresAt = localKeys ? Instant.now().plus(newOwnerTokenLifespan) : null;
        return Response.created(UriBuilder.fromPath("/api/v1/orgs/{id}").build(org.id))
                .entity(new CreatedOrg(view(org), new PrimaryOwner(owner.id, owner.userName), adminToken, expiresAt)).build();
    }

    @GET
    @Path("/{orgId}")
    @Operation(summary = "The organization: name, plan, spend cap and group cap (any active member)")
    public OrgView get(@PathParam("orgId") UUID orgId) {
        if (!authorizer.isPlatformAdmin()) {
            authorizer.requireMemberOf(orgId);
        }
        return view(orgs.get(orgId));
    }

    @PATCH
    @Path("/{orgId}")
    @Operation(summary = "Rename the organization or change its plan (owners); set or remove its spend cap "
            + "(billing manage); change its group cap (platform operators)")
    public OrgView update(@PathParam("orgId") UUID orgId,
                          @Valid @NotNull(message = "A JSON object body is required") UpdateOrg body) {
        boolean operator = authorizer.isPlatformAdmin();
        AdminCaller caller = authorizer.caller();
        if (!operator) {
            authorizer.requireMemberOf(orgId);
        }
        boolean onlySpendCap = body.spendCap() != null && body.name() == null && body.plan() == null && body.maxGroups() == null;
        Actor actor = operator ? operator(caller, orgId)
                : onlySpendCap ? authorizer.require(orgId, AdminArea.BILLING, AccessLevel.MANAGE).actor()
                : requireOwner(orgId).actor();
        // {"spendCap": null} removes the cap
        Optional<Optional<Limit>> spendCap = Optional.ofNullable(body.spendCap());
        var name = Optional.ofNullable(body.name()).map(value -> requireName(value.orElseThrow()));
        var plan = Optional.ofNullable(body.plan()).map(value -> requirePlan(value.orElseThrow()));
        var maxGroups = Optional.ofNullable(body.maxGroups());
        if (maxGroups.isPresent() && !operator) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only platform operators change an organization's group cap");
        }
        Org org = orgs.lock(orgId);
        Map<String, Object> before = auditView(org);
        name.ifPresent(value -> org.name = value);
        plan.ifPresent(value -> org.plan = value.wire());
        maxGroups.ifPresent(value -> org.maxGroups = value.map(Long::intValue).orElse(null));
        Map<String, Object> after = auditView(org);
        if (!before.equals(after)) {
            org.updatedAt = Instant.now();
            audit.record(actor, "org.updated", "org", org.id, before, after);
        }
        spendCap.ifPresent(cap -> spendCaps.apply(actor, org.id, cap.orElse(null)));
        return view(org);
    }

    private AdminCaller requireOwner(UUID orgId) {
        return authorizer.requireOwner(orgId, "rename the organization or change its plan");
    }

    /** A platform operator acting on an org they need not belong to: recorded as the system, naming them. */
    private static Actor operator(AdminCaller operator, UUID orgId) {
        return new Actor(Actor.Type.SYSTEM, orgId, operator.id().toString(), "platform operator " + operator.name());
    }

    private OrgView view(Org org) {
        return new OrgView(org.id, org.name, org.plan, spendCaps.cap(org.id).orElse(null), orgs.maxGroups(org));
    }

    private static Map<String, Object> auditView(Org org) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", org.name);
        view.put("plan", org.plan);
        view.put("maxGroups", org.maxGroups);
        return view;
    }

    private static String requireName(String value) {
        String name = value.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("name", "An organization needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static Plan requirePlan(String value) {
        for (Plan plan : Plan.values()) {
            if (plan.wire().equals(value)) {
                return plan;
            }
        }
        throw DomainException.invalid("plan", "plan must be one of enterprise, team, pro");
    }
}
