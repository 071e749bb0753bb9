# The Python virtualenvs of the tests. Sourced, not run.
# usage: ensure_venv DIR [REQUIREMENTS [EDITABLE]]
#   (creates or refreshes DIR; afterwards DIR/bin/pytest etc. exist)
#
# By default installs infra/local-stack/requirements-test.txt (real Airflow from PyPI, ~3 minutes
# the first time) and the provider in airflow-plugin-shim/ in editable mode; with REQUIREMENTS
# that file, and EDITABLE (a folder, or "none") in editable mode. A stamp file in DIR holds a hash
# of everything that decides the install (the requirements, the editable package's
# pyproject.toml, the Python version), so a second call with nothing changed returns at once.

ensure_venv() {
  local venv=${1:?usage: ensure_venv DIR [REQUIREMENTS [EDITABLE]]}
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  local requirements=${2:-$root/infra/local-stack/requirements-test.txt}
  local provider=${3:-$root/airflow-plugin-shim}
  local python=${YM_PYTHON:-python3}
  local wanted
  wanted=$(
    {
      cat "$requirements"
      [ "$provider" = none ] || cat "$provider/pyproject.toml"
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
  if [ "$provider" != none ]; then
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$provider" || return 1
  fi
  "$venv/bin/python" -m pip check >&2 || return 1
  echo "$wanted" >"$stamp"
}
