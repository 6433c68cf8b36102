package dev.roster.orgs;

import dev.roster.common.DomainException;
import dev.roster.common.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;

/** Organizations: lookup, plan checks and the group cap that applies to each. */
@ApplicationScoped
public class OrgService {

    private final EntityManager em;
    private final int defaultMaxGroups;

    public OrgService(EntityManager em, @ConfigProperty(name = "roster.groups.max-per-org") int defaultMaxGroups) {
        this.em = em;
        this.defaultMaxGroups = defaultMaxGroups;
    }

    public Org get(UUID orgId) {
        Org org = em.find(Org.class, orgId);
        if (org == null) {
            throw DomainException.notFound("organization", orgId);
        }
        return org;
    }

    /**
     * Locks the org row for the rest of the transaction. Group creation takes this lock before it
     * counts, so concurrent creates (SCIM, admin API, sync, any replica) cannot overshoot the cap.
     */
    public Org lock(UUID orgId) {
        Org org = em.find(Org.class, orgId, LockModeType.PESSIMISTIC_WRITE);
        if (org == null) {
            throw DomainException.notFound("organization", orgId);
        }
        return org;
    }

    public int maxGroups(Org org) {
        return org.maxGroups != null ? org.maxGroups : defaultMaxGroups;
    }

    public void requireEnterprise(Org org) {
        if (org.plan() != Plan.ENTERPRISE) {
            throw new DomainException(ErrorCode.PLAN_REQUIRED,
                    "This feature needs the enterprise plan; the organization is on '" + org.plan + "'");
        }
    }

    @Transactional
    public Org create(String name, Plan plan) {
        Org org = new Org();
        org.id = UUID.randomUUID();
        org.name = name;
        org.plan = plan.wire();
        org.updatedAt = Instant.now();
        em.persist(org);
        em.flush();
        return org;
    }
}
