#!/usr/bin/env bash
# The cluster manager under load (issue 3): Yardmaster and a simulated fleet of 3 clusters, each in
# its own process; jobs submitted through the API until 100, 1,000 and 10,000 run; at each level
# Livy requests per minute per cluster, CPU and heap; at 10,000, status reads per second and p99
# latency at saturation (plain and If-None-Match). Prints each run, then medians as Markdown.
# usage: bench/status-reads.sh [--smoke] [--runs 3] [--levels 100,1000,10000] [--connections 16,32,64]
#          [--livy-window 30s] [--read-warm-up 5s] [--read-window 20s] [--submitters 8] [--heap 1g]
#          [--server-jvm-arg -XX:StartFlightRecording=filename=ym.jfr] [--work-dir bench/target/status-reads]
# It holds /tmp/yardmaster-mvn.lock (the machine's one-build-at-a-time lock) while it builds and
# measures, so that no build shares the cores with the measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${YM_STATUS_READS_LOCKED:-}" ]; then
  YM_STATUS_READS_LOCKED=1 exec flock /tmp/yardmaster-mvn.lock "$0" "$@"
fi
./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -Dmdep.analyze.skip=true \
  package -pl app,bench -am
exec java -Xmx1g -XX:+UseParallelGC -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.api.StatusReadBenchmark "$@"
