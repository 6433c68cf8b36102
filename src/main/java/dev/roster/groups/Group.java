package dev.roster.groups;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A group of members. Memberships live in {@code group_members} and are only ever changed as set
 * operations in SQL ({@link GroupMemberships}); this entity carries the maintained member count.
 */
@Entity
@Table(name = "groups")
public class Group extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id", updatable = false)
    public UUID orgId;

    @Column(name = "display_name")
    public String displayName;

    /** Wire form of {@link GroupSource}. */
    @Column(updatable = false)
    public String source;

    @Column(name = "external_id")
    public String externalId;

    @Column(name = "member_count")
    public int memberCount;

    public long version;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isScim() {
        return GroupSource.SCIM.wire().equals(source);
    }
}
