package dev.roster.roles;

import dev.roster.audit.AuditLog;
import dev.roster.common.Actor;
import dev.roster.common.DomainException;
import dev.roster.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The org-level switch of each capability (SPEC §3): a disabled feature is granted to nobody. An org
 * that never switched a capability has the catalog's {@code enabledByDefault}; {@code chat} is always on.
 */
@ApplicationScoped
public class OrgFeatures {

    private final Sql sql;
    private final CapabilityCatalog catalog;
    private final AuditLog audit;

    public OrgFeatures(Sql sql, CapabilityCatalog catalog, AuditLog audit) {
        this.sql = sql;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** The capability keys enabled in the org, in one query. */
    public Set<String> enabled(UUID orgId) {
        Map<String, Boolean> switched = switches(orgId);
        Set<String> enabled = new LinkedHashSet<>();
        for (Capability capability : catalog.all()) {
            if (isEnabled(capability, switched)) {
                enabled.add(capability.key());
            }
        }
        return enabled;
    }

    public List<FeatureView> list(UUID orgId) {
        Map<String, Boolean> switched = switches(orgId);
        return catalog.all().stream().map(c -> FeatureView.of(c, isEnabled(c, switched))).toList();
    }

    public FeatureView get(UUID orgId, String key) {
        Capability capability = require(key);
        return FeatureView.of(capability, enabled(orgId).contains(capability.key()));
    }

    public Capability require(String key) {
        return catalog.find(key).orElseThrow(() -> DomainException.notFound("feature", key));
    }

    /** Switches a feature on or off; {@code chat} cannot be switched off. Runs in the caller's transaction. */
    public FeatureView set(Actor actor, String key, boolean enabled) {
        Capability capability = require(key);
        if (CapabilityCatalog.CHAT.equals(capability.key()) && !enabled) {
            throw DomainException.invalid("enabled", "chat cannot be disabled: every active member always has chat");
        }
        boolean before = sql.queryOne("SELECT enabled FROM org_features WHERE org_id = ? AND capability = ? FOR UPDATE",
                row -> row.getBoolean(1), actor.orgId(), capability.key()).orElse(capability.enabledByDefault());
        sql.update("""
                INSERT INTO org_features (org_id, capability, enabled) VALUES (?, ?, ?)
                ON CONFLICT (org_id, capability) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()""",
                actor.orgId(), capability.key(), enabled);
        if (before != enabled) {
            audit.record(actor, enabled ? "feature.enabled" : "feature.disabled", "feature", capability.key(),
                    Map.of("enabled", before), Map.of("enabled", enabled));
        }
        return FeatureView.of(capability, enabled);
    }

    private Map<String, Boolean> switches(UUID orgId) {
        Map<String, Boolean> switched = new HashMap<>();
        sql.query("SELECT capability, enabled FROM org_features WHERE org_id = ?",
                row -> switched.put(row.getString(1), row.getBoolean(2)), orgId);
        return switched;
    }

    private static boolean isEnabled(Capability capability, Map<String, Boolean> switched) {
        if (CapabilityCatalog.CHAT.equals(capability.key())) {
            return true;
        }
        return switched.getOrDefault(capability.key(), capability.enabledByDefault());
    }
}
