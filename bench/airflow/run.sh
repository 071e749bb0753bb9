#!/usr/bin/env bash
# The Airflow-scale benchmark of issue 12 (docs/benchmarks.md, "Airflow: one triggerer, 1,000
# deferred tasks"): starts a real yardmaster.jar on the simulated fleet of ./fleet.yml, runs each
# arm (the native YardmasterJobTrigger, the stock LivyTrigger at two polling intervals) with
# 1,000 triggers in Airflow's own TriggerRunner, and prints a table per run (medians with --runs N).
#
#   bench/airflow/run.sh [--runs 3] [--arms yardmaster:30,livy:1,livy:10] [--triggers 1000]
#
# The jar: YM_BENCH_JAR, else app/target/yardmaster.jar. The venv (Airflow 3.3.2, the stock Livy
# provider 4.6.4): YM_AIRFLOW_VENV, else ~/.cache/yardmaster/venvs/airflow. Raw records stay in
# YM_BENCH_WORK (default a new folder under /tmp). Not part of the test suite. About 13 minutes
# a run with the four default arms (about 3 minutes an arm).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
jar="${YM_BENCH_JAR:-$repo/app/target/yardmaster.jar}"
venv="${YM_AIRFLOW_VENV:-$HOME/.cache/yardmaster/venvs/airflow}"
work="${YM_BENCH_WORK:-$(mktemp -d /tmp/ym-airbench.XXXXXX)}"
[[ -f "$jar" ]] || { echo "no jar at $jar: ./mvnw -B -ntp package -pl app -am -DskipTests, or set YM_BENCH_JAR" >&2; exit 1; }
[[ -x "$venv/bin/python" ]] || { echo "no Airflow venv at $venv (see airflow-plugin-shim/README.md)" >&2; exit 1; }

# A scratch Airflow home; the provider from this tree ahead of any installed copy.
export AIRFLOW_HOME="$work/airflow-home"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__FERNET_KEY="$("$venv/bin/python" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export PYTHONPATH="$repo/airflow-plugin-shim/src:$here${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$AIRFLOW_HOME"
echo "raw records in $work" >&2
# YM_BENCH_LOCK=1 holds the machine's Maven lock for the whole run, so no build runs beside it.
lock=()
[[ "${YM_BENCH_LOCK:-0}" == 1 ]] && lock=(flock /tmp/ym-maven.lock)
exec "${lock[@]}" "$venv/bin/python" "$here/bench.py" --jar "$jar" --work "$work" "$@"
