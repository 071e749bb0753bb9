#!/usr/bin/env bash
# The autoscaler replay benchmark (issues 4, 11): replays a trace in virtual time once per setup, the
# shipped AutoscalerLoop running each policy (Yardmaster's and the baselines on one on-demand pool,
# Yardmaster's on a spot pool then an on-demand pool with spot evictions) over the simulator's model;
# prints the results table and writes the demand-vs-capacity PNG.
# usage: bench/autoscaling.sh [--trace FILE] [--seed N] [--threads 2] [--plot docs/autoscaling-replay.png]
#          [--only NAME] (Yardmaster's knobs:) [--idle-grace-seconds N] [--scale-in-delay-seconds N]
#          [--executor-share 0..1] [--spare-nodes N] [--spot-evictions 0..1 per VM-hour]
#          [--announced false] (the loop without the cluster manager's announced executors)
#          [--grow-operation accept] (experiment: a grow's ARM operation ends when accepted, not booted)
set -euo pipefail
cd "$(dirname "$0")/.."
# the build (not the measurement) holds the machine's one-Maven-at-a-time lock
flock /tmp/ym-maven.lock ./mvnw -B -q -ntp -o -DskipTests -Dspotless.check.skip=true \
  -Dmdep.analyze.skip=true package -pl bench -am
exec java -Xmx3g -XX:+UseParallelGC -Djava.awt.headless=true \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.yardmaster.bench.autoscaling.AutoscalingBenchmark "$@"
