package dev.roster.scim;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import dev.roster.common.Sql;
import dev.roster.common.SqlPart;

import java.util.ArrayList;
import java.util.List;

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

    private ScimListQuery() {
    }

    /**
     * @param from      e.g. {@code "members m"}
     * @param alias     the table alias, e.g. {@code "m"}
     * @param scope     the tenant condition with its parameters, e.g. {@code "m.org_id = ?"}
     * @param select    the selected columns
     */
    static <T> ScimPage<T> page(Sql sql, ScimListRequest request, FilterColumns columns, String from, String alias,
                                String scope, List<Object> scopeParams, String select, Sql.RowMapper<T> mapper) {
        List<Object> params = new ArrayList<>(scopeParams);
        StringBuilder where = new StringBuilder(scope);
        if (request.filter() != null) {
            SqlPart condition = FilterSql.translate(request.filter(), columns);
            where.append(" AND ").append(condition.sql());
            params.addAll(condition.params());
        }
        String count = "SELECT count(*) FROM " + from + " WHERE " + where;
        if (request.count() == 0) {
            return new ScimPage<>(List.of(), sql.count(count, params.toArray()));
        }
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add((long) request.startIndex() - 1);
        pageParams.add(request.count());
        String order = " ORDER BY " + orderBy(request, columns, alias) + " OFFSET ? LIMIT ?";
        if (request.filter() != null) {
            List<T> items = sql.query("SELECT " + select + " FROM " + from + " WHERE " + where + order, mapper,
                    pageParams.toArray());
            boolean wholeResult = request.startIndex() == 1 && items.size() < request.count();
            return new ScimPage<>(items, wholeResult ? items.size() : sql.count(count, params.toArray()));
        }
        long[] total = {-1};
        List<T> items = sql.query("SELECT " + select + ", count(*) OVER () AS total FROM " + from + " WHERE " + where + order,
                row -> {
                    total[0] = row.getLong("total");
                    return mapper.map(row);
                }, pageParams.toArray());
        if (total[0] < 0) {
            total[0] = sql.count(count, params.toArray()); // past the last page: no row carried the total
        }
        return new ScimPage<>(items, total[0]);
    }

    private static String orderBy(ScimListRequest request, FilterColumns columns, String alias) {
        String direction = request.descending() ? " DESC" : " ASC";
        String stable = alias + ".created_at" + direction + ", " + alias + ".id" + direction;
        if (request.sortBy() == null) {
            return stable;
        }
        try {
            return columns.sortExpression(Path.fromString(request.sortBy())) + direction + " NULLS LAST, " + stable;
        } catch (BadRequestException e) {
            throw ScimError.invalidValue("Invalid sortBy '" + request.sortBy() + "'");
        } catch (ScimError e) {
            throw ScimError.invalidValue("Cannot sort by '" + request.sortBy() + "': " + e.getMessage());
        }
    }
}
