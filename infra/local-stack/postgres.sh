# Starts a throw-away PostgreSQL for the tests. Sourced by test.sh; sets YM_TEST_PG_URL.
# usage: start_postgres STATE_DIR ; stop_postgres STATE_DIR

start_postgres() {
  local state=$1/pg
  ensure_packages postgresql
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  mkdir -p "$state"
  chown postgres:postgres "$state"
  local port
  port=$(free_port)
  log "PostgreSQL on 127.0.0.1:$port ($state)"
  su postgres -c "$bin/initdb -D $state/data -U postgres --auth=trust -E UTF8" >/dev/null
  su postgres -c "$bin/pg_ctl -D $state/data -o '-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off -c max_connections=200' -l $state/pg.log -w start" >/dev/null
  su postgres -c "$bin/createdb -h 127.0.0.1 -p $port yardmaster_test"
  export YM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/yardmaster_test"
}

stop_postgres() {
  local state=$1/pg
  [ -d "$state/data" ] || return 0
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  su postgres -c "$bin/pg_ctl -D $state/data -m immediate stop" >/dev/null 2>&1 || true
}
