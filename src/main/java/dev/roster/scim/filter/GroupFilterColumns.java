package dev.roster.scim.filter;

import com.unboundid.scim2.common.Path;
import dev.roster.scim.filter.FilterTarget.Type;
import dev.roster.scim.filter.FilterTarget.Value;
import dev.roster.scim.schema.ScimError;
import dev.roster.scim.schema.ScimSchemas;

import java.util.Locale;
import java.util.Set;

/** Where Group attributes live for filtering and sorting, in a query over {@code groups g}. */
public final class GroupFilterColumns implements FilterColumns {

    private static final String MEMBERS_FROM = "FROM group_members gm JOIN members mm ON mm.org_id = gm.org_id AND mm.id = gm.member_id"
            + " WHERE gm.org_id = g.org_id AND gm.group_id = g.id";

    private static final Set<String> ATTRIBUTES = Set.of("id", "displayname", "externalid", "meta", "members");

    private final String groupUrn;

    public GroupFilterColumns(ScimSchemas schemas) {
        this.groupUrn = schemas.schema(ScimSchemas.GROUP).id();
    }

    @Override
    public FilterTarget resolve(Path path) {
        if (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(groupUrn)) {
            throw ScimError.invalidFilter("Unknown schema '" + path.getSchemaUrn() + "' in filter");
        }
        if (path.size() > 2) {
            throw ScimError.invalidFilter("Attribute path too deep: '" + path + "'");
        }
        String first = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        String sub = path.size() > 1 ? path.getElement(1).getAttribute().toLowerCase(Locale.ROOT) : null;
        if (sub != null && !first.equals("members") && !first.equals("meta")) {
            throw ScimError.invalidFilter("'" + first + "' has no sub-attributes");
        }
        return switch (first) {
            case "id" -> new Value("g.id", Type.UUID, true, false);
            case "displayname" -> new Value("g.display_name", Type.STRING, false, false);
            case "externalid" -> new Value("g.external_id", Type.STRING, true, false);
            case "meta" -> meta(sub, path);
            case "members" -> members(sub);
            default -> throw ScimError.invalidFilter("Unknown attribute '" + path.getElement(0).getAttribute() + "' in filter");
        };
    }

    @Override
    public boolean defines(Path path) {
        return path.size() > 0 && (path.getSchemaUrn() == null || path.getSchemaUrn().equalsIgnoreCase(groupUrn))
                && ATTRIBUTES.contains(path.getElement(0).getAttribute().toLowerCase(Locale.ROOT));
    }

    @Override
    public String sortExpression(Path path) {
        FilterTarget target = resolve(path);
        if (target instanceof Value value) {
            return value.type() == Type.STRING && !value.caseExact() ? "lower(" + value.sql() + ")" : value.sql();
        }
        throw ScimError.invalidValue("Cannot sort by the multi-valued attribute '" + path + "'");
    }

    private static Value meta(String sub, Path path) {
        if (sub == null) {
            throw ScimError.invalidFilter("Filter on a meta sub-attribute, e.g. meta.lastModified");
        }
        return switch (sub) {
            case "created" -> new Value("g.created_at", Type.DATETIME, true, false);
            case "lastmodified" -> new Value("g.updated_at", Type.DATETIME, true, false);
            case "resourcetype" -> new Value("'Group'", Type.STRING, false, false);
            default -> throw ScimError.invalidFilter("Cannot filter on '" + path + "'");
        };
    }

    private static FilterTarget members(String sub) {
        FilterTarget.Elements target = new FilterTarget.Elements(
                condition -> "EXISTS (SELECT 1 " + MEMBERS_FROM + " AND " + condition + ")",
                name -> switch (name.toLowerCase(Locale.ROOT)) {
                    case "value" -> new Value("gm.member_id", Type.UUID, true, false);
                    case "display" -> new Value("COALESCE(mm.display_name, mm.user_name)", Type.STRING, false, false);
                    case "type" -> new Value("'User'", Type.STRING, false, false);
                    case "$ref" -> new Value("gm.member_id::text", Type.STRING, true, false);
                    default -> throw ScimError.invalidFilter("Unknown sub-attribute '" + name + "' of 'members'");
                },
                "value",
                "(g.member_count > 0)");
        if (sub == null) {
            return target;
        }
        Value element = target.element().apply(sub);
        return new FilterTarget.Elements(target.exists(), name -> element, sub, target.present());
    }
}
