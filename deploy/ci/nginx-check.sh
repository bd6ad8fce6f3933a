#!/usr/bin/env bash
# Serves a stand-in build with the web image's nginx config (deploy/docker/web/*.conf) on a free port, using
# Debian's nginx, and checks what the image promises: SPA fallback, cache headers, /healthz, stub_status.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
conf="$here/../docker/web"
work=$(mktemp -d)
chmod 755 "$work" # nginx workers (www-data when nginx starts as root) read these files
port=${WEB_CHECK_PORT:-18090}
status_port=$((port + 1))
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/html/assets" "$work/conf.d"
echo '<!doctype html><div id="root">corazy app shell</div>' >"$work/html/index.html"
echo 'console.log("app")' >"$work/html/assets/index-3f2a9c.js"
sed -e "s#listen 8080;#listen 127.0.0.1:$port;#" -e "s#listen \[::\]:8080;##" -e "s#root /usr/share/nginx/html;#root $work/html;#" \
  -e "s#/etc/nginx/corazy/#$work/corazy/#" "$conf/default.conf" >"$work/conf.d/default.conf"
mkdir -p "$work/corazy" "$work/html/.vite"
cp "$conf/security-headers.conf" "$work/corazy/"
echo '{"index.html":{}}' >"$work/html/.vite/manifest.json"
sed -e "s#127.0.0.1:8081#127.0.0.1:$status_port#" "$conf/status.conf" >"$work/conf.d/status.conf"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $work/client; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $work/conf.d/*.conf;
}
NGINX
nginx -t -q -c "$work/nginx.conf" -p "$work"
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

failures=0
expect() { # name, url, status, header regex (or -), body regex (or -)
  local name=$1 url=$2 status=$3 header=$4 body=$5 got
  got=$(curl -s -D "$work/headers" -o "$work/body" -w '%{http_code}' "$url")
  if [ "$got" != "$status" ] || { [ "$header" != - ] && ! grep -qiE "$header" "$work/headers"; } ||
    { [ "$body" != - ] && ! grep -qE "$body" "$work/body"; }; then
    echo "  FAIL $name: status $got"; sed 's/^/      /' "$work/headers"; failures=$((failures + 1))
  else
    echo "  ok   $name"
  fi
}
base="http://127.0.0.1:$port"
expect "/ is the app shell, never cached" "$base/" 200 '^cache-control: no-cache' 'app shell'
expect "a client-side route falls back to index.html" "$base/rooms/42/play" 200 '^cache-control: no-cache' 'app shell'
expect "hashed assets are immutable for a year" "$base/assets/index-3f2a9c.js" 200 '^cache-control: public, max-age=31536000, immutable' 'console'
expect "a missing asset is a 404, not the shell" "$base/assets/index-missing.js" 404 - -
expect "/api never falls back to the shell" "$base/api/auth/me" 404 - -
expect "/healthz answers" "$base/healthz" 200 - ok
for path in / /rooms/42/play /assets/index-3f2a9c.js /index.html; do
  for header in "content-security-policy: default-src 'self'; script-src 'self';" 'x-content-type-options: nosniff' \
    'x-frame-options: DENY' 'referrer-policy: strict-origin-when-cross-origin' 'permissions-policy: camera=\(\)'; do
    expect "$path: ${header%%:*}" "$base$path" 200 "^$header" -
  done
done
expect "the bundler's manifest is not published" "$base/.vite/manifest.json" 404 - -
expect "stub_status for the exporter" "http://127.0.0.1:$status_port/stub_status" 200 - 'Active connections'
[ "$failures" = 0 ]
