#!/usr/bin/env bash
# Cost attribution at scale (issue 13, "Measured"): a synthetic month of finished apps (1,000,000 by
# default) over several clusters and pools, attributed by the shipped attribution job hour by hour
# and written to cost_allocation on PostgreSQL (a fresh database per run). Prints each run and the
# median. PostgreSQL: --postgres jdbc:postgresql://host:port/db, else $YM_TEST_PG_URL.
# usage: bench/cost-attribution.sh [--apps 1000000] [--clusters 4] [--days 30] [--runs 3]
#          [--batch 500] [--postgres URL [--postgres-user postgres]]
set -euo pipefail
cd "$(dirname "$0")/.."
flock /tmp/ym-maven.lock ./mvnw -B -q -ntp -o -DskipTests -Dspotless.check.skip=true \
  -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx3g -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.cost.CostAttributionBenchmark "$@"
