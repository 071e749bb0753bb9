#!/usr/bin/env bash
# The fleet replay benchmark: replays a trace in virtual time on a fixed fleet sized for its peak.
# usage: bench/replay.sh [--trace FILE] [--runs N] [--headroom 1.25]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx4g -XX:+UseParallelGC -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.FleetReplayBenchmark "$@"
