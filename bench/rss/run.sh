#!/usr/bin/env bash
# Server memory (RSS) with the container image's JVM settings: after start, and after a short SCIM load.
# Run by hand: bash bench/rss/run.sh     Needs: java 17, wrk.
# The image's settings (src/main/docker/Dockerfile.jvm) plus -XX:MaxRAM=1g, which gives the JVM the view of
# memory it has under k8s/'s 1 GiB limit. RSS is the java process only (the embedded PostgreSQL is separate).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
IMAGE_JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
BENCH_JAVA_OPTS="$IMAGE_JAVA_OPTS -XX:MaxRAM=1g"
source "$HERE/../lib/server.sh"
USERS="${USERS:-2000}"
DURATION="${DURATION:-20}"
trap stop_server EXIT

rss_mib() { echo $(( $(awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status") / 1024 )); }
heap() {
  curl -fsS "http://localhost:$BENCH_PORT/q/metrics" | awk '
    index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {used += $NF}
    index($0, "jvm_memory_committed_bytes{area=\"heap\"") == 1 {committed += $NF}
    END {printf "heap used %d MiB of %d MiB committed", used / 1048576, committed / 1048576}'
}

start_server
echo "JVM settings: $BENCH_JAVA_OPTS"
echo "after start (ready): RSS $(rss_mib) MiB, $(heap)"
BASE="http://localhost:$BENCH_PORT/scim/v2"
java "$HERE/../scim/ScimBench.java" provision "$BASE" "$BENCH_TOKEN" "$USERS" 20 200 > "$BENCH_DATA/provision.txt"
wrk -t2 -c8 -d"${DURATION}s" -s "$HERE/../scim/post_users.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" > "$BENCH_DATA/wrk-post.txt"
wrk -t2 -c8 -d"${DURATION}s" -s "$HERE/../scim/get_filter.lua" "http://localhost:$BENCH_PORT" -- "$BENCH_TOKEN" "$USERS" > "$BENCH_DATA/wrk-get.txt"
echo "load: provisioning $USERS users and 20 groups of 200, then POST /Users $(wrk_rate < "$BENCH_DATA/wrk-post.txt") req/s and GET /Users?filter $(wrk_rate < "$BENCH_DATA/wrk-get.txt") req/s, ${DURATION} s each, 8 connections"
echo "after the load: RSS $(rss_mib) MiB, $(heap)"
