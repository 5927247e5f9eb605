#!/usr/bin/env bash
# Brings up, once, what the real Dalec frontend needs in the end-to-end suite, and prints the
# registry storage directory that serves it. Everything is cached under the suite's cache and keyed
# by its inputs, so a warm run rebuilds nothing:
#   1. Dalec's frontend binary, built with Go from ../shared/third_party/dalec's tarball (keyed by
#      the tarball's sha256; dependencies from the Go module proxy);
#   2. a Debian bookworm root filesystem from Debian's packages (mmdebstrap, minbase);
#   3. a registry storage directory holding both as images, made with the real BuildKit as upstream
#      makes them: the frontend `FROM scratch` with `/frontend`, its entrypoint and its two labels,
#      under the names users write (ghcr.io/project-dalec/dalec/frontend, and the older
#      ghcr.io/azure/dalec/frontend), and the base image as docker.io/library/debian:bookworm.
# with-buildkitd.sh serves that directory from Debian's docker-registry on loopback and points
# buildkitd's registry mirrors at it. A piece this machine cannot provide fails the run, saying
# what is missing: nothing is skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${DALEC_E2E_CACHE:-/var/cache/dalec-tools-e2e}"
tarball="${DALEC_FRONTEND_TARBALL:-$here/../../../../shared/third_party/dalec/dalec-v0.21.5-frontend-src.tar.gz}"
log() { echo "dalec-e2e: $*" >&2; }

[ -f "$tarball" ] || { log "Dalec's frontend source is missing: $tarball (../shared/third_party/dalec beside the repository)"; exit 1; }
bin="$("$here/install.sh")"
mkdir -p "$cache"
# One bring-up at a time: ctest runs the suite's daemons in parallel.
exec 9>"$cache/.dalec.lock"
flock 9

missing=()
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v docker-registry >/dev/null || [ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
  log "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 1. The frontend binary.
sha="$(sha256sum "$tarball" | cut -c1-64)"
frontend_dir="$cache/dalec-frontend-${sha:0:16}"
if [ ! -x "$frontend_dir/frontend" ]; then
  start=$(date +%s)
  log "building Dalec's frontend from $(basename "$tarball") (sha256 ${sha:0:16}...)"
  PATH="$PATH:/usr/local/go/bin:/usr/lib/go-1.23/bin"
  command -v go >/dev/null || { log "no Go toolchain (tests/e2e/buildkit/install.sh installs one)"; exit 1; }
  src="$(mktemp -d)"
  tar -xzf "$tarball" -C "$src"
  mkdir -p "$frontend_dir.tmp"
  (cd "$src" && GOTOOLCHAIN=auto CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$frontend_dir.tmp/frontend" ./cmd/frontend) ||
    { log "could not build Dalec's frontend (see above)"; rm -rf "$src" "$frontend_dir.tmp"; exit 1; }
  rm -rf "$src"
  rm -rf "$frontend_dir" && mv "$frontend_dir.tmp" "$frontend_dir"
  log "frontend built in $(( $(date +%s) - start )) s"
fi

# 2. The bookworm root filesystem (minbase: what the official image holds, near enough for Dalec's
# worker and its tests).
rootfs="$cache/debian-bookworm-$DEBIAN_ROOTFS_STAMP.tar"
if [ ! -s "$rootfs" ]; then
  start=$(date +%s)
  log "making a Debian bookworm root filesystem (mmdebstrap minbase)"
  mmdebstrap --quiet --mode=root --variant=minbase --format=tar bookworm "$rootfs.tmp" >&2 ||
    { log "mmdebstrap could not make a bookworm root filesystem (is Debian's archive reachable?)"; rm -f "$rootfs.tmp"; exit 1; }
  mv "$rootfs.tmp" "$rootfs"
  log "root filesystem made in $(( $(date +%s) - start )) s"
fi

# 3. The registry storage.
storage="$cache/registry-${sha:0:16}-$DEBIAN_ROOTFS_STAMP"
if [ -f "$storage/.complete" ]; then
  echo "$storage"
  exit 0
fi
start=$(date +%s)
log "pushing the frontend and base images into $storage"
work="$(mktemp -d /tmp/dalec-images.XXXXXX)"
registry="" daemon=""
cleanup() {
  for pid in $daemon $registry; do kill "$pid" 2>/dev/null || true; done
  for pid in $daemon $registry; do wait "$pid" 2>/dev/null || true; done
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$storage" && mkdir -p "$storage"
port="$(python3 "$here/free_port.py")"
"$here/registry-config.sh" "$storage" "$port" read-write >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry=$!
printf '[registry."127.0.0.1:%s"]\n  http = true\n  insecure = true\n' "$port" >"$work/buildkitd.toml"
socket="unix://$work/buildkitd.sock"
"$bin/buildkitd" --config "$work/buildkitd.toml" --addr "$socket" --root "$work/root" \
  --containerd-worker=false --oci-worker=true >"$work/buildkitd.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do
  "$bin/buildctl" --addr "$socket" debug workers >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { log "buildkitd did not start: $(tail -3 "$work/buildkitd.log")"; exit 1; }
  sleep 0.1
done
curl_ok() { python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; }
for _ in $(seq 50); do curl_ok "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
curl_ok "http://127.0.0.1:$port/v2/" || { log "docker-registry did not start: $(tail -3 "$work/registry.log")"; exit 1; }

# build_image CONTEXT NAME...: builds CONTEXT's Dockerfile with BuildKit's own Dockerfile frontend
# and pushes it under each NAME (repository:tag in the loopback registry).
build_image() {
  local context="$1" names=""
  shift
  for name in "$@"; do names="${names:+$names,}127.0.0.1:$port/$name"; done
  "$bin/buildctl" --addr "$socket" build --progress=plain --frontend dockerfile.v0 \
    --local context="$context" --local dockerfile="$context" \
    --output "type=image,\"name=$names\",push=true,registry.insecure=true" >"$work/build.log" 2>&1 ||
    { log "could not build the image $1: $(tail -5 "$work/build.log")"; exit 1; }
}
mkdir -p "$work/frontend" "$work/base"
cp "$frontend_dir/frontend" "$work/frontend/frontend"
cat >"$work/frontend/Dockerfile" <<'EOF'
FROM scratch
COPY frontend /frontend
LABEL moby.buildkit.frontend.network.none="true"
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts"
ENTRYPOINT ["/frontend"]
EOF
build_image "$work/frontend" project-dalec/dalec/frontend:latest "project-dalec/dalec/frontend:$DALEC_FRONTEND_VERSION" \
  azure/dalec/frontend:latest
ln "$rootfs" "$work/base/rootfs.tar" 2>/dev/null || cp "$rootfs" "$work/base/rootfs.tar"
printf 'FROM scratch\nADD rootfs.tar /\nCMD ["bash"]\n' >"$work/base/Dockerfile"
build_image "$work/base" library/debian:bookworm
touch "$storage/.complete"
log "images pushed in $(( $(date +%s) - start )) s"
echo "$storage"
