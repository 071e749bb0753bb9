#!/usr/bin/env bash
# Tick lag at fleet scale (issue 11, item 8): 100 pools on the simulated fleet, the shipped Quartz
# scheduler and autoscaler loop over the real Azure SDK and the ARM emulator, and a burst of demand
# on every pool at once. Prints lag = actual start - scheduled start of every tick from the burst
# on (median, p95, max), per run and as medians.
# usage: bench/fleet-ticks.sh [--pools 100] [--tick 10s] [--ticks 8] [--boot 45s] [--threads N]
#          [--runs 3] [--postgres jdbc:postgresql://host:port/db [--postgres-user postgres]]
set -euo pipefail
cd "$(dirname "$0")/.."
flock /tmp/ym-maven.lock ./mvnw -B -q -ntp -o -DskipTests -Dspotless.check.skip=true \
  -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx2g -XX:+UseParallelGC \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.fleet.FleetTickBenchmark "$@"
