# The Python virtualenv for the Airflow provider's tests. Sourced, not run.
# usage: ensure_venv DIR   (creates or refreshes DIR; afterwards DIR/bin/pytest etc. exist)
#
# Installs infra/local-stack/requirements-test.txt (real Airflow from PyPI, ~3 minutes the first
# time) and the provider in airflow-plugin-shim/ in editable mode. A stamp file in DIR holds a hash
# of everything that decides the install (the requirements, the provider's pyproject.toml, the
# Python version), so a second call with nothing changed returns at once.

ensure_venv() {
  local venv=${1:?usage: ensure_venv DIR}
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local requirements=$root/infra/local-stack/requirements-test.txt
  local provider=$root/airflow-plugin-shim
  local python=${YM_PYTHON:-python3}
  local wanted
  wanted=$(
    {
      cat "$requirements" "$provider/pyproject.toml"
      "$python" -c 'import sys; print(sys.version)'
      echo "$provider"
    } | sha256sum | cut -d' ' -f1
  )
  local stamp=$venv/.yardmaster-requirements.sha256
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  printf '[python] preparing %s (pip, a few minutes the first time)\n' "$venv" >&2
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" || return 1
  rm -f "$stamp"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip || return 1
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements" || return 1
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$provider" || return 1
  "$venv/bin/python" -m pip check >&2 || return 1
  echo "$wanted" >"$stamp"
}
