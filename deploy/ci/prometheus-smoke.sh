#!/usr/bin/env bash
# Prometheus (Debian's package) with the project's scrape config (deploy/compose/prometheus/prometheus.yml, targets
# rewritten) and alert rules (the PrometheusRule's spec) against the services run as separate processes on fixed
# loopback ports; shows every service up, then kills one and waits for CorazyServiceDown to fire.
# Uses the PostgreSQL, Redis and RabbitMQ of the machine (as npm test does), in a database of its own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/.out/prometheus-smoke"
rm -rf "$out" && mkdir -p "$out/logs"
PGURL=${SMOKE_PG:-postgres://postgres@127.0.0.1:5432}
DB=corazy_prom_smoke
REDIS=${SMOKE_REDIS:-redis://127.0.0.1:6379}
AMQP=${SMOKE_AMQP:-amqp://guest:guest@127.0.0.1:5672}
PROM_PORT=19090
VICTIM=${VICTIM:-auth}
declare -A PORTS=([gateway]=18080 [auth]=18081 [compile]=18082 [relay]=18084 [compile-worker]=19464)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT
command -v prometheus >/dev/null || { apt-get update -qq && apt-get install -y -qq prometheus >/dev/null; }
[ -x "$repo/node_modules/.bin/tsx" ] || { echo "run npm ci at the repository root first"; exit 1; }

psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql "$PGURL/postgres" -qc "CREATE DATABASE $DB" >/dev/null

start() { # service, then VAR=value…
  local service=$1
  shift
  (cd "$repo" && exec env PORT="${PORTS[$service]}" HOST=127.0.0.1 LOG_LEVEL=warn "$@" \
    node --conditions=source --import tsx "services/$service/src/main.ts") >"$out/logs/$service.log" 2>&1 &
  pids+=($!)
  eval "PID_${service//-/_}=$!"
  echo "  $service: pid $!, port ${PORTS[$service]}"
}
services=()
present() { [ -f "$repo/services/$1/src/main.ts" ] && git -C "$repo" ls-files --error-unmatch "services/$1/src/main.ts" >/dev/null 2>&1; }
echo "starting the services as processes"
start auth DATABASE_URL="$PGURL/$DB" REDIS_URL="$REDIS"
services+=(auth)
if present compile; then
  start compile DATABASE_URL="$PGURL/$DB" REDIS_URL="$REDIS" AMQP_URL="$AMQP" AMQP_NAMESPACE=prom-smoke.
  services+=(compile)
fi
if present relay; then
  start relay REDIS_URL="$REDIS" REDIS_KEY_PREFIX=prom-smoke:relay: COMPILE_URL="http://127.0.0.1:${PORTS[compile]}" DATABASE_URL="$PGURL/$DB"
  services+=(relay)
fi
start compile-worker AMQP_URL="$AMQP" AMQP_NAMESPACE=prom-smoke. SANDBOX_BACKEND=auto WORKER_CONCURRENCY=1
services+=(compile-worker)
upstreams=(AUTH_URL="http://127.0.0.1:${PORTS[auth]}")
[[ " ${services[*]} " == *" compile "* ]] && upstreams+=(COMPILE_URL="http://127.0.0.1:${PORTS[compile]}")
[[ " ${services[*]} " == *" relay "* ]] && upstreams+=(RELAY_URL="http://127.0.0.1:${PORTS[relay]}")
start gateway REDIS_URL="$REDIS" REDIS_KEY_PREFIX=prom-smoke: "${upstreams[@]}"
services+=(gateway)

mappings=()
for service in "${services[@]}"; do mappings+=("$service=127.0.0.1:${PORTS[$service]}"); done
node "$here/lib/extract.mjs" rules "$repo/deploy/kubernetes/base/monitoring/prometheus-rules.yaml" "$out/corazy.rules.yaml"
node "$here/lib/smoke-prometheus-config.mjs" "$out/prometheus.yml" "$out/corazy.rules.yaml" "${mappings[@]}"
promtool check config "$out/prometheus.yml" >/dev/null
prometheus --config.file="$out/prometheus.yml" --storage.tsdb.path="$out/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --log.level=warn >"$out/logs/prometheus.log" 2>&1 &
pids+=($!)

query() { curl -fsG "http://127.0.0.1:$PROM_PORT/api/v1/query" --data-urlencode "query=$1"; }
values() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{if(!s)return;for(const r of JSON.parse(s).data.result)console.log((r.metric.service??r.metric.alertname)+"="+r.value[1])})'; }

echo "waiting for every service to be up in Prometheus (${services[*]})"
start_wait=$SECONDS
while :; do
  up=$(query 'up{namespace="corazy"}' 2>/dev/null | values | sort | tr '\n' ' ' || true)
  ready=$(echo "$up" | tr ' ' '\n' | grep -c '=1$' || true)
  [ "$ready" -ge "${#services[@]}" ] && break
  if [ $((SECONDS - start_wait)) -gt 120 ]; then
    echo "  not all up after 120 s: $up"
    for f in "$out"/logs/*.log; do echo "--- $f"; tail -5 "$f"; done
    exit 1
  fi
  sleep 2
done
echo "  up after $((SECONDS - start_wait)) s: $up"
alerts=$(query 'ALERTS{alertstate="firing", alertname="CorazyServiceDown"}' | values | tr '\n' ' ')
[ -z "$alerts" ] || { echo "  CorazyServiceDown fires while everything is up: $alerts"; exit 1; }
echo "  no CorazyServiceDown while everything is up"

victim_pid_var="PID_${VICTIM//-/_}"
echo "killing $VICTIM (SIGKILL, pid ${!victim_pid_var})"
kill -9 "${!victim_pid_var}"
wait "${!victim_pid_var}" 2>/dev/null || true
kill_time=$SECONDS
while :; do
  firing=$(query "ALERTS{alertstate=\"firing\", alertname=\"CorazyServiceDown\", service=\"$VICTIM\"}" | values)
  [ -n "$firing" ] && break
  if [ $((SECONDS - kill_time)) -gt 150 ]; then echo "  CorazyServiceDown did not fire within 150 s"; exit 1; fi
  sleep 3
done
echo "  CorazyServiceDown{service=\"$VICTIM\"} firing $((SECONDS - kill_time)) s after the kill (rule: for 1m)"
others=$(query 'sum by (service) (up{namespace="corazy"})' | values | sort | tr '\n' ' ')
echo "  up by service now: $others"
