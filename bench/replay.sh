#!/usr/bin/env bash
# The fleet replay benchmark: replays a trace in virtual time on a fixed fleet sized for its peak.
# --copies 1,4 also replays the day four times as busy (four interleaved copies, ids shifted) and
# prints the ratio of the median wall times.
# usage: bench/replay.sh [--trace FILE] [--runs N] [--headroom 1.25] [--copies 1,4]
set -euo pipefail
cd "$(dirname "$0")/.."
# the build (not the measurement) holds the machine's one-Maven-at-a-time lock
flock /tmp/ym-maven.lock ./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true \
  -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx4g -XX:+UseParallelGC -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.FleetReplayBenchmark "$@"
