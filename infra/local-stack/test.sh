#!/usr/bin/env bash
# Runs every test of Yardmaster on this machine: installs what the tests need (PostgreSQL,
# Graphite) if it is missing, starts it on loopback in a scratch folder, runs the whole Maven
# build (formatting, dependency analysis, unit and integration tests), and stops it all again.
# Extra arguments go to Maven, e.g. `infra/local-stack/test.sh -pl simulator -am`.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/local-stack/lib.sh
source infra/local-stack/postgres.sh
source infra/local-stack/graphite.sh

state=$(mktemp -d /tmp/yardmaster-it.XXXXXX)
chmod 755 "$state"
cleanup() {
  stop_graphite "$state"
  stop_postgres "$state"
  rm -rf "$state"
}
trap cleanup EXIT

start_postgres "$state"
start_graphite "$state"

log "running the build: ./mvnw -B verify $*"
./mvnw -B -ntp verify "$@"
