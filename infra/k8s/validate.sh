#!/usr/bin/env bash
# Renders every Kustomize overlay in infra/k8s/overlays and validates what it renders, offline:
# against the Kubernetes JSON schemas (kubernetes-validate from PyPI, which ships them; strict, so
# an unknown or misspelt field fails) for each version in K8S_VERSIONS, then against Yardmaster's
# own rules (check_rendered.py: the three roles, probes, budgets, references).
# Installs its tools once into a cache folder (YM_TOOLS, default ~/.cache/yardmaster/tools):
# kustomize through `go install` from the Go module proxy, the validator into a virtualenv.
# Rendered manifests go to infra/k8s/target/<overlay>.yaml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/infra/local-stack/python.sh"

KUSTOMIZE_VERSION=v5.7.1
# The oldest version the manifests need (a preStop sleep action is on by default from 1.30) and a
# recent one.
K8S_VERSIONS=${K8S_VERSIONS:-1.30.0 1.34.0}
tools=${YM_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/yardmaster/tools}
log() { printf '[k8s] %s\n' "$*" >&2; }

kustomize=$tools/kustomize-$KUSTOMIZE_VERSION/kustomize
if [ ! -x "$kustomize" ]; then
  # The Go toolchain of the machine image is on PATH only for interactive shells.
  command -v go >/dev/null || [ ! -x /usr/local/go/bin/go ] || PATH=$PATH:/usr/local/go/bin
  command -v go >/dev/null || { log "go is needed to install kustomize (go install)"; exit 1; }
  log "installing kustomize $KUSTOMIZE_VERSION into $(dirname "$kustomize") (go install, about a minute)"
  mkdir -p "$(dirname "$kustomize")"
  GOTOOLCHAIN=local GOFLAGS=-mod=mod GOBIN="$(dirname "$kustomize")" \
    go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
fi
venv=$tools/k8s-validate
ensure_venv "$venv" "$here/requirements-validate.txt" none

out=$here/target
rm -rf "$out" && mkdir -p "$out"
rendered=()
for dir in "$here"/overlays/*/; do
  name=$(basename "$dir")
  rendered+=("$out/$name.yaml")
  "$kustomize" build "$dir" >"$out/$name.yaml"
  for version in $K8S_VERSIONS; do
    "$venv/bin/kubernetes-validate" --strict --quiet -k "$version" "$out/$name.yaml"
  done
  log "$name: $(grep -c '^kind:' "$out/$name.yaml") objects valid for Kubernetes $K8S_VERSIONS"
done
[ ${#rendered[@]} -gt 0 ] || { log "no overlay in $here/overlays"; exit 1; }
"$venv/bin/python" "$here/check_rendered.py" "${rendered[@]}"
