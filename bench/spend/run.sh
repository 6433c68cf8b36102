#!/usr/bin/env bash
# Spend benchmark (issue 4). Run by hand on an otherwise idle machine: bash bench/spend/run.sh
# Needs: java 17, wrk (apt-get install -y wrk), pgbench and psql (postgresql-client), bc.
#
# Starts the packaged server on its own embedded PostgreSQL (throw-away ROSTER_DATA_DIR, port 18090),
# seeds a member in 10 groups with limits, then measures:
#   1. ingestion, batches of 100, 8 clients: 100,000 events for that member (the seed: "100,000 usage
#      events this month"), then 100,000 events spread over 1,000 members;
#   2. authorize p50/p99 at a fixed 1,000 requests/s (open loop, SpendBench.java);
#   3. authorize at the highest rate 8 clients reach (wrk -c8);
# and pgbench on the same database running the same SQL (prepared, 8 clients) as the baseline.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BENCH_PORT="${BENCH_PORT:-18090}"
source "$HERE/../lib/server.sh"
DURATION="${DURATION:-20}"
RATE="${RATE:-1000}"
CLIENTS="${CLIENTS:-8}"
EVENTS="${EVENTS:-100000}"
trap stop_server EXIT

start_server
BASE="http://localhost:$BENCH_PORT"
ORG="$(bench_org_id)"
JWT="$(cat "$BENCH_DATA/bootstrap-admin.jwt")" # the bootstrap owner's JWT carries platform-admin, like the product's service account
MONTH_DAY="$(date -u +%Y-%m-01)"
echo "server ready on $BENCH_PORT, org $ORG, data $BENCH_DATA, postgres port $(pg_port)"

# ---- seed (not measured): the member, 10 groups with limits, 1,000 other members -----------------------
MEMBER="$(bench_psql -c "SELECT gen_random_uuid()")"
bench_psql <<SQL
INSERT INTO members (org_id, id, user_name, org_role) VALUES ('$ORG', '$MEMBER', 'bench-member@bench.test', 'user');
INSERT INTO groups (org_id, id, display_name, source, member_count)
SELECT '$ORG', gen_random_uuid(), 'bench group ' || i, 'manual', 1 FROM generate_series(1, 10) i;
INSERT INTO group_members (org_id, group_id, member_id)
SELECT org_id, id, '$MEMBER' FROM groups WHERE org_id = '$ORG' AND display_name LIKE 'bench group %';
INSERT INTO members (org_id, id, user_name, org_role)
SELECT '$ORG', gen_random_uuid(), 'spread-' || i || '@bench.test', 'user' FROM generate_series(1, 1000) i;
SQL
i=0
for GROUP in $(bench_psql -c "SELECT id FROM groups WHERE org_id = '$ORG' AND display_name LIKE 'bench group %' ORDER BY display_name"); do
  i=$((i + 1))
  if [ "$i" = 10 ]; then LIMIT='{"type":"unlimited"}'; else LIMIT="{\"type\":\"amount\",\"amountCents\":$((100000000000 - i))}"; fi
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -d "$LIMIT" \
    "$BASE/api/v1/orgs/$ORG/groups/$GROUP/spend-limit"
done
echo "$MEMBER" > "$BENCH_DATA/member.txt"
bench_psql -c "SELECT id FROM members WHERE org_id = '$ORG' AND user_name LIKE 'spread-%'" > "$BENCH_DATA/spread.txt"

# ---- 1. ingestion ---------------------------------------------------------------------------------------
java "$HERE/SpendBench.java" ingest "$BASE" "$JWT" "$ORG" "$BENCH_DATA/member.txt" "$EVENTS" 100 "$CLIENTS" "seed-" | tee "$BENCH_DATA/ingest-one.txt"
java "$HERE/SpendBench.java" ingest "$BASE" "$JWT" "$ORG" "$BENCH_DATA/spread.txt" "$EVENTS" 100 "$CLIENTS" "spread-" | tee "$BENCH_DATA/ingest-spread.txt"
bench_psql -c "ANALYZE"
bench_psql -c "SELECT 'member events this month: ' || count(*) FROM usage_events WHERE org_id = '$ORG' AND member_id = '$MEMBER' AND month = '$MONTH_DAY'"
curl -fsS -H "Authorization: Bearer $JWT" -H 'Content-Type: application/json' -d "{\"memberId\":\"$MEMBER\",\"amountCents\":100}" \
  "$BASE/api/v1/orgs/$ORG/spend/authorize"; echo

# ---- 2. authorize at a fixed rate; 3. authorize at the highest rate of 8 clients --------------------------
wrk -t2 -c"$CLIENTS" -d10s -s "$HERE/authorize.lua" "$BASE" -- "$JWT" "$ORG" "$MEMBER" > /dev/null # warm-up (JIT)
java "$HERE/SpendBench.java" rate "$BASE" "$JWT" "$ORG" "$MEMBER" "$RATE" 5 "$DURATION" | tee "$BENCH_DATA/rate.txt"
# noise floor: the same generator on GET /q/health/live (no database, no JWT) at the same rate
java "$HERE/SpendBench.java" rate-get "$BASE" /q/health/live "$RATE" 5 "$DURATION" | tee "$BENCH_DATA/rate-health.txt"
wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s "$HERE/authorize.lua" "$BASE" -- "$JWT" "$ORG" "$MEMBER" | tee "$BENCH_DATA/wrk-authorize.txt"
MAX_RATE="$(wrk_rate < "$BENCH_DATA/wrk-authorize.txt")"

# ---- baselines: pgbench, same database, same SQL ---------------------------------------------------------
# authorize: the one statement AuthorizeService runs (SpendQueries.memberState)
cat > "$BENCH_DATA/authorize.sql" <<SQL
SELECT m.id, m.active, il.kind AS individual_kind, il.amount_cents AS individual_amount,
       gl.group_ids, gl.kinds, gl.amounts, coalesce(ms.spent_cents, 0) AS spent_cents,
       cap.kind AS cap_kind, cap.amount_cents AS cap_amount, coalesce(os.spent_cents, 0) AS org_spent_cents
FROM members m
LEFT JOIN member_spend_limits il ON il.org_id = m.org_id AND il.member_id = m.id
LEFT JOIN member_monthly_spend ms ON ms.org_id = m.org_id AND ms.member_id = m.id AND ms.month = '$MONTH_DAY'::date
CROSS JOIN LATERAL (
    SELECT array_agg(l.group_id ORDER BY l.group_id) AS group_ids, array_agg(l.kind ORDER BY l.group_id) AS kinds,
           array_agg(l.amount_cents ORDER BY l.group_id) AS amounts
    FROM group_members gm JOIN group_spend_limits l ON l.org_id = gm.org_id AND l.group_id = gm.group_id
    WHERE gm.org_id = m.org_id AND gm.member_id = m.id) gl
LEFT JOIN org_spend_caps cap ON cap.org_id = m.org_id
LEFT JOIN org_monthly_spend os ON os.org_id = m.org_id AND os.month = '$MONTH_DAY'::date
WHERE m.org_id = '$ORG' AND m.id = '$MEMBER';
SQL
PGB=(pgbench -n -M prepared -h localhost -p "$(pg_port)" -U postgres)
rm -f "$BENCH_DATA"/pgbench_log.*
(cd "$BENCH_DATA" && "${PGB[@]}" -c "$CLIENTS" -j 2 -R "$RATE" -T "$DURATION" -l -f authorize.sql postgres > pgbench-rate.txt)
# per-transaction log: column 3 is the latency in µs, column 7 the schedule lag (included, as in the open-loop HTTP figure)
cat "$BENCH_DATA"/pgbench_log.* | awk '{print ($3 + $7) / 1000}' | sort -n > "$BENCH_DATA/pgbench-latencies.txt"
PG_N="$(wc -l < "$BENCH_DATA/pgbench-latencies.txt")"
PG_P50="$(sed -n "$((PG_N / 2 + 1))p" "$BENCH_DATA/pgbench-latencies.txt")"
PG_P99="$(sed -n "$((PG_N * 99 / 100 + 1))p" "$BENCH_DATA/pgbench-latencies.txt")"
PG_MAX_TPS="$("${PGB[@]}" -c "$CLIENTS" -j 2 -T "$DURATION" -f "$BENCH_DATA/authorize.sql" postgres | pgbench_tps)"

# ingestion: one batch of 100 events as UsageLedger.record writes it (one statement: member check, ledger,
# member months, org month; then the commit). The events are generated in SQL instead of sent as arrays.
ingest_sql() { # $1: SQL expression for the member id of event g
cat <<SQL
BEGIN;
WITH input AS (
    SELECT gen_random_uuid()::text AS event_id, $1 AS member_id, 10::bigint AS amount_cents, now() AS occurred_at
    FROM generate_series(1, 100) g
), known AS (
    SELECT count(*) = (SELECT count(DISTINCT member_id) FROM input) AS all_known
    FROM members WHERE org_id = '$ORG' AND id = ANY(ARRAY(SELECT DISTINCT member_id FROM input))
), inserted AS (
    INSERT INTO usage_events (org_id, event_id, member_id, amount_cents, occurred_at, month)
    SELECT '$ORG', event_id, member_id, amount_cents, occurred_at, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date
    FROM input WHERE (SELECT all_known FROM known) ORDER BY event_id
    ON CONFLICT (org_id, event_id) DO NOTHING
    RETURNING member_id, month, amount_cents
), per_member AS (
    INSERT INTO member_monthly_spend AS s (org_id, member_id, month, spent_cents)
    SELECT '$ORG', member_id, month, sum(amount_cents) FROM inserted GROUP BY member_id, month ORDER BY member_id, month
    ON CONFLICT (org_id, member_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
    RETURNING 1
), per_org AS (
    INSERT INTO org_monthly_spend AS s (org_id, month, spent_cents)
    SELECT '$ORG', month, sum(amount_cents) FROM inserted WHERE (SELECT count(*) FROM per_member) > 0
    GROUP BY month ORDER BY month
    ON CONFLICT (org_id, month) DO UPDATE SET spent_cents = s.spent_cents + excluded.spent_cents
)
SELECT (SELECT all_known FROM known), (SELECT count(*) FROM inserted);
COMMIT;
SQL
}
ingest_sql "'$MEMBER'::uuid" > "$BENCH_DATA/ingest-one.sql"
SPREAD_ARRAY="'{$(paste -sd, "$BENCH_DATA/spread.txt")}'::uuid[]"
ingest_sql "($SPREAD_ARRAY)[1 + (g + :client_id * 100) % 1000]" > "$BENCH_DATA/ingest-spread.sql"
PG_INGEST_ONE="$("${PGB[@]}" -c "$CLIENTS" -j 2 -T "$DURATION" -f "$BENCH_DATA/ingest-one.sql" postgres | pgbench_tps)"
PG_INGEST_SPREAD="$("${PGB[@]}" -c "$CLIENTS" -j 2 -T "$DURATION" -f "$BENCH_DATA/ingest-spread.sql" postgres | pgbench_tps)"

# ---- table ---------------------------------------------------------------------------------------------------
P50="$(awk -F= '/rate_p50_ms/ {print $2}' "$BENCH_DATA/rate.txt")"
P99="$(awk -F= '/rate_p99_ms/ {print $2}' "$BENCH_DATA/rate.txt")"
H50="$(awk -F= '/rate_p50_ms/ {print $2}' "$BENCH_DATA/rate-health.txt")"
H99="$(awk -F= '/rate_p99_ms/ {print $2}' "$BENCH_DATA/rate-health.txt")"
ONE="$(awk -F= '/ingest_events_per_second/ {print $2}' "$BENCH_DATA/ingest-one.txt")"
SPREAD="$(awk -F= '/ingest_events_per_second/ {print $2}' "$BENCH_DATA/ingest-spread.txt")"
PG_ONE_EPS="$(echo "$PG_INGEST_ONE * 100" | bc -l)"
PG_SPREAD_EPS="$(echo "$PG_INGEST_SPREAD * 100" | bc -l)"
WRK_P50="$(awk '/^ +50%/ {print $2}' "$BENCH_DATA/wrk-authorize.txt")"
WRK_P99="$(awk '/^ +99%/ {print $2}' "$BENCH_DATA/wrk-authorize.txt")"
{
echo
echo "| measure | Roster (HTTP) | pgbench, same SQL | Roster / pgbench | target |"
echo "|---|---|---|---|---|"
printf "| authorize p50 at %s req/s | %.3f ms | %.3f ms | %.1f× | |\n" "$RATE" "$P50" "$PG_P50" "$(echo "$P50 / $PG_P50" | bc -l)"
printf "| authorize p99 at %s req/s | %.3f ms | %.3f ms | %.1f× | < 2 ms |\n" "$RATE" "$P99" "$PG_P99" "$(echo "$P99 / $PG_P99" | bc -l)"
printf "| noise floor: GET /q/health/live at %s req/s, p50 / p99 | %.3f / %.3f ms | | | |\n" "$RATE" "$H50" "$H99"
printf "| authorize, max rate at %s clients | %.0f req/s (p50 %s, p99 %s) | %.0f tps | %.2f | |\n" "$CLIENTS" "$MAX_RATE" "$WRK_P50" "$WRK_P99" "$PG_MAX_TPS" "$(echo "$MAX_RATE / $PG_MAX_TPS" | bc -l)"
printf "| ingestion, batches of 100, %s clients, one member | %.0f events/s | %.0f events/s | %.2f | |\n" "$CLIENTS" "$ONE" "$PG_ONE_EPS" "$(echo "$ONE / $PG_ONE_EPS" | bc -l)"
printf "| ingestion, batches of 100, %s clients, 1,000 members | %.0f events/s | %.0f events/s | %.2f | |\n" "$CLIENTS" "$SPREAD" "$PG_SPREAD_EPS" "$(echo "$SPREAD / $PG_SPREAD_EPS" | bc -l)"
} | tee "$BENCH_DATA/table.md"
echo "results in $BENCH_DATA"
