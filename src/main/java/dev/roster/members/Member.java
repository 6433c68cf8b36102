package dev.roster.members;

import dev.roster.access.OrgRole;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A person in one organization. The SCIM User's id is this id: one id space for both APIs.
 * The database key is (org_id, id); every lookup names both.
 */
@Entity
@Table(name = "members")
public class Member extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "org_id", updatable = false)
    public UUID orgId;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "external_id")
    public String externalId;

    public boolean active;

    /** Wire form of {@link OrgRole}. */
    @Column(name = "org_role")
    public String orgRole;

    @Column(name = "scim_managed")
    public boolean scimManaged;

    /** The rest of the SCIM User document, as JSON text (a jsonb column). */
    @Column(name = "scim_attributes", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String scimAttributes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "email_values")
    public String[] emailValues;

    public long version;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public OrgRole role() {
        return OrgRole.fromWire(orgRole).orElseThrow();
    }

    public boolean isPrimaryOwner() {
        return OrgRole.PRIMARY_OWNER.wire().equals(orgRole);
    }
}
