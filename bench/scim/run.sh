#!/usr/bin/env bash
# SCIM benchmark (issue 2). Run by hand on an otherwise idle machine: bash bench/scim/run.sh
# Needs: java 17, wrk (apt-get install -y wrk), pgbench and psql (postgresql-client).
# Prints a table of SCIM figures next to pgbench's rate for the equivalent SQL on the same database.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/server.sh"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-20}"
USERS="${USERS:-10000}"
trap stop_server EXIT

start_server
BASE="http://localhost:$BENCH_PORT/scim/v2"
ORG="$(bench_org_id)"
echo "server ready on $BENCH_PORT, org $ORG, data $BENCH_DATA"
# the benchmark makes 102 groups; lift the org's cap of 100 for it
bench_psql -c "UPDATE orgs SET max_groups = 1000 WHERE id = '$ORG'"

# 1. provisioning: USERS users, 100 groups of 1,000 members, 8 concurrent SCIM clients
java "$HERE/ScimBench.java" provision "$BASE" "$BENCH_TOKEN" "$USERS" 100 1000 | tee "$BENCH_DATA/provision.txt"

# 2. POST /Users vs pgbench INSERT into the same table (8 clients each). Each measured HTTP run follows
#    an unmeasured run of the same requests: the JIT needs ~30 s of traffic to finish compiling a path
#    (jstat -compiler), and a server in production is warm.
wrk -t2 -c8 -d"${WARMUP}s" -s "$HERE/post_users.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" > /dev/null
wrk -t2 -c8 -d"${DURATION}s" -s "$HERE/post_users.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" > "$BENCH_DATA/wrk-post.txt"
POST_RATE="$(wrk_rate < "$BENCH_DATA/wrk-post.txt")"
cat > "$BENCH_DATA/insert.sql" <<SQL
\set n random(1, 2000000000)
INSERT INTO members (org_id, id, user_name, display_name, org_role, scim_managed, scim_attributes, email_values)
VALUES ('$ORG', gen_random_uuid(), 'pgb-' || :n || '-' || gen_random_uuid() || '@bench.test', 'Load Test', 'user', true,
        '{"name":{"givenName":"Load","familyName":"Test"},"emails":[{"primary": true,"type":"work","value":"x@bench.test"}]}',
        '{x@bench.test}');
SQL
INSERT_TPS="$(pgbench -n -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/insert.sql" postgres | pgbench_tps)"
INSERT_TPS_PREPARED="$(pgbench -n -M prepared -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/insert.sql" postgres | pgbench_tps)"

# 3. GET /Users?filter=userName eq "…" vs pgbench indexed SELECT
wrk -t2 -c8 -d"${WARMUP}s" -s "$HERE/get_filter.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" "$USERS" > /dev/null
wrk -t2 -c8 -d"${DURATION}s" -s "$HERE/get_filter.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" "$USERS" > "$BENCH_DATA/wrk-get.txt"
GET_RATE="$(wrk_rate < "$BENCH_DATA/wrk-get.txt")"
cat > "$BENCH_DATA/select.sql" <<SQL
\set n random(1, $USERS)
SELECT id, user_name, display_name, active, scim_attributes FROM members
WHERE org_id = '$ORG' AND lower(user_name) = lower('load-' || :n || '@bench.test');
SQL
SELECT_TPS="$(pgbench -n -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/select.sql" postgres | pgbench_tps)"
SELECT_TPS_PREPARED="$(pgbench -n -M prepared -h localhost -p "$(pg_port)" -U postgres -c 8 -j 2 -T "$DURATION" -f "$BENCH_DATA/select.sql" postgres | pgbench_tps)"

# context: what this HTTP stack serves at all on this machine: a trivial endpoint (no database), and the
# readiness check (one trivial database round trip on a worker thread, no application code) - the
# ceiling of any endpoint that reads the database once
wrk -t2 -c8 -d"${WARMUP}s" "http://localhost:$BENCH_PORT/q/health/ready" > /dev/null
wrk -t2 -c8 -d"${DURATION}s" "http://localhost:$BENCH_PORT/q/health/live" > "$BENCH_DATA/wrk-live.txt"
LIVE_RATE="$(wrk_rate < "$BENCH_DATA/wrk-live.txt")"
wrk -t2 -c8 -d"${DURATION}s" "http://localhost:$BENCH_PORT/q/health/ready" > "$BENCH_DATA/wrk-ready.txt"
READY_RATE="$(wrk_rate < "$BENCH_DATA/wrk-ready.txt")"

