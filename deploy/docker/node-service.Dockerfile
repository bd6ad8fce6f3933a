# One image per Node service: docker build -f deploy/docker/node-service.Dockerfile --build-arg SERVICE=gateway .
#
# SERVICE is a folder under services/ (gateway, auth, compile, relay, compile-worker for the Docker-in-Docker
# variant). The runtime is distroless (no shell, no package manager), runs as uid 65532 and writes nothing
# outside /tmp, so it runs with a read-only root filesystem.
#
# NODE_IMAGE and RUNTIME_IMAGE name public images; CI on a machine that cannot pull substitutes local images
# with the same layout (deploy/docker/local-base/build.sh). Pin digests in your registry's mirror for
# production (`node:22-bookworm-slim@sha256:…`).
#
# Only classic Dockerfile syntax is used (no RUN --mount, no COPY --chmod), so the legacy builder of a
# plain Debian docker.io builds it as well as BuildKit does.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs22-debian12:nonroot

# ── build: every workspace, once (identical for all services, so the layer cache shares it) ──────────────
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY . .
# --ignore-scripts: argon2 loads its bundled prebuilt binary; nothing else needs an install script to build.
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
 && npx tsc -b

# ── assemble: one service's production tree under /out ──────────────────────────────────────────────────
FROM build AS assemble
ARG SERVICE
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/package.json" \
 || { echo "build with --build-arg SERVICE=<a folder under services/>"; exit 1; }
RUN npx tsc -b "services/${SERVICE}" \
 && rm -rf node_modules \
 && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error \
      --workspace "services/${SERVICE}" \
 && mkdir -p /out \
 && cp -a package.json node_modules /out/ \
 && for dir in packages/* "services/${SERVICE}"; do \
      mkdir -p "/out/${dir}"; \
      for part in package.json dist migrations catalogue node_modules native/build; do \
        if [ -e "${dir}/${part}" ]; then mkdir -p "/out/${dir}/$(dirname "${part}")"; cp -a "${dir}/${part}" "/out/${dir}/${part}"; fi; \
      done; \
    done \
 && find /out -name '*.map' -delete \
 && find /out -name '*.d.ts' -delete

# ── runtime ───────────────────────────────────────────────────────────────────────────────────────────
FROM ${RUNTIME_IMAGE} AS runtime
ARG SERVICE
# HOST: every interface of the container, said explicitly (npm start's default is 127.0.0.1).
ENV NODE_ENV=production SERVICE=${SERVICE} HOST=0.0.0.0
COPY --from=assemble --chown=0:0 /out /app
WORKDIR /app/services/${SERVICE}
USER 65532:65532
# The distroless entrypoint is the node binary.
CMD ["--enable-source-maps", "dist/main.js"]
