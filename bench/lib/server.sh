#!/usr/bin/env bash
# Shared by the benchmarks: build the jar once, start the packaged server on its own embedded PostgreSQL
# in a throw-away data directory, and give the database's port for pgbench / psql.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_PORT="${BENCH_PORT:-18080}"
BENCH_TOKEN="${BENCH_TOKEN:-bench-scim-token-$(date +%s%N)}"  # >= 32 characters, as the server requires
BENCH_DATA="${BENCH_DATA:-$(mktemp -d /tmp/roster-bench.XXXXXX)}"
SERVER_PID=""

build_jar() {
  if [ ! -f "$ROOT/target/quarkus-app/quarkus-run.jar" ] || [ -n "${REBUILD:-}" ]; then
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

start_server() {
  build_jar
  ROSTER_DATA_DIR="$BENCH_DATA" QUARKUS_HTTP_PORT="$BENCH_PORT" ROSTER_BOOTSTRAP_SCIM_TOKEN="$BENCH_TOKEN" \
    QUARKUS_LOG_LEVEL=WARN ROSTER_SCIM_RATE_PER_MINUTE=100000000 \
    java ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$BENCH_DATA/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$BENCH_PORT/q/health/ready" > /dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "server did not become ready; see $BENCH_DATA/server.log" >&2
  exit 1
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
  fi
}

pg_port() {
  sed -n 4p "$BENCH_DATA/postgres/postmaster.pid"
}

# psql against the server's embedded database
bench_psql() {
  psql -h localhost -p "$(pg_port)" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

bench_org_id() {
  bench_psql -c "SELECT id FROM orgs ORDER BY created_at LIMIT 1"
}

# rate (requests/s) from wrk's output
wrk_rate() {
  awk '/Requests\/sec/ {print $2}'
}

pgbench_tps() {
  awk '/^tps/ {print $3; exit}'
}
