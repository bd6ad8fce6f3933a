#!/bin/sh
# Builds the Docker backend's language images from this host's toolchains (no registry needed):
# one image holding python3, Java 17, gcc/g++ and node plus the static measuring helper at
# /opt/corazy/helper, tagged once per language. Production images would be built FROM real
# language images with the same helper copied in.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
helper="$here/native/build/corazy-sandbox-helper"
if [ ! -x "$helper" ] || [ "$here/native/helper.c" -nt "$helper" ]; then
  mkdir -p "$here/native/build"
  gcc -O2 -Wall -static -o "$helper" "$here/native/helper.c"
fi
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/opt/corazy" "$staging/tmp" "$staging/box" "$staging/proc" "$staging/dev" "$staging/sys" "$staging/etc"
cp "$helper" "$staging/opt/corazy/helper"
# passwd/group so uid 65534 has a name (some runtimes ask); nothing else of the host's /etc.
printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/tmp:/usr/sbin/nologin\n' > "$staging/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$staging/etc/group"
chmod 1777 "$staging/tmp"
paths="usr/bin usr/sbin usr/lib/x86_64-linux-gnu usr/lib64 usr/lib/gcc usr/libexec/gcc usr/include usr/lib/jvm/java-17-openjdk-amd64 usr/lib/python3.11 usr/lib/python3 etc/alternatives etc/java-17-openjdk etc/ld.so.cache bin sbin lib lib64"
existing=""
for path in $paths; do [ -e "/$path" ] || [ -L "/$path" ] && existing="$existing $path"; done
# shellcheck disable=SC2086
{ tar -C / -cf - $existing; } > "$staging/host.tar"
tar -C "$staging" -rf "$staging/host.tar" opt etc/passwd etc/group tmp box proc dev sys
docker import \
  --change 'WORKDIR /box' \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8' \
  "$staging/host.tar" corazy-sandbox-toolchain:test >/dev/null
for language in python3 java c cpp javascript; do
  docker tag corazy-sandbox-toolchain:test "corazy-sandbox-$language:latest"
done
echo "built corazy-sandbox-{python3,java,c,cpp,javascript}:latest"
