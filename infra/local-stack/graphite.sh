# Starts a real Graphite (carbon-cache + graphite-web) on loopback for the tests.
# Sourced by test.sh; sets YM_TEST_GRAPHITE_URL and YM_TEST_CARBON_PORT.
# usage: start_graphite STATE_DIR ; stop_graphite STATE_DIR

start_graphite() {
  local state=$1/graphite
  ensure_packages graphite-carbon graphite-web
  mkdir -p "$state"
  # 10-second points for everything the tests send (the default is one a minute).
  cat >/etc/carbon/storage-schemas.conf <<'CONF'
[carbon]
pattern = ^carbon\.
retentions = 60:90d

[default]
pattern = .*
retentions = 10s:1d,1m:30d
CONF
  cp /etc/carbon/carbon.conf "$state/carbon.conf"
  local line_port pickle_port query_port web_port
  line_port=$(free_port); pickle_port=$(free_port); query_port=$(free_port); web_port=$(free_port)
  sed -i -E \
    -e 's/^(LINE_RECEIVER_INTERFACE|PICKLE_RECEIVER_INTERFACE|CACHE_QUERY_INTERFACE|UDP_RECEIVER_INTERFACE) = .*/\1 = 127.0.0.1/' \
    -e "s/^LINE_RECEIVER_PORT = .*/LINE_RECEIVER_PORT = $line_port/" \
    -e "s/^PICKLE_RECEIVER_PORT = .*/PICKLE_RECEIVER_PORT = $pickle_port/" \
    -e "s/^CACHE_QUERY_PORT = .*/CACHE_QUERY_PORT = $query_port/" \
    -e 's/^MAX_CREATES_PER_MINUTE = .*/MAX_CREATES_PER_MINUTE = inf/' \
    -e 's/^ENABLE_UDP_LISTENER = .*/ENABLE_UDP_LISTENER = False/' \
    "$state/carbon.conf"
  # graphite-web asks carbon-cache for points not yet on disk: point it at this instance.
  sed -i '/# yardmaster-test$/d' /etc/graphite/local_settings.py
  echo "CARBONLINK_HOSTS = ['127.0.0.1:$query_port']  # yardmaster-test" >>/etc/graphite/local_settings.py
  log "Graphite: carbon line receiver 127.0.0.1:$line_port, render API 127.0.0.1:$web_port"
  /usr/bin/carbon-cache --config="$state/carbon.conf" --pidfile="$state/carbon.pid" \
    --logdir="$state" start >/dev/null
  /usr/bin/graphite-manage migrate --noinput >"$state/migrate.log" 2>&1
  DJANGO_SETTINGS_MODULE=graphite.settings /usr/bin/python3 /usr/bin/django-admin runserver \
    --noreload "127.0.0.1:$web_port" >"$state/web.log" 2>&1 &
  echo $! >"$state/web.pid"
  wait_for_port "$line_port" 30
  wait_for_port "$web_port" 60
  export YM_TEST_GRAPHITE_URL="http://127.0.0.1:$web_port"
  export YM_TEST_CARBON_PORT="$line_port"
}

stop_graphite() {
  local state=$1/graphite
  [ -f "$state/web.pid" ] && kill "$(cat "$state/web.pid")" 2>/dev/null
  [ -f "$state/carbon.pid" ] && kill "$(cat "$state/carbon.pid")" 2>/dev/null
  return 0
}