# 4. one-member PATCH add: into a 100,000-member group vs into a 10-member group
BIG=$(curl -fsS -X POST -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/scim+json' \
  -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Big group"}' "$BASE/Groups" | sed -E 's/.*"id":"([^"]+)".*/\1/')
SMALL=$(curl -fsS -X POST -H "Authorization: Bearer $BENCH_TOKEN" -H 'Content-Type: application/scim+json' \
  -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Small group"}' "$BASE/Groups" | sed -E 's/.*"id":"([^"]+)".*/\1/')
# set-up by SQL (not measured): 100,000 filler members in the big group, 10 in the small one, 1,000 fresh members to add
bench_psql <<SQL
INSERT INTO members (org_id, id, user_name, org_role, scim_managed)
SELECT '$ORG', gen_random_uuid(), 'filler-' || i || '@bench.test', 'user', true FROM generate_series(1, 100000) i;
INSERT INTO group_members (org_id, group_id, member_id)
SELECT '$ORG', '$BIG', id FROM members WHERE org_id = '$ORG' AND user_name LIKE 'filler-%';
INSERT INTO group_members (org_id, group_id, member_id)
SELECT '$ORG', '$SMALL', id FROM members WHERE org_id = '$ORG' AND user_name LIKE 'filler-%' LIMIT 10;
UPDATE groups SET member_count = (SELECT count(*) FROM group_members gm WHERE gm.org_id = groups.org_id AND gm.group_id = groups.id)
WHERE org_id = '$ORG' AND id IN ('$BIG', '$SMALL');
INSERT INTO members (org_id, id, user_name, org_role, scim_managed)
SELECT '$ORG', gen_random_uuid(), 'fresh-' || i || '@bench.test', 'user', true FROM generate_series(1, 1000) i;
ANALYZE;
SQL
bench_psql -c "SELECT id FROM members WHERE org_id = '$ORG' AND user_name LIKE 'fresh-%' ORDER BY user_name" > "$BENCH_DATA/fresh.txt"
java "$HERE/ScimBench.java" patch "$BASE" "$BENCH_TOKEN" "$BIG" "$SMALL" "$BENCH_DATA/fresh.txt" 500 | tee "$BENCH_DATA/patch.txt"
BIG_MS=$(awk -F= '/patch_a_mean_ms/ {print $2}' "$BENCH_DATA/patch.txt")
SMALL_MS=$(awk -F= '/patch_b_mean_ms/ {print $2}' "$BENCH_DATA/patch.txt")

echo
echo "| measure | Roster | baseline | ratio | target |"
echo "|---|---|---|---|---|"
printf "| POST /Users, 8 clients | %.0f req/s | pgbench INSERT %.0f tps | %.2f | >= 0.40 |\n" "$POST_RATE" "$INSERT_TPS" "$(echo "$POST_RATE / $INSERT_TPS" | bc -l)"
printf "| GET /Users?filter=userName eq, 8 clients | %.0f req/s | pgbench SELECT %.0f tps | %.2f | >= 0.40 |\n" "$GET_RATE" "$SELECT_TPS" "$(echo "$GET_RATE / $SELECT_TPS" | bc -l)"
printf "| PATCH add 1 member, 100,000-member group vs 10-member group (mean) | %.3f ms | %.3f ms | %.2f | <= 1.5 |\n" "$BIG_MS" "$SMALL_MS" "$(echo "$BIG_MS / $SMALL_MS" | bc -l)"
printf "| context: pgbench -M prepared (the protocol the server's JDBC driver uses), INSERT / SELECT | %.0f / %.0f tps | | | |\n" "$INSERT_TPS_PREPARED" "$SELECT_TPS_PREPARED"
printf "| context: GET /q/health/live (HTTP stack, no database), 8 clients | %.0f req/s | | | |\n" "$LIVE_RATE"
printf "| context: GET /q/health/ready (HTTP + one trivial database round trip), 8 clients | %.0f req/s | pgbench SELECT | %.2f | |\n" "$READY_RATE" "$(echo "$READY_RATE / $SELECT_TPS" | bc -l)"
grep provision "$BENCH_DATA/provision.txt" | sed 's/^/| /; s/=/ | /; s/$/ | | | |/'
