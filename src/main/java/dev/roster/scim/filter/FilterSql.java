package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import com.unboundid.scim2.common.exceptions.ScimException;
import dev.roster.common.Ids;
import dev.roster.common.SqlPart;
import dev.roster.scim.schema.ScimDocumentNormalizer;
import dev.roster.scim.schema.ScimError;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Translates a parsed SCIM filter (RFC 7644 §3.4.2.2: every operator, and/or/not, grouping,
 * complex-attribute filters) into a SQL condition with named parameters {@code :f1, :f2, …}, so that filters run in
 * PostgreSQL on indexed columns and never as a scan in memory. Leaves are plain, indexable predicates
 * (an absent attribute makes them NULL, which WHERE treats as false); only {@code not} folds NULL to
 * false before negating, so that {@code not (title eq "x")} matches users without a title, as SCIM says.
 */
public final class FilterSql {

    private FilterSql() {
    }

    public static SqlPart translate(Filter filter, FilterColumns columns) {
        Translator translator = new Translator(columns);
        try {
            String condition = filter.visit(translator, null);
            return new SqlPart(condition, translator.params);
        } catch (ScimException e) {
            throw ScimError.invalidFilter(e.getMessage());
        }
    }

    private enum Op { EQ, NE, CO, SW, EW, GT, GE, LT, LE }

    /** Visits the filter; the parameter is the element scope inside a complex filter, or null. */
    private static final class Translator implements FilterVisitor<String, Function<String, FilterTarget.Value>> {

        private final FilterColumns columns;
        private final Map<String, Object> params = new LinkedHashMap<>();

        Translator(FilterColumns columns) {
            this.columns = columns;
        }

        /** The placeholder of a new parameter holding {@code value}. */
        private String bind(Object value) {
            String name = "f" + (params.size() + 1);
            params.put(name, value);
            return ":" + name;
        }

