package dev.roster.orgs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The tenant. */
@Entity
@Table(name = "orgs")
public class Org extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** Stored as its wire form ({@code enterprise}, {@code team}, {@code pro}). */
    public String plan;

    @Column(name = "max_groups")
    public Integer maxGroups;

    @Column(name = "scim_rate_per_minute")
    public Integer scimRatePerMinute;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public Plan plan() {
        return Plan.fromWire(plan);
    }
}
