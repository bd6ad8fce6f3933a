# The language image of the Docker-in-Docker variant (SANDBOX_BACKEND=docker): one Debian image with
# python3, OpenJDK 17, gcc/g++ and node, plus the static measuring helper at /opt/corazy/helper, which the
# Docker backend runs as PID 1 of every container. The worker looks for corazy-sandbox-<language>:latest
# (python3, java, c, cpp, javascript); the DinD pod's init container pulls this image into the pod's
# engine and tags it once per language (deploy/kubernetes/components/worker-dind).
#
#   docker build -f deploy/docker/sandbox-toolchain.Dockerfile -t corazy/sandbox-toolchain:<tag> .
#
# The seed used python:3.9 and openjdk:17 images; one image for the five languages keeps the toolchain
# versions identical to the namespace worker's (the same apt layer) and costs one pull per node.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      python3 openjdk-17-jdk-headless gcc g++ libc6-dev bubblewrap tini \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && ln -sf /usr/local/bin/node /usr/bin/node
COPY packages/sandbox/native/helper.c /tmp/helper.c
RUN mkdir -p /opt/corazy \
 && gcc -O2 -Wall -static -o /opt/corazy/helper /tmp/helper.c \
 && rm /tmp/helper.c \
 && mkdir -p /box && chmod 0755 /box
WORKDIR /box
ENV LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin
