#!/usr/bin/env bash
# Directory-sync benchmark (issue 6). Run by hand on an otherwise idle machine: bash bench/sync/run.sh
# Needs: java 17, curl, psql (postgresql-client), python3 (JSON field reading).
#
# One server, two orgs: the upstream org is filled by SQL (not measured) with 100 SCIM groups, 100,000
# users and 200,000 memberships, and served by this server's own /scim/v2; the bootstrap org syncs from
# it. Measured: a first sync (creates everything), a no-op re-sync, the upstream's own time to serve
# every page those runs read (the baseline: the same GETs with curl, one after another, as the run
# issues them), and the server's peak RSS (VmHWM).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../lib/server.sh"
N_USERS="${SYNC_USERS:-100000}"
N_GROUPS="${SYNC_GROUPS:-100}"
GROUP_PAGE="${GROUP_PAGE:-20}"   # roster.sync.scim.group-page-size (default)
USER_PAGE="${USER_PAGE:-500}"    # roster.sync.scim.user-page-size (default)
UPSTREAM_TOKEN="sync-bench-upstream-$(date +%s)"
trap stop_server EXIT
export QUARKUS_LOG_CATEGORY__DEV_ROSTER_SYNC__LEVEL=INFO

start_server
ORG="$(bench_org_id)"
JWT="$(cat "$BENCH_DATA/bootstrap-admin.jwt")"
UP="$(bench_psql -c "SELECT gen_random_uuid()")"
BASE="http://localhost:$BENCH_PORT"
echo "server ready on $BENCH_PORT (pid $SERVER_PID), local org $ORG, upstream org $UP, data $BENCH_DATA"

rss_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
now_ms() { date +%s%3N; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }

# ---- the upstream, by SQL (not measured) -------------------------------------------------------------
START=$(now_ms)
TOKEN_HASH="$(printf '%s' "$UPSTREAM_TOKEN" | sha256sum | cut -d' ' -f1)"
bench_psql <<SQL
INSERT INTO orgs (id, name, plan) VALUES ('$UP', 'Upstream directory', 'enterprise');
INSERT INTO scim_tokens (org_id, id, name, token_hash) VALUES ('$UP', gen_random_uuid(), 'bench', decode('$TOKEN_HASH', 'hex'));
INSERT INTO members (org_id, id, user_name, display_name, org_role, scim_managed, scim_attributes, email_values, created_at)
SELECT '$UP', gen_random_uuid(), 'user' || i || '@upstream.bench', 'User ' || i, 'user', true,
       jsonb_build_object('name', jsonb_build_object('givenName', 'User', 'familyName', i::text),
                          'emails', jsonb_build_array(jsonb_build_object('value', 'user' || i || '@upstream.bench',
                                                                         'type', 'work', 'primary', true))),
       ARRAY['user' || i || '@upstream.bench'], now() + i * interval '1 microsecond'
FROM generate_series(1, $N_USERS) i;
INSERT INTO groups (org_id, id, display_name, source, external_id, created_at)
SELECT '$UP', gen_random_uuid(), 'Group ' || lpad(g::text, 3, '0'), 'scim', 'okta-' || g, now() + g * interval '1 microsecond'
FROM generate_series(0, $N_GROUPS - 1) g;
-- every user in two different groups: 2 x USERS memberships
WITH u AS (SELECT id, row_number() OVER (ORDER BY created_at) - 1 AS n FROM members WHERE org_id = '$UP' AND scim_managed),
     g AS (SELECT id, row_number() OVER (ORDER BY display_name) - 1 AS n FROM groups WHERE org_id = '$UP')
INSERT INTO group_members (org_id, group_id, member_id)
SELECT '$UP'::uuid, g.id, u.id FROM u JOIN g ON g.n = u.n % $N_GROUPS
UNION ALL
SELECT '$UP', g.id, u.id FROM u JOIN g ON g.n = (u.n % $N_GROUPS + 1 + (u.n / $N_GROUPS) % ($N_GROUPS - 1)) % $N_GROUPS;
UPDATE groups g SET member_count = (SELECT count(*) FROM group_members gm WHERE gm.org_id = g.org_id AND gm.group_id = g.id)
WHERE g.org_id = '$UP';
ANALYZE;
SQL
MEMBERSHIPS="$(bench_psql -c "SELECT count(*) FROM group_members WHERE org_id = '$UP'")"
echo "upstream filled in $(( $(now_ms) - START )) ms: $N_GROUPS groups, $N_USERS users, $MEMBERSHIPS memberships"

