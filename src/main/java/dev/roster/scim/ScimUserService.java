package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.common.Actor;
import dev.roster.common.SqlPart;
import dev.roster.members.Member;
import dev.roster.members.MemberService;
import dev.roster.members.ProvisionedMembers;
import dev.roster.scim.ScimUserQueries.UserRow;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * SCIM User operations as transactions over the member rules in {@link MemberService}: the SCIM layer
 * translates documents, the domain decides.
 */
@ApplicationScoped
public class ScimUserService {

    private final MemberService members;
    private final ProvisionedMembers provisioned;
    private final ScimUsers users;
    private final ScimUserQueries queries;
    private final UserPatcher patcher;

    public ScimUserService(MemberService members, ProvisionedMembers provisioned, ScimUsers users, ScimUserQueries queries,
                           ScimSchemas schemas) {
        this.members = members;
        this.provisioned = provisioned;
        this.users = users;
        this.queries = queries;
        this.patcher = new UserPatcher(schemas);
    }

    /**
     * Members created by an IdP start as {@code user}, or with the role of a pending invitation for that
     * userName (which the create accepts); group mappings may change it later. One statement, no
     * transaction: see {@link ProvisionedMembers}.
     */
    public Member create(Actor actor, JsonNode body, SqlPart liveTokenGuard) {
        return provisioned.create(actor, users.profile(users.normalizer().normalize(body)), liveTokenGuard)
                .orElseThrow(ScimError::unknownOrRevokedToken);
    }

    /** PUT: the user as replaced, with its groups. */
    @Transactional
    public UserRow replace(Actor actor, String id, JsonNode body, String ifMatch) {
        ObjectNode doc = users.normalizer().normalize(body);
        Member member = members.getForUpdate(actor.orgId(), id);
        ETags.checkIfMatch(ifMatch, member.version);
        if (!doc.has("active")) {
            doc.put("active", member.active); // an omitted active flag changes nothing
        }
        return row(members.replaceProfile(actor, member, users.profile(doc)), true);
    }

    /**
     * PATCH: the user as patched, with its groups when {@code withGroups}. {@code active} cannot be removed
     * (or set to null): an unassigned flag would have to mean something for access, and neither reading
     * (active, suspended) is what every IdP means; suspending is {@code replace active false}.
     */
    @Transactional
    public UserRow patch(Actor actor, String id, JsonNode body, String ifMatch, boolean withGroups) {
        List<ScimPatchOperation> operations = ScimPatchOperation.parse(body);
        Member member = members.getForUpdate(actor.orgId(), id);
        ETags.checkIfMatch(ifMatch, member.version);
        ObjectNode patched = users.normalizer().normalize(patcher.apply(users.document(member), operations));
        if (!patched.has("active")) {
            throw ScimError.mutability("'active' cannot be removed or set to null; replace it with false to suspend the user");
        }
        return row(members.replaceProfile(actor, member, users.profile(patched)), withGroups);
    }

    @Transactional
    public void delete(Actor actor, String id, String ifMatch) {
        Member member = members.getForUpdate(actor.orgId(), id);
        ETags.checkIfMatch(ifMatch, member.version);
        members.delete(actor, member);
    }

    private UserRow row(Member member, boolean withGroups) {
        return new UserRow(member, withGroups ? queries.groupsOf(member.orgId, member.id) : null);
    }
}
