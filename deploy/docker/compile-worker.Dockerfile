# The grading worker with the namespace sandbox (the native helper + cgroups; bubblewrap for its
# SANDBOX_NAMESPACE_ENGINE=bubblewrap engine) and the five
# toolchains it runs submissions with: python3, OpenJDK 17 (javac/java), gcc, g++ and node, at the paths
# packages/sandbox/src/languages.ts names (/usr/bin/python3, /usr/bin/java, /usr/bin/gcc, /usr/bin/g++,
# /usr/bin/node).
#
#   docker build -f deploy/docker/compile-worker.Dockerfile -t corazy/compile-worker:<tag> .
#
# It runs as root on purpose: the worker creates cgroups, mounts the workspace tmpfs and setns()es into its
# network namespaces before dropping every sandboxed program to its slot's uid, 60000 + slot (docs/sandbox.md, docs/deploy.md
# "The worker's privileges"). The root filesystem can still be read-only: the worker writes only under /tmp.
#
# The first two stages are the same as node-service.Dockerfile, so one build shares their cache.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY . .
# --ignore-scripts: argon2 loads its bundled prebuilt binary; nothing else needs an install script to build.
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
 && npx tsc -b

FROM build AS assemble
ARG SERVICE=compile-worker
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

# ── runtime: the toolchains (this layer is the same as sandbox-toolchain.Dockerfile's) ──────────────────
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      python3 openjdk-17-jdk-headless gcc g++ libc6-dev bubblewrap tini \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && ln -sf /usr/local/bin/node /usr/bin/node
# The helper is static (it also runs as PID 1 in the Docker backend's images) and is built here, ahead of
# time, so that nothing is compiled at run time on a read-only filesystem; its source is not shipped, so
# ensureHelper() never tries to rebuild it.
COPY packages/sandbox/native/helper.c /tmp/helper.c
RUN mkdir -p /opt/corazy \
 && gcc -O2 -Wall -static -o /opt/corazy/helper /tmp/helper.c \
 && rm /tmp/helper.c
COPY --from=assemble --chown=0:0 /out /app
RUN mkdir -p /app/packages/sandbox/native/build \
 && ln -s /opt/corazy/helper /app/packages/sandbox/native/build/corazy-sandbox-helper \
 && python3 --version && java -version 2>&1 | head -1 && gcc --version | head -1 && node --version
ENV NODE_ENV=production SERVICE=compile-worker SANDBOX_BACKEND=namespace PORT=9464 HOST=0.0.0.0
WORKDIR /app/services/compile-worker
EXPOSE 9464
# tini reaps whatever the sandbox re-parents to PID 1 (docs/sandbox.md: "Run the worker under an init").
ENTRYPOINT ["/usr/bin/tini", "--", "node"]
CMD ["--enable-source-maps", "dist/main.js"]
