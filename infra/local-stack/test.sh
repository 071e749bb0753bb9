#!/usr/bin/env bash
# Runs every test of Yardmaster on this machine: installs what the tests need (PostgreSQL,
# Graphite, Prometheus, HAProxy, Chromium, Python virtualenvs with schemathesis and Airflow) if it is
# missing, starts it on loopback in a scratch folder, runs the whole Maven build (formatting, dependency analysis, unit
# and integration tests), the Airflow provider's ruff and pytest, the Kubernetes manifests'
# validation, and stops it all again.
# Extra arguments go to Maven, e.g. `infra/local-stack/test.sh -pl simulator -am`.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/local-stack/lib.sh
source infra/local-stack/postgres.sh
source infra/local-stack/graphite.sh
source infra/local-stack/python.sh

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

# Python virtualenvs outside the checkout, reused while their requirements do not change: the
# OpenAPI fuzzer, and real Airflow with the provider (a few minutes the first time).
venvs=${YM_VENVS:-${XDG_CACHE_HOME:-$HOME/.cache}/yardmaster/venvs}
log "Python virtualenvs in $venvs"
ensure_venv "$venvs/fuzz" "$PWD/infra/local-stack/requirements-fuzz.txt" none
export YM_TEST_SCHEMATHESIS="$venvs/fuzz/bin/schemathesis"
ensure_venv "$venvs/airflow"
export YM_TEST_AIRFLOW_VENV="$venvs/airflow"

log "the Kubernetes manifests: every overlay rendered and validated offline (infra/k8s/validate.sh)"
infra/k8s/validate.sh
# The cost dashboard's browser test (DashboardBrowserIT): Debian's Chromium, driven by the
# playwright-core that the build's npm ci installs; npm itself builds the dashboard's ECharts.
command -v npm >/dev/null || ensure_packages nodejs npm
ensure_packages chromium fonts-dejavu-core
export YM_TEST_CHROMIUM=/usr/bin/chromium
# PrometheusScrapeIT: Debian's Prometheus scrapes /prometheus with an admin token from a file.
ensure_packages prometheus
export YM_TEST_PROMETHEUS=/usr/bin/prometheus
# RollingUpgradeIT: Debian's HAProxy in front of two replicas restarted under load; SecuredLivyIT:
# HAProxy as a TLS and basic-auth gateway before the real Livy, with a certificate made by openssl.
ensure_packages haproxy openssl
export YM_TEST_HAPROXY=/usr/sbin/haproxy

log "running the build: ./mvnw -B verify $*"
./mvnw -B -ntp verify "$@"

log "the Airflow provider: ruff and pytest (with the stock LivyOperator against the jar's Livy facade)"
export YM_TEST_YARDMASTER_JAR="$PWD/app/target/yardmaster.jar"
(cd airflow-plugin-shim \
  && "$YM_TEST_AIRFLOW_VENV/bin/ruff" check . \
  && "$YM_TEST_AIRFLOW_VENV/bin/ruff" format --check . \
  && "$YM_TEST_AIRFLOW_VENV/bin/pytest" -q -p no:cacheprovider)
