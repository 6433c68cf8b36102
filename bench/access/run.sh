#!/usr/bin/env bash
# Access benchmark (issue 3). Run by hand on an otherwise idle machine: bash bench/access/run.sh
# Needs: java 17, wrk, pgbench and psql (postgresql-client).
# GET /members/{id}/access for a member in 20 groups with 5 custom roles each (100 group/role pairs),
# next to pgbench running the very statements that call sends (4: the caller's row, the member's row,
# the org's feature switches, the memberships → assignments → roles join) on the same database.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/server.sh"
DURATION="${DURATION:-15}"
trap stop_server EXIT

start_server
ORG="$(bench_org_id)"
JWT="$(cat "$BENCH_DATA/bootstrap-admin.jwt")"
OWNER="$(bench_psql -c "SELECT id FROM members WHERE org_id = '$ORG' AND org_role = 'primary_owner'")"
MEMBER="$(bench_psql -c "SELECT gen_random_uuid()")"
echo "server ready on $BENCH_PORT, org $ORG, member $MEMBER, data $BENCH_DATA"

# set-up by SQL (not measured): the member, 20 groups, 100 custom roles, 5 per group, and 2,000 other members
bench_psql <<SQL
INSERT INTO members (org_id, id, user_name, org_role) VALUES ('$ORG', '$MEMBER', 'access-bench@bench.test', 'custom_roles');
INSERT INTO members (org_id, id, user_name, org_role)
SELECT '$ORG', gen_random_uuid(), 'other-' || i || '@bench.test', 'custom_roles' FROM generate_series(1, 2000) i;
INSERT INTO groups (org_id, id, display_name, source)
SELECT '$ORG', gen_random_uuid(), 'access group ' || lpad(g::text, 2, '0'), 'manual' FROM generate_series(1, 20) g;
INSERT INTO group_members (org_id, group_id, member_id)
SELECT '$ORG', g.id, m.id FROM groups g JOIN members m ON m.org_id = g.org_id
WHERE g.org_id = '$ORG' AND g.display_name LIKE 'access group %' AND (m.user_name LIKE 'other-%' OR m.id = '$MEMBER');
UPDATE groups SET member_count = 2001 WHERE org_id = '$ORG' AND display_name LIKE 'access group %';
INSERT INTO custom_roles (org_id, id, name, capabilities, admin_areas)
SELECT '$ORG', gen_random_uuid(), 'access role ' || lpad(r::text, 3, '0'),
       ARRAY[(ARRAY['projects', 'claude_code', 'memory', 'skills', 'connectors'])[1 + r % 5]], '{"billing":"view"}'
FROM generate_series(0, 99) r;
WITH g AS (SELECT id, row_number() OVER (ORDER BY display_name) - 1 AS n FROM groups
           WHERE org_id = '$ORG' AND display_name LIKE 'access group %'),
     r AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM custom_roles
           WHERE org_id = '$ORG' AND name LIKE 'access role %')
INSERT INTO group_custom_roles (org_id, group_id, custom_role_id) SELECT '$ORG', g.id, r.id FROM g JOIN r ON r.n / 5 = g.n;
INSERT INTO org_features (org_id, capability, enabled) VALUES ('$ORG', 'claude_code', true), ('$ORG', 'memory', false);
ANALYZE;
SQL
URL="http://localhost:$BENCH_PORT/api/v1/orgs/$ORG/members/$MEMBER/access"
SOURCES="$(curl -fsS -H "Authorization: Bearer $JWT" "$URL" | grep -o '"customRoleId"' | wc -l)"
echo "access answer lists $SOURCES custom-role sources (expected 100)"

# warm-up (JIT, connection pool), not measured
wrk -t2 -c8 -d5s -H "Authorization: Bearer $JWT" "$URL" > /dev/null
wrk -t2 -c8 -d"${DURATION}s" --latency -H "Authorization: Bearer $JWT" "$URL" > "$BENCH_DATA/wrk-access.txt"
ACCESS_RATE="$(wrk_rate < "$BENCH_DATA/wrk-access.txt")"
P50="$(awk '$1 == "50%" {print $2}' "$BENCH_DATA/wrk-access.txt")"
P99="$(awk '$1 == "99%" {print $2}' "$BENCH_DATA/wrk-access.txt")"

