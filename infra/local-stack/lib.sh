# Shared helpers for the local-stack scripts. Sourced, not run.

log() { printf '[local-stack] %s\n' "$*" >&2; }

# Installs Debian packages that are missing; runs apt-get update at most once.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "${LOCAL_STACK_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    LOCAL_STACK_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until a TCP port answers, or fails after $2 seconds.
wait_for_port() {
  local port=$1 seconds=${2:-30}
  for _ in $(seq 1 $((seconds * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  log "nothing answers on 127.0.0.1:$port after ${seconds}s"
  return 1
}