# ---- baseline: the upstream serving every page a first sync reads ---------------------------------------
fetch() { curl -fsS -o /dev/null -H "Authorization: Bearer $UPSTREAM_TOKEN" "$BASE/scim/v2$1"; }
fetch "/Groups?startIndex=1&count=1" # warm-up
START=$(now_ms)
for ((s = 1; s <= N_GROUPS; s += GROUP_PAGE)); do fetch "/Groups?startIndex=$s&count=$GROUP_PAGE"; done
GROUP_PAGES_MS=$(( $(now_ms) - START ))
START=$(now_ms)
for ((s = 1; s <= N_USERS; s += USER_PAGE)); do fetch "/Users?startIndex=$s&count=$USER_PAGE&excludedAttributes=groups"; done
USER_PAGES_MS=$(( $(now_ms) - START ))
echo "baseline: group pages $GROUP_PAGES_MS ms, user pages $USER_PAGES_MS ms"
RSS_BEFORE="$(rss_kb)"

# ---- the runs -----------------------------------------------------------------------------------------
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $JWT" -H "Content-Type: application/json" \
  -d "{\"connector\":\"scim\",\"baseUrl\":\"$BASE/scim/v2\",\"bearerToken\":\"$UPSTREAM_TOKEN\"}" \
  "$BASE/api/v1/orgs/$ORG/directory-sync"

run_sync() {
  local start run id status
  start=$(now_ms)
  run="$(curl -fsS -X POST -H "Authorization: Bearer $JWT" "$BASE/api/v1/orgs/$ORG/directory-sync/runs")"
  id="$(echo "$run" | json "d['id']")"
  while true; do
    run="$(curl -fsS -H "Authorization: Bearer $JWT" "$BASE/api/v1/orgs/$ORG/directory-sync/runs/$id")"
    status="$(echo "$run" | json "d['status']")"
    if [ "$status" = succeeded ] || [ "$status" = failed ]; then break; fi
    sleep 0.2
  done
  RUN_MS=$(( $(now_ms) - start ))
  RUN_JSON="$run"
}

run_sync
FIRST_MS=$RUN_MS
FIRST="$RUN_JSON"
RSS_FIRST="$(rss_kb)"
echo "first sync: $FIRST_MS ms: $(echo "$FIRST" | json "d['status'], d['counts'], d['errors'][:3]")"
run_sync
NOOP_MS=$RUN_MS
NOOP="$RUN_JSON"
RSS_NOOP="$(rss_kb)"
echo "no-op sync: $NOOP_MS ms: $(echo "$NOOP" | json "d['status'], d['counts'], d['errors'][:3]")"

LOCAL="$(bench_psql -c "SELECT (SELECT count(*) FROM groups WHERE org_id = '$ORG' AND source = 'scim') || ' groups, '
  || (SELECT count(*) FROM members WHERE org_id = '$ORG') || ' members, '
  || (SELECT count(*) FROM group_members WHERE org_id = '$ORG') || ' memberships'")"
echo "local org now: $LOCAL"
grep "Directory sync run" "$BENCH_DATA/server.log" || true

echo
echo "| measure | time | upstream's own time (baseline) | ratio |"
echo "|---|---|---|---|"
printf "| first sync (%s groups, %s users, %s memberships) | %.1f s | %.1f s (%d group pages + %d user pages) | %.1f |\n" \
  "$N_GROUPS" "$N_USERS" "$MEMBERSHIPS" "$(echo "$FIRST_MS / 1000" | bc -l)" \
  "$(echo "($GROUP_PAGES_MS + $USER_PAGES_MS) / 1000" | bc -l)" $(( (N_GROUPS + GROUP_PAGE - 1) / GROUP_PAGE )) \
  $(( (N_USERS + USER_PAGE - 1) / USER_PAGE )) "$(echo "$FIRST_MS / ($GROUP_PAGES_MS + $USER_PAGES_MS)" | bc -l)"
printf "| no-op re-sync | %.1f s | %.1f s (%d group pages) | %.1f |\n" "$(echo "$NOOP_MS / 1000" | bc -l)" \
  "$(echo "$GROUP_PAGES_MS / 1000" | bc -l)" $(( (N_GROUPS + GROUP_PAGE - 1) / GROUP_PAGE )) "$(echo "$NOOP_MS / $GROUP_PAGES_MS" | bc -l)"
echo
echo "server peak RSS (VmHWM): $((RSS_BEFORE / 1024)) MiB before the runs, $((RSS_FIRST / 1024)) MiB after the first, $((RSS_NOOP / 1024)) MiB after the no-op (heap limit ${BENCH_JAVA_OPTS:--Xmx1g})"
