#!/usr/bin/env bash
# Runs every test of the project on a fresh machine:
#   1. installs what is missing (apt: PostgreSQL, Redis, Prometheus, gRPC interop clients; npm: interop test packages),
#   2. starts throwaway PostgreSQL and Redis servers on free 127.0.0.1 ports,
#   3. builds the solution and runs every test project against them,
#   4. stops the servers (also on failure or Ctrl-C) and ends with "N passed, N failed, N skipped".
# Exit code 0 only when the build succeeded, every test project ran, and nothing failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

run_dir="$(mktemp -d /tmp/featurestore-test.XXXXXX)"
chmod 755 "$run_dir"
cleanup() {
  deploy/redis.sh stop "$run_dir/redis" >/dev/null 2>&1 || true
  deploy/redis-cluster.sh stop "$run_dir/redis-cluster" >/dev/null 2>&1 || true
  deploy/postgres.sh stop "$run_dir/postgres" >/dev/null 2>&1 || true
  rm -rf "$run_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail_early() { echo "error: $1" >&2; echo "0 passed, 1 failed"; exit 1; }

deploy/install-test-deps.sh || fail_early "installing test dependencies failed"

FEATURESTORE_TEST_PG="$(deploy/postgres.sh start "$run_dir/postgres")" || fail_early "PostgreSQL did not start"
FEATURESTORE_TEST_REDIS="$(deploy/redis.sh start "$run_dir/redis")" || fail_early "Redis did not start"
FEATURESTORE_TEST_REDIS_CLUSTER="$(deploy/redis-cluster.sh start "$run_dir/redis-cluster")" || fail_early "Redis Cluster did not start"
export FEATURESTORE_TEST_REDIS_CLUSTER
export FEATURESTORE_TEST_PG FEATURESTORE_TEST_REDIS
echo "PostgreSQL: $FEATURESTORE_TEST_PG"
echo "Redis:      $FEATURESTORE_TEST_REDIS"
echo "Redis Cluster: $FEATURESTORE_TEST_REDIS_CLUSTER"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
echo "building..."
dotnet build FeatureStore.sln -c Release -nologo -v q -clp:ErrorsOnly || fail_early "the build failed"

results="$run_dir/results"
failed_projects=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" ; then
    failed_projects=$((failed_projects + 1))
  fi
  if [ ! -f "$results/$name.trx" ]; then
    echo "error: $name produced no results (crashed or did not start)" >&2
    failed_projects=$((failed_projects + 1))
  fi
done

# Sum the counters of every test project's results file.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] + c["inconclusive"] }')
if [ "$failed" -eq 0 ] && [ "$failed_projects" -gt 0 ]; then failed=$failed_projects; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$failed_projects" -eq 0 ] && [ "$passed" -gt 0 ]
