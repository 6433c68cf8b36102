package dev.roster.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.groups.Group;
import dev.roster.scim.ScimGroupQueries.MemberRef;
import dev.roster.scim.ScimUserQueries.UserRow;
import dev.roster.scim.filter.AcrossResourceTypes;
import dev.roster.scim.filter.FilterColumns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The search across resource types at the root ({@code POST /scim/v2/.search}, RFC 7644 §3.4.3). Its
 * result is one list: the matching Users, then the matching Groups, each type in its own order
 * ({@code sortBy} when given, then creation time and id, as its typed list). {@code totalResults} is the
 * number of matching Users plus matching Groups, and {@code startIndex}/{@code count} page through that
 * one list, so a page may end with the last Users and go on with the first Groups. An attribute one type
 * lacks has no value there ({@link AcrossResourceTypes}). One page costs the two types' page statements.
 */
@ApplicationScoped
public class ScimRootSearch {

    private final ScimContext scim;
    private final ScimUserQueries users;
    private final ScimGroupQueries groups;
    private final ScimUsers userViews;
    private final ScimGroups groupViews;

    public ScimRootSearch(ScimContext scim, ScimUserQueries users, ScimGroupQueries groups, ScimUsers userViews,
                          ScimGroups groupViews) {
        this.scim = scim;
        this.users = users;
        this.groups = groups;
        this.userViews = userViews;
        this.groupViews = groupViews;
    }

    /** The page of resources asked for, as served, and the total over both types. */
    public ScimPage<ObjectNode> search(ScimListRequest request, String baseUrl) {
        List<FilterColumns> types = List.of(users.columns(), groups.columns());
        if (request.filter() != null) {
            AcrossResourceTypes.requireKnown(request.filter(), types);
        }
        if (request.sortBy() != null) {
            AcrossResourceTypes.requireKnown(request.sortBy(), types);
        }
        ScimPage<UserRow> userPage = users.listAcrossTypes(scim.liveTenantScope("m"), request);
        int groupStart = (int) Math.max(1, request.startIndex() - userPage.totalResults());
        ScimPage<Group> groupPage = groups.listAcrossTypes(scim.liveTenantScope("g"),
                request.page(groupStart, request.count() - userPage.items().size()));
        scim.provedLiveBy(userPage.items().size() + groupPage.items().size());

        List<ObjectNode> resources = new ArrayList<>();
        userPage.items().forEach(row -> resources.add(
                request.selection().apply(userViews.resource(row.member(), row.groups(), baseUrl))));
        Map<UUID, List<MemberRef>> members = request.selection().wants("members")
                ? groups.members(scim.orgId(), groupPage.items().stream().map(group -> group.id).toList()) : Map.of();
        groupPage.items().forEach(group -> resources.add(
                request.selection().apply(groupViews.resource(group, members.get(group.id), baseUrl))));
        return new ScimPage<>(resources, userPage.totalResults() + groupPage.totalResults());
    }
}
