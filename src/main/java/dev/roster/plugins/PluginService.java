package dev.roster.plugins;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.Constraints;
import dev.roster.common.CursorPage;
import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import dev.roster.common.Ids;
import dev.roster.common.PageRequest;
import dev.roster.groups.Group;
import dev.roster.groups.GroupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules of an org's plugin marketplace (SPEC §5): unique names, valid states, overrides only for
 * the org's own groups (manual and SCIM alike: an override is the org's setting, not the identity
 * provider's), and an audit entry for every change, in the same transaction. A refused request
 * changes nothing.
 */
@ApplicationScoped
public class PluginService {

    private final PluginStore store;
    private final PluginStateResolver resolver;
    private final GroupService groups;
    private final AuditLog audit;

    public PluginService(PluginStore store, PluginStateResolver resolver, GroupService groups, AuditLog audit) {
        this.store = store;
        this.resolver = resolver;
        this.groups = groups;
        this.audit = audit;
    }

    @Transactional
    public CursorPage<PluginView> list(UUID orgId, PageRequest page) {
        List<PluginStore.Listed> fetched = store.list(orgId, page.after().map(parts -> parts.get(0)), page.fetchSize());
        CursorPage<PluginStore.Listed> listed = CursorPage.of(fetched, page.limit(), last -> PageRequest.cursor(last.sortKey()));
        Map<UUID, List<PluginOverride>> overrides = store.overrides(orgId,
                listed.items().stream().map(item -> item.plugin().id()).toList());
        return new CursorPage<>(listed.items().stream()
                .map(item -> PluginView.of(item.plugin(), overrides.get(item.plugin().id()))).toList(),
                listed.nextCursor());
    }

    @Transactional
    public PluginView get(UUID orgId, String pluginId) {
        Plugin plugin = require(orgId, pluginId, false);
        return PluginView.of(plugin, store.overrides(orgId, plugin.id()));
    }

    @Transactional
    public PluginView create(Actor actor, NewPluginRequest draft) {
        requireNameFree(actor.orgId(), draft.name(), null);
        Instant now = now();
        Plugin plugin = new Plugin(actor.orgId(), Ids.newId(), draft.name(), draft.descriptionOrEmpty(),
                draft.defaultStateOrAvailable(), now, now);
        try {
            store.insert(plugin);
        } catch (RuntimeException e) {
            throw translateNameTaken(e, draft.name());
        }
        PluginView view = PluginView.of(plugin, List.of());
        audit.record(actor, "plugin.created", "plugin", plugin.id(), null, auditView(plugin));
        return view;
    }

    @Transactional
    public PluginView update(Actor actor, String pluginId, PluginChangesRequest changes) {
        Plugin before = require(actor.orgId(), pluginId, true);
        Plugin after = changes.applyTo(before);
        String name = after.name();
        if (!name.equals(before.name())) {
            requireNameFree(actor.orgId(), name, before.id());
        }
        if (!after.equals(before)) {
            after = new Plugin(after.orgId(), after.id(), after.name(), after.description(), after.defaultState(),
                    after.createdAt(), now());
            try {
                store.update(after);
            } catch (RuntimeException e) {
                throw translateNameTaken(e, name);
            }
            audit.record(actor, "plugin.updated", "plugin", after.id(), auditView(before), auditView(after));
        }
        return PluginView.of(after, store.overrides(actor.orgId(), after.id()));
    }

    /** Deletes the plugin and, with it, every group's override of it. */
    @Transactional
    public void delete(Actor actor, String pluginId) {
        Plugin plugin = require(actor.orgId(), pluginId, true);
        List<PluginOverride> overrides = store.overrides(actor.orgId(), plugin.id());
        store.delete(actor.orgId(), plugin.id());
        Map<String, Object> before = auditView(plugin);
        before.put("overrides", overrides.stream().map(o -> Map.of("groupId", o.groupId(), "state", o.state().wire())).toList());
        audit.record(actor, "plugin.deleted", "plugin", plugin.id(), before, null);
    }

