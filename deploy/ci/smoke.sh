#!/usr/bin/env bash
# Builds every image with the Docker engine and runs the platform's images together: auth, gateway, compile, relay
# (when written) and the grading worker, each as locked down as in Kubernetes (read-only root, no capabilities,
# non-root, memory limits; the worker with exactly the privileges its sandbox needs). Then, through the gateway
# container: sign in as a guest, ask who I am, and (with compile present) run a program through the queue and the
# worker's sandbox. Finally the worker image grades a+b in all five languages (worker-selftest.mjs).
#
# No registry can be reached here, so when the public base images are absent the local stand-ins are made first
# (deploy/docker/local-base/build.sh) and passed as build arguments. Containers use the host network and the
# machine's PostgreSQL, Redis and RabbitMQ (as npm test does); the database is one of its own, dropped at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/.out/smoke"
rm -rf "$out" && mkdir -p "$out"
TAG=${TAG:-smoke}
PGURL=${SMOKE_PG:-postgres://postgres@127.0.0.1:5432}
DB=corazy_image_smoke
REDIS=${SMOKE_REDIS:-redis://127.0.0.1:6379}
AMQP=${SMOKE_AMQP:-amqp://guest:guest@127.0.0.1:5672}
declare -A PORTS=([gateway]=28080 [auth]=28081 [compile]=28082 [relay]=28084 [compile-worker]=29464)
containers=()
started_dockerd=""
cleanup() {
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  if [ -n "$started_dockerd" ]; then kill "$started_dockerd" 2>/dev/null || true; fi
}
trap cleanup EXIT
timed() { local start=$SECONDS; "$@"; echo "    ${SECONDS}s total, $((SECONDS - start))s for this step"; }

echo "=== Docker engine"
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null || { apt-get update -qq && apt-get install -y -qq docker.io >/dev/null; }
  dockerd >"$out/dockerd.log" 2>&1 &
  started_dockerd=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -20 "$out/dockerd.log"; exit 1; }
  echo "  started dockerd (pid $started_dockerd)"
fi
docker version --format '  engine {{.Server.Version}}, client {{.Client.Version}}'

echo "=== base images"
build_args=()
if docker image inspect node:22-bookworm-slim gcr.io/distroless/nodejs22-debian12:nonroot >/dev/null 2>&1; then
  echo "  public base images present"
else
  timed bash "$repo/deploy/docker/local-base/build.sh"
  build_args=(--build-arg NODE_IMAGE=corazy-local/node:22-bookworm-slim
    --build-arg RUNTIME_IMAGE=corazy-local/distroless-nodejs22:nonroot
    --build-arg NGINX_IMAGE=corazy-local/nginx-unprivileged:1.27)
fi

tracked() { git -C "$repo" ls-files --error-unmatch "$1" >/dev/null 2>&1 || [ ! -d "$repo/.git" ] && [ -e "$repo/$1" ]; }
build() { # image, dockerfile, extra args…
  local image=$1 dockerfile=$2 start=$SECONDS
  shift 2
  docker build -q -f "$repo/deploy/docker/$dockerfile" "${build_args[@]}" "$@" -t "$image" "$repo" >"$out/build-${image//[\/:]/_}.log" 2>&1 ||
    { tail -30 "$out/build-${image//[\/:]/_}.log"; return 1; }
  printf '  %-36s %4ss  %s\n' "$image" $((SECONDS - start)) "$(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
}
echo "=== images (${#build_args[@]} build args)"
services=(auth gateway)
tracked services/compile/src/main.ts && services+=(compile)
tracked services/relay/src/main.ts && services+=(relay)
for service in "${services[@]}"; do
  build "corazy/$service:$TAG" node-service.Dockerfile --build-arg SERVICE="$service"
done
build "corazy/compile-worker:$TAG" compile-worker.Dockerfile
build "corazy/compile-worker-dind:$TAG" node-service.Dockerfile --build-arg SERVICE=compile-worker
build "corazy/sandbox-toolchain:$TAG" sandbox-toolchain.Dockerfile
if tracked apps/web/package.json; then
  build "corazy/web:$TAG" web.Dockerfile
else
  echo "  corazy/web: not built, apps/web does not exist yet"
fi
tracked services/relay/src/main.ts || echo "  corazy/relay: not built, services/relay does not exist yet"

echo "=== the platform in containers"
psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
psql "$PGURL/postgres" -qc "CREATE DATABASE $DB" >/dev/null
run() { # name, memory, docker args…, --, env…
  local name=$1 memory=$2
  shift 2
  docker rm -f "corazy-smoke-$name" >/dev/null 2>&1 || true
  docker run -d --name "corazy-smoke-$name" --network host --memory "$memory" --read-only "$@" >/dev/null
  containers+=("corazy-smoke-$name")
}
locked=(--tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges)
run auth 512m "${locked[@]}" -e PORT=${PORTS[auth]} -e DATABASE_URL="$PGURL/$DB" -e REDIS_URL="$REDIS" "corazy/auth:$TAG"
upstreams=(-e AUTH_URL="http://127.0.0.1:${PORTS[auth]}")
if [[ " ${services[*]} " == *" compile "* ]]; then
  run compile 384m "${locked[@]}" -e PORT=${PORTS[compile]} -e DATABASE_URL="$PGURL/$DB" -e REDIS_URL="$REDIS" \
    -e AMQP_URL="$AMQP" -e AMQP_NAMESPACE=image-smoke. "corazy/compile:$TAG"
  upstreams+=(-e COMPILE_URL="http://127.0.0.1:${PORTS[compile]}")
fi
if [[ " ${services[*]} " == *" relay "* ]]; then
  run relay 384m "${locked[@]}" -e PORT=${PORTS[relay]} -e REDIS_URL="$REDIS" -e REDIS_KEY_PREFIX=image-smoke:relay: \
    -e DATABASE_URL="$PGURL/$DB" -e COMPILE_URL="http://127.0.0.1:${PORTS[compile]}" "corazy/relay:$TAG"
  upstreams+=(-e RELAY_URL="http://127.0.0.1:${PORTS[relay]}")
fi
# The namespace sandbox's privileges, measured (docs/deploy.md): no --privileged (this machine's engine cannot even
# grant it: its own bounding set lacks CAP_SYS_RESOURCE).
worker_privileges=(--tmpfs /tmp:exec,mode=1777 --cap-drop ALL --cap-add SYS_ADMIN --cap-add SETUID --cap-add SETGID
  --cap-add DAC_OVERRIDE --cap-add MKNOD --cap-add SETPCAP --security-opt seccomp=unconfined --security-opt apparmor=unconfined
  --security-opt systempaths=unconfined --cgroupns host -v /sys/fs/cgroup:/sys/fs/cgroup:rw)
run compile-worker 2g "${worker_privileges[@]}" -e PORT=${PORTS[compile-worker]} -e AMQP_URL="$AMQP" \
  -e AMQP_NAMESPACE=image-smoke. -e WORKER_CONCURRENCY=1 "corazy/compile-worker:$TAG"
run gateway 256m "${locked[@]}" -e PORT=${PORTS[gateway]} -e REDIS_URL="$REDIS" -e REDIS_KEY_PREFIX=image-smoke: \
  -e TRUSTED_PROXY_HOPS=0 "${upstreams[@]}" "corazy/gateway:$TAG"

ready() { curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1; }
for service in "${services[@]}" compile-worker; do
  start=$SECONDS
  until ready "${PORTS[$service]}"; do
    if [ $((SECONDS - start)) -gt 120 ] || [ "$(docker inspect -f '{{.State.Running}}' "corazy-smoke-$service")" != true ]; then
      echo "  $service is not ready"; docker logs --tail 20 "corazy-smoke-$service"; exit 1
    fi
    sleep 1
  done
  echo "  $service ready ($(docker inspect -f '{{.Config.User}}' "corazy-smoke-$service" | sed 's/^$/root/') user, read-only root)"
done

echo "=== through the gateway"
gw="http://127.0.0.1:${PORTS[gateway]}"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s));console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }
nickname="smoke_$RANDOM"
session=$(curl -fsS -X POST "$gw/api/auth/guest" -H 'content-type: application/json' -d "{\"nickname\":\"$nickname\"}")
access=$(echo "$session" | json accessToken)
[ -n "$access" ] && [ "$access" != undefined ] || { echo "  no access token: $session"; exit 1; }
echo "  POST /api/auth/guest → access token for $nickname"
me=$(curl -fsS "$gw/api/auth/me" -H "authorization: Bearer $access")
[ "$(echo "$me" | json nickname)" = "$nickname" ] || { echo "  /api/auth/me: $me"; exit 1; }
echo "  GET /api/auth/me → $(echo "$me" | json role) $nickname"
if [[ " ${services[*]} " == *" compile "* ]]; then
  run=$(curl -sS -X POST "$gw/api/runs" -H "authorization: Bearer $access" -H 'content-type: application/json' \
    -d '{"language":"python","source":"print(sum(map(int, input().split())))","stdin":"40 2\n"}')
  id=$(echo "$run" | json id)
  result=$(curl -fsS "$gw/api/runs/$id?wait=30" -H "authorization: Bearer $access")
  verdict=$(echo "$result" | json verdict)
  echo "  POST /api/runs (python, through RabbitMQ and the worker's sandbox) → $verdict, stdout "$(echo "$result" | json stdout | head -1)""
  [ "$verdict" = ACCEPTED ] || { echo "  $result"; docker logs --tail 20 corazy-smoke-compile-worker; exit 1; }
fi

echo "=== worker image: a+b in five languages, and a CPU loop, in its sandbox"
docker run --rm --network none --memory 2g --read-only "${worker_privileges[@]}" \
  -v "$here/worker-selftest.mjs:/app/services/compile-worker/selftest.mjs:ro" "corazy/compile-worker:$TAG" selftest.mjs |
  sed 's/^/  /'
echo "smoke: all images built and the platform answered"
