#!/usr/bin/env bash
# The autoscaler replay benchmark (issue 4): replays a trace in virtual time once per policy
# (Yardmaster's and the baselines) and prints the results table; writes the demand-vs-capacity PNG.
# usage: bench/autoscaling.sh [--trace FILE] [--seed N] [--threads 2] [--plot docs/autoscaling-replay.png]
#          [--only NAME] (Yardmaster's knobs:) [--idle-grace-seconds N] [--scale-in-delay-seconds N]
#          [--executor-share 0..1] [--spare-nodes N]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx3g -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.autoscaling.AutoscalingBenchmark "$@"