    /** Sets (creates or replaces) a group's override; the same state again changes and records nothing. */
    @Transactional
    public PluginOverrideView setOverride(Actor actor, String pluginId, String groupId, PluginState state) {
        Plugin plugin = require(actor.orgId(), pluginId, true);
        Group group = groups.get(actor, groupId);
        Optional<PluginState> previous = store.overrideState(actor.orgId(), plugin.id(), group.id);
        if (previous.isEmpty() || previous.get() != state) {
            try {
                store.upsertOverride(actor.orgId(), plugin.id(), group.id, state, now());
            } catch (RuntimeException e) {
                if (Constraints.violates(e, "plugin_group_overrides_group_fkey")) {
                    throw DomainException.notFound("group", groupId);
                }
                throw e;
            }
            audit.record(actor, "plugin.override_set", "plugin", plugin.id(),
                    previous.map(p -> overrideAudit(group.id, p)).orElse(null), overrideAudit(group.id, state));
        }
        return new PluginOverrideView(plugin.id(), group.id, state.wire());
    }

    /** Removes a group's override: its members fall back to other groups' overrides or the org default. */
    @Transactional
    public void removeOverride(Actor actor, String pluginId, String groupId) {
        Plugin plugin = require(actor.orgId(), pluginId, true);
        Group group = groups.get(actor, groupId);
        PluginState previous = store.overrideState(actor.orgId(), plugin.id(), group.id)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND,
                        "Group " + group.id + " has no override for plugin " + plugin.id()));
        store.deleteOverride(actor.orgId(), plugin.id(), group.id);
        audit.record(actor, "plugin.override_removed", "plugin", plugin.id(), overrideAudit(group.id, previous), null);
    }

    /** Who gets which state of the plugin, paged in userName order; see {@link PluginStateResolver}. */
    @Transactional
    public CursorPage<PluginMemberState> members(UUID orgId, String pluginId, Optional<PluginState> only, PageRequest page) {
        Plugin plugin = require(orgId, pluginId, false);
        List<PluginStateResolver.Listed> fetched = resolver.members(plugin, only, page.after().map(parts -> parts.get(0)),
                page.fetchSize());
        CursorPage<PluginStateResolver.Listed> listed = CursorPage.of(fetched, page.limit(), last -> PageRequest.cursor(last.sortKey()));
        return new CursorPage<>(listed.items().stream().map(PluginStateResolver.Listed::member).toList(), listed.nextCursor());
    }

    private Plugin require(UUID orgId, String pluginId, boolean forUpdate) {
        return Ids.parse(pluginId)
                .flatMap(id -> forUpdate ? store.findForUpdate(orgId, id) : store.find(orgId, id))
                .orElseThrow(() -> DomainException.notFound("plugin", pluginId));
    }

    private void requireNameFree(UUID orgId, String name, UUID exceptPluginId) {
        store.idByName(orgId, name).filter(id -> !id.equals(exceptPluginId)).ifPresent(id -> {
            throw nameTaken(name);
        });
    }

    private static RuntimeException translateNameTaken(RuntimeException e, String name) {
        return Constraints.violates(e, "plugins_name_key") ? nameTaken(name) : e;
    }

    private static DomainException nameTaken(String name) {
        return new DomainException(ErrorCode.NAME_TAKEN, "A plugin named '" + name
                + "' already exists in this organization (names are unique, case-insensitively)", "name");
    }

    /** Microseconds, as PostgreSQL keeps them: what an answer shows is what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, Object> auditView(Plugin plugin) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", plugin.name());
        view.put("description", plugin.description());
        view.put("defaultState", plugin.defaultState().wire());
        return view;
    }

    private static Map<String, Object> overrideAudit(UUID groupId, PluginState state) {
        return Map.of("groupId", groupId, "state", state.wire());
    }
}
