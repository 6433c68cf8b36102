package dev.roster.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import dev.roster.common.Actor;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import dev.roster.groups.GroupSource;
import dev.roster.scim.ScimGroupQueries.GroupRow;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * SCIM Group operations over {@link GroupService}, where every group rule lives. PATCH operations on
 * {@code members} become set operations in SQL (add, remove, replace), never a read-modify-write of the
 * member list, so their cost follows the members named and concurrent PATCHes all take effect.
 */
@ApplicationScoped
public class ScimGroupService {

    private final GroupService groups;
    private final ScimGroups scimGroups;
    private final ScimGroupQueries queries;

    public ScimGroupService(GroupService groups, ScimGroups scimGroups, ScimGroupQueries queries) {
        this.groups = groups;
        this.scimGroups = scimGroups;
        this.queries = queries;
    }

    /** POST: the group created, with its members. */
    @Transactional
    public GroupRow create(Actor actor, JsonNode body) {
        ObjectNode doc = scimGroups.normalizer().normalize(body);
        return queries.row(groups.create(actor, displayName(doc), GroupSource.SCIM, text(doc, "externalId"),
                ScimGroups.memberIds(doc.get("members"))), true);
    }

    /** PUT: the group as replaced, with its members when {@code withMembers}. */
    @Transactional
    public GroupRow replace(Actor actor, String id, JsonNode body, String ifMatch, boolean withMembers) {
        ObjectNode doc = scimGroups.normalizer().normalize(body);
        Group group = groups.getForUpdate(actor, id);
        ETags.checkIfMatch(ifMatch, group.version);
        groups.rename(actor, group, displayName(doc));
        groups.setExternalId(actor, group, text(doc, "externalId"));
        groups.replaceMembers(actor, group, ScimGroups.memberIds(doc.get("members")));
        return queries.row(group, withMembers);
    }

    /** PATCH: the group as patched, with its members when {@code withMembers}. */
    @Transactional
    public GroupRow patch(Actor actor, String id, JsonNode body, String ifMatch, boolean withMembers) {
        List<ScimPatchOperation> operations = ScimPatchOperation.parse(body);
        Group group = groups.getForUpdate(actor, id);
        ETags.checkIfMatch(ifMatch, group.version);
        for (ScimPatchOperation operation : operations) {
            if (operation.path() == null) {
                applyPathless(actor, group, operation);
            } else {
                applyAt(actor, group, operation.op(), UserPatcher.parsePath(operation.path()), operation.value());
            }
        }
        return queries.row(group, withMembers);
    }

    @Transactional
    public void delete(Actor actor, String id, String ifMatch) {
        Group group = groups.getForUpdate(actor, id);
        ETags.checkIfMatch(ifMatch, group.version);
        groups.delete(actor, group);
    }

    /** Okta renames with {@code {"op":"replace","value":{"id":…,"displayName":…}}}. */
    private void applyPathless(Actor actor, Group group, ScimPatchOperation operation) {
        if (!operation.value().isObject()) {
            throw ScimError.invalidValue("An operation without 'path' needs an object 'value'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.value().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (ScimDocumentNormalizer.isEnvelope(field.getKey())) {
                continue;
            }
            applyAt(actor, group, operation.op(), UserPatcher.parsePath(field.getKey()), field.getValue());
        }
    }

    private void applyAt(Actor actor, Group group, PatchOpType op, Path path, JsonNode value) {
        if (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(ScimSchemas.GROUP)) {
            throw ScimError.invalidPath("Unknown schema '" + path.getSchemaUrn() + "' in path");
        }
        if (path.size() != 1) {
            throw ScimError.invalidPath("Invalid path '" + path + "' for a Group");
        }
        Path.Element element = path.getElement(0);
        switch (element.getAttribute().toLowerCase(Locale.ROOT)) {
            case "displayname" -> {
                if (op == PatchOpType.REMOVE) {
                    throw ScimError.mutability("displayName is required and cannot be removed");
                }
                if (!value.isTextual()) {
                    throw ScimError.invalidValue("displayName must be a string");
                }
                groups.rename(actor, group, value.asText());
            }
            case "externalid" -> groups.setExternalId(actor, group,
                    op == PatchOpType.REMOVE || value == null || value.isNull() ? null : value.asText());
            case "members" -> patchMembers(actor, group, op, element.getValueFilter(), value);
            default -> throw ScimError.invalidPath("Unknown attribute '" + element.getAttribute() + "' for a Group");
        }
    }

    private void patchMembers(Actor actor, Group group, PatchOpType op, Filter filter, JsonNode value) {
        if (filter != null) {
            if (op != PatchOpType.REMOVE) {
                throw ScimError.invalidPath("A members[...] path can only be removed; add members with path 'members'");
            }
            groups.removeMembers(actor, group, valuesOf(filter));
            return;
        }
        switch (op) {
            case ADD -> groups.addMembers(actor, group, ScimGroups.memberIds(value));
            case REPLACE -> groups.replaceMembers(actor, group, ScimGroups.memberIds(value));
            case REMOVE -> {
                if (value == null || value.isNull()) {
                    groups.replaceMembers(actor, group, Set.of()); // RFC: remove without value empties the list
                } else {
                    // Entra ID: remove *those* members, never all of them
                    groups.removeMembers(actor, group, ScimGroups.memberIds(value));
                }
            }
        }
    }

    /** {@code value eq "a"}, or several joined by {@code or}: the member ids named. */
    private static Set<UUID> valuesOf(Filter filter) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (filter.getFilterType() == FilterType.OR) {
            for (Filter part : filter.getCombinedFilters()) {
                ids.addAll(valuesOf(part));
            }
            return ids;
        }
        if (filter.getFilterType() != FilterType.EQUAL || !filter.getAttributePath().toString().equalsIgnoreCase("value")) {
            throw ScimError.invalidFilter("Select members with value eq \"<id>\" (joined by or): '" + filter + "'");
        }
        ids.add(ScimGroups.memberId(filter.getComparisonValue()));
        return ids;
    }

    private static String displayName(ObjectNode doc) {
        String name = text(doc, "displayName");
        if (name == null || name.isBlank()) {
            throw ScimError.invalidValue("displayName is required");
        }
        return name;
    }

    private static String text(ObjectNode doc, String name) {
        JsonNode value = doc.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
