#!/usr/bin/env bash
# The 30-day cost query (issue 13) on PostgreSQL: a real server of the cost role on a fresh
# database of the test PostgreSQL (YM_TEST_PG_URL; infra/local-stack's postgres.sh starts one),
# 30 days of cost_allocation rows, GET /api/v1/costs?window=30d&aggregate=dag&step=1d one request at
# a time; prints p50/p95/p99 per query.
# usage: bench/cost-query.sh [--app-hours-per-hour 750] [--days 30] [--dags 40] [--requests 200]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${YM_TEST_PG_URL:?set YM_TEST_PG_URL (a PostgreSQL with user postgres), e.g. from infra/local-stack/postgres.sh}"
flock /tmp/ym-maven.lock ./mvnw -B -q -ntp -o -Dspotless.check.skip=true -Dmdep.analyze.skip=true \
  test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/cost-query-classpath.txt -pl cost-dashboard -am
cp=cost-dashboard/target/test-classes:cost-dashboard/target/classes:$(cat cost-dashboard/target/cost-query-classpath.txt)
exec java -Xmx2g -XX:+UseParallelGC -cp "$cp" io.yardmaster.cost.bench.CostQueryBenchmark "$@"