cat > "$BENCH_DATA/access.sql" <<SQL
SELECT user_name, org_role, active FROM members WHERE org_id = '$ORG' AND id = '$OWNER';
SELECT org_role, active FROM members WHERE org_id = '$ORG' AND id = '$MEMBER';
SELECT capability, enabled FROM org_features WHERE org_id = '$ORG';
SELECT gm.group_id, cr.id, cr.name, cr.capabilities, cr.admin_areas::text
FROM group_members gm
JOIN group_custom_roles gcr ON gcr.org_id = gm.org_id AND gcr.group_id = gm.group_id
JOIN custom_roles cr ON cr.org_id = gcr.org_id AND cr.id = gcr.custom_role_id
WHERE gm.org_id = '$ORG' AND gm.member_id = '$MEMBER'
ORDER BY gm.group_id, lower(cr.name);
SQL
SQL_TPS="$(pgbench -n -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/access.sql" postgres | pgbench_tps)"

echo
echo "| measure | Roster | baseline | ratio |"
echo "|---|---|---|---|"
printf "| GET /members/{id}/access, 20 groups x 5 roles, 8 clients | %.0f req/s (p50 %s, p99 %s) | pgbench, the same 4 statements per transaction: %.0f tps | %.2f |\n" \
  "$ACCESS_RATE" "$P50" "$P99" "$SQL_TPS" "$(echo "$ACCESS_RATE / $SQL_TPS" | bc -l)"

# 2. GET /groups?limit=100 over 100 groups of 10,000 members each (issue 3): memberCount is a maintained
#    column, so the list never touches the 1,000,000 membership rows.
LIST_ORG="$(bench_psql -c "SELECT gen_random_uuid()")"
LIST_OWNER="$(bench_psql -c "SELECT gen_random_uuid()")"
bench_psql <<SQL
INSERT INTO orgs (id, name, plan, max_groups) VALUES ('$LIST_ORG', 'List bench', 'enterprise', 1000);
INSERT INTO members (org_id, id, user_name, org_role)
VALUES ('$LIST_ORG', '$LIST_OWNER', 'list-owner@bench.test', 'primary_owner');
INSERT INTO members (org_id, id, user_name, org_role)
SELECT '$LIST_ORG', gen_random_uuid(), 'list-' || i || '@bench.test', 'user' FROM generate_series(1, 10000) i;
INSERT INTO groups (org_id, id, display_name, source, member_count)
SELECT '$LIST_ORG', gen_random_uuid(), 'list group ' || lpad(g::text, 3, '0'), 'manual', 10000 FROM generate_series(1, 100) g;
INSERT INTO group_members (org_id, group_id, member_id)
SELECT '$LIST_ORG', g.id, m.id FROM groups g JOIN members m ON m.org_id = g.org_id
WHERE g.org_id = '$LIST_ORG' AND m.user_name LIKE 'list-%@bench.test' AND m.user_name <> 'list-owner@bench.test';
ANALYZE;
SQL
LIST_JWT="$(java "$HERE/../lib/SignJwt.java" "$BENCH_DATA/jwt-signing-key.pem" "$LIST_OWNER" "$LIST_ORG")"
LIST_URL="http://localhost:$BENCH_PORT/api/v1/orgs/$LIST_ORG/groups?limit=100"
COUNT="$(curl -fsS -H "Authorization: Bearer $LIST_JWT" "$LIST_URL" | grep -o '"memberCount":10000' | wc -l)"
echo "group list answers $COUNT groups of 10,000 members (expected 100)"
wrk -t2 -c8 -d5s -H "Authorization: Bearer $LIST_JWT" "$LIST_URL" > /dev/null
wrk -t2 -c8 -d"${DURATION}s" --latency -H "Authorization: Bearer $LIST_JWT" "$LIST_URL" > "$BENCH_DATA/wrk-list.txt"
LIST_RATE="$(wrk_rate < "$BENCH_DATA/wrk-list.txt")"
LIST_P99="$(awk '$1 == "99%" {print $2}' "$BENCH_DATA/wrk-list.txt")"
cat > "$BENCH_DATA/list.sql" <<SQL
SELECT user_name, org_role, active FROM members WHERE org_id = '$LIST_ORG' AND id = '$LIST_OWNER';
SELECT plan FROM orgs WHERE id = '$LIST_ORG';
SELECT g.id, g.display_name, g.source, g.external_id, g.member_count, g.created_at, g.updated_at,
       ARRAY(SELECT gcr.custom_role_id FROM group_custom_roles gcr WHERE gcr.org_id = g.org_id AND gcr.group_id = g.id)
FROM groups g WHERE g.org_id = '$LIST_ORG' ORDER BY lower(g.display_name), g.id LIMIT 101;
SQL
LIST_TPS="$(pgbench -n -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/list.sql" postgres | pgbench_tps)"
printf "| GET /groups?limit=100, 100 groups x 10,000 members, 8 clients | %.0f req/s (p99 %s) | pgbench, the same statements: %.0f tps | %.2f |\n" \
  "$LIST_RATE" "$LIST_P99" "$LIST_TPS" "$(echo "$LIST_RATE / $LIST_TPS" | bc -l)"

