# The web app: apps/web built by Vite, served by unprivileged nginx (uid 101, port 8080, read-only root
# filesystem with /tmp writable) with cache headers and the SPA fallback in deploy/docker/web/default.conf.
#
#   docker build -f deploy/docker/web.Dockerfile -t corazy/web:<tag> .
#
# The build stage runs apps/web's "build" script, which writes apps/web/dist.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-bookworm

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY . .
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
 && npm rebuild esbuild \
 && npm run build --workspace apps/web

FROM ${NGINX_IMAGE} AS runtime
COPY deploy/docker/web/default.conf /etc/nginx/conf.d/default.conf
COPY deploy/docker/web/status.conf /etc/nginx/conf.d/status.conf
COPY deploy/docker/web/security-headers.conf /etc/nginx/corazy/security-headers.conf
COPY --from=build /src/apps/web/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
