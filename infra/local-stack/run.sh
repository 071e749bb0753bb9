#!/usr/bin/env bash
# Builds Yardmaster and starts it on its embedded default: an H2 database in ./data and the
# simulated fleet of infra/local-stack/fleet.yml, on http://localhost:8080.
# Extra arguments go to the application, e.g. `--yardmaster.simulator.speed-up=10`.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/local-stack/lib.sh
# The build installs the cost dashboard's npm packages (ECharts) with npm ci.
command -v npm >/dev/null || ensure_packages nodejs npm
./mvnw -B -q -ntp -DskipTests -Dspotless.check.skip=true -Dmdep.analyze.skip=true \
  package -pl app -am
export MICRONAUT_CONFIG_FILES="${MICRONAUT_CONFIG_FILES:-infra/local-stack/fleet.yml}"
exec java -Dmicronaut.environments=local -jar app/target/yardmaster.jar "$@"
