package dev.roster.scim;

import dev.roster.common.SqlPart;
import dev.roster.scim.filter.FilterColumns;
import dev.roster.scim.filter.FilterSql;
import dev.roster.scim.schema.ScimError;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Map;

/**
 * One page of a SCIM list as a single SQL statement: the filter translated to SQL, a stable order
 * (the requested sort, then creation time and id, so pages never overlap or skip), and the total from a
 * window function; a separate count only for {@code count=0} or a page past the end.
 *
 * <p>A filtered first page that comes back short needs no total at all: it is the number of rows. That
 * is the shape of nearly every IdP lookup ({@code userName eq "…"}, {@code externalId eq "…"}), so filtered
 * requests are read without the window function, and counted separately only when their page is full or
 * not the first.
 */
final class ScimListQuery {

    /** Placeholders: from, where. */
    private static final String COUNT = "SELECT count(*) FROM %s WHERE %s";
    /** Placeholders: select, from, where, order. */
    private static final String PAGE = "SELECT %s FROM %s WHERE %s ORDER BY %s OFFSET :offset LIMIT :limit";
    /** Placeholders: select, from, where, order. */
    private static final String PAGE_AND_TOTAL =
            "SELECT %s, count(*) OVER () AS total FROM %s WHERE %s ORDER BY %s OFFSET :offset LIMIT :limit";

    /**
     * What a list reads: {@code from} e.g. {@code "members m"}, the table's {@code alias} ({@code "m"}),
     * the selected columns, how a row maps, and where the type's attributes live for filters and sorting.
     */
    record Source<T>(String from, String alias, String select, RowMapper<T> mapper, FilterColumns columns) {
    }

    private ScimListQuery() {
    }

    /** A page of {@code source} under {@code scope} (the tenant condition, see {@link ScimContext}). */
    static <T> ScimPage<T> page(Jdbi jdbi, ScimListRequest request, SqlPart scope, Source<T> source) {
        SqlPart where = request.filter() == null ? scope : scope.and(FilterSql.translate(request.filter(), source.columns()));
        String count = COUNT.formatted(source.from(), where.sql());
        if (request.count() == 0) {
            return new ScimPage<>(List.of(), count(jdbi, count, where));
        }
        Map<String, Object> params = where.with(Map.of("offset", request.startIndex() - 1L, "limit", request.count()));
        String order = orderBy(request, source);
        if (request.filter() != null) {
            String sql = PAGE.formatted(source.select(), source.from(), where.sql(), order);
            List<T> items = jdbi.withHandle(h -> h.createQuery(sql).bindMap(params).map(source.mapper()).list());
            boolean wholeResult = request.startIndex() == 1 && items.size() < request.count();
            return new ScimPage<>(items, wholeResult ? items.size() : count(jdbi, count, where));
        }
        long[] total = {-1};
        String sql = PAGE_AND_TOTAL.formatted(source.select(), source.from(), where.sql(), order);
        List<T> items = jdbi.withHandle(h -> h.createQuery(sql).bindMap(params).map((row, context) -> {
            total[0] = row.getLong("total");
            return source.mapper().map(row, context);
        }).list());
        if (total[0] < 0) {
            total[0] = count(jdbi, count, where); // past the last page: no row carried the total
        }
        return new ScimPage<>(items, total[0]);
    }

    private static long count(Jdbi jdbi, String sql, SqlPart where) {
        return jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params()).mapTo(Long.class).one());
    }

    private static String orderBy(ScimListRequest request, Source<?> source) {
        String direction = request.descending() ? " DESC" : " ASC";
        String stable = source.alias() + ".created_at" + direction + ", " + source.alias() + ".id" + direction;
        if (request.sortBy() == null) {
            return stable;
        }
        String expression;
        try {
            expression = source.columns().sortExpression(request.sortBy());
        } catch (ScimError e) {
            throw ScimError.invalidValue("Cannot sort by '" + request.sortBy() + "': " + e.getMessage());
        }
        return expression == null ? stable : expression + direction + " NULLS LAST, " + stable;
    }
}