        @Override
        public String visit(EqualFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.EQ, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(NotEqualFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.NE, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(ContainsFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.CO, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(StartsWithFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.SW, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(EndsWithFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.EW, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(GreaterThanFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.GT, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(GreaterThanOrEqualFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.GE, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(LessThanFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.LT, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(LessThanOrEqualFilter f, Function<String, FilterTarget.Value> scope) {
            return compare(f.getAttributePath(), Op.LE, f.getComparisonValue(), scope);
        }

        @Override
        public String visit(PresentFilter f, Function<String, FilterTarget.Value> scope) {
            if (scope != null) {
                return present(element(scope, f.getAttributePath()));
            }
            FilterTarget target = columns.resolve(f.getAttributePath());
            if (target instanceof FilterTarget.Elements elements) {
                return elements.present();
            }
            return target instanceof FilterTarget.Value value ? present(value) : "false";
        }

        @Override
        public String visit(AndFilter f, Function<String, FilterTarget.Value> scope) throws ScimException {
            return combine(f.getCombinedFilters(), " AND ", scope);
        }

        @Override
        public String visit(OrFilter f, Function<String, FilterTarget.Value> scope) throws ScimException {
            return combine(f.getCombinedFilters(), " OR ", scope);
        }

        @Override
        public String visit(NotFilter f, Function<String, FilterTarget.Value> scope) throws ScimException {
            return "(NOT COALESCE(" + f.getInvertedFilter().visit(this, scope) + ", false))";
        }

        @Override
        public String visit(ComplexValueFilter f, Function<String, FilterTarget.Value> scope) throws ScimException {
            if (scope != null) {
                throw ScimError.invalidFilter("Complex attribute filters cannot be nested: " + f);
            }
            FilterTarget target = columns.resolve(f.getAttributePath());
            if (target instanceof FilterTarget.Absent) {
                return "false";
            }
            if (!(target instanceof FilterTarget.Elements elements)) {
                throw ScimError.invalidFilter("'" + f.getAttributePath() + "' is not a multi-valued attribute; [ ] filters need one");
            }
            return elements.exists().apply(f.getValueFilter().visit(this, elements.element()));
        }

        private String combine(List<Filter> filters, String operator, Function<String, FilterTarget.Value> scope)
                throws ScimException {
            List<String> parts = new ArrayList<>();
            for (Filter filter : filters) {
                parts.add(filter.visit(this, scope));
            }
            return "(" + String.join(operator, parts) + ")";
        }

        private String compare(Path path, Op op, ValueNode value, Function<String, FilterTarget.Value> scope) {
            if (scope != null) {
                return comparison(element(scope, path), op, value, path);
            }
            FilterTarget target = columns.resolve(path);
            if (target instanceof FilterTarget.Elements elements) {
                FilterTarget.Value element = elements.element().apply(elements.defaultSub());
                return elements.exists().apply(comparison(element, op, value, path));
            }
            return target instanceof FilterTarget.Value single ? comparison(single, op, value, path) : absent(op, value);
        }

        /** A comparison with an attribute that has no value: only "ne" a value holds, and "eq null". */
        private static String absent(Op op, ValueNode value) {
            if (value == null || value.isNull()) {
                return op == Op.EQ ? "true" : "false";
            }
            return op == Op.NE ? "true" : "false";
        }

        private static FilterTarget.Value element(Function<String, FilterTarget.Value> scope, Path path) {
            if (path.size() != 1 || path.getSchemaUrn() != null) {
                throw ScimError.invalidFilter("Inside [ ], name a sub-attribute: '" + path + "'");
            }
            return scope.apply(path.getElement(0).getAttribute());
        }

        private String present(FilterTarget.Value target) {
            if (target.type() == FilterTarget.Type.STRING) {
                return "(" + target.sql() + " IS NOT NULL AND " + target.sql() + " <> '')";
            }
            return "(" + target.sql() + " IS NOT NULL)";
        }

        private String comparison(FilterTarget.Value target, Op op, ValueNode value, Path path) {
            if (value == null || value.isNull()) {
                // "attr eq null" is "attr is absent"; "attr ne null" is "attr is present"
                return switch (op) {
                    case EQ -> "(NOT " + present(target) + ")";
                    case NE -> present(target);
                    default -> throw ScimError.invalidFilter("null can only be compared with eq or ne: '" + path + "'");
                };
            }
            return switch (target.type()) {
                case BOOLEAN -> booleanComparison(target, op, value, path);
                case DATETIME -> dateTimeComparison(target, op, value, path);
                case UUID -> uuidComparison(target, op, value, path);
                case INTEGER -> integerComparison(target, op, value, path);
                case STRING -> stringComparison(target, op, value);
            };
        }

        private String booleanComparison(FilterTarget.Value target, Op op, ValueNode value, Path path) {
            if (op != Op.EQ && op != Op.NE) {
                throw ScimError.invalidFilter("'" + path + "' is a boolean: only eq, ne and pr apply");
            }
            boolean expected;
            try {
                expected = ScimDocumentNormalizer.bool(value, path.toString()).booleanValue();
            } catch (ScimError e) {
                throw ScimError.invalidFilter("'" + path + "' is a boolean; compare it with true or false");
            }
            String left = target.jsonText() ? "lower(" + target.sql() + ")" : target.sql();
            String right = bind(target.jsonText() ? Boolean.toString(expected) : expected);
            return op == Op.EQ ? "(" + left + " = " + right + ")" : "(" + left + " IS NULL OR " + left + " <> " + right + ")";
        }

        private String dateTimeComparison(FilterTarget.Value target, Op op, ValueNode value, Path path) {
            if (op == Op.CO || op == Op.SW || op == Op.EW) {
                throw ScimError.invalidFilter("'" + path + "' is a dateTime: co, sw and ew do not apply");
            }
            OffsetDateTime at;
            try {
                at = OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                throw ScimError.invalidFilter("'" + value.asText() + "' compared with '" + path
                        + "' is not a date and time such as 2026-11-26T10:00:00Z");
            }
            String left = target.jsonText() ? "(" + target.sql() + ")::timestamptz" : target.sql();
            return ordered(left, op, bind(at));
        }

        private String uuidComparison(FilterTarget.Value target, Op op, ValueNode value, Path path) {
            if (op == Op.EQ || op == Op.NE) {
                Optional<UUID> id = Ids.parse(value.asText());
                if (id.isEmpty()) {
                    return op == Op.EQ ? "false" : "true";
                }
                String right = bind(id.get());
                return op == Op.EQ ? "(" + target.sql() + " = " + right + ")"
                        : "(" + target.sql() + " IS NULL OR " + target.sql() + " <> " + right + ")";
            }
            return stringComparison(new FilterTarget.Value(target.sql() + "::text", FilterTarget.Type.STRING, false, false), op, value);
        }

        private String integerComparison(FilterTarget.Value target, Op op, ValueNode value, Path path) {
            if (!value.isIntegralNumber() || op == Op.CO || op == Op.SW || op == Op.EW) {
                throw ScimError.invalidFilter("'" + path + "' is an integer; compare it with a number using eq, ne, gt, ge, lt or le");
            }
            return ordered(target.sql(), op, bind(value.asLong()));
        }

        private String stringComparison(FilterTarget.Value target, Op op, ValueNode value) {
            String text = value.asText();
            String left = target.caseExact() ? target.sql() : "lower(" + target.sql() + ")";
            String right = target.caseExact() ? text : text.toLowerCase(Locale.ROOT);
            return switch (op) {
                case CO -> "(" + left + " LIKE " + bind("%" + likeEscape(right) + "%") + ")";
                case SW -> "(" + left + " LIKE " + bind(likeEscape(right) + "%") + ")";
                case EW -> "(" + left + " LIKE " + bind("%" + likeEscape(right)) + ")";
                case EQ -> "(" + left + " = " + bind(right) + ")";
                case NE -> "(" + left + " IS NULL OR " + left + " <> " + bind(right) + ")";
                default -> ordered(left + " COLLATE \"C\"", op, bind(right));
            };
        }

        private static String ordered(String left, Op op, String right) {
            String operator = switch (op) {
                case GT -> ">";
                case GE -> ">=";
                case LT -> "<";
                case LE -> "<=";
                case EQ -> "=";
                case NE -> "<>";
                default -> throw new IllegalStateException(op.name());
            };
            return op == Op.NE ? "(" + left + " IS NULL OR " + left + " <> " + right + ")" : "(" + left + " " + operator + " " + right + ")";
        }

        /**
         * Backslash-escapes LIKE's wildcards; backslash is LIKE's default escape character, and an explicit
         * {@code ESCAPE '\'} would not survive Jdbi's statement lexer, which reads {@code \'} as an escaped quote.
         */
        private static String likeEscape(String text) {
            return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
