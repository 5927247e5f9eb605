#!/usr/bin/env bash
# Installs the real BuildKit daemon and buildx for the end-to-end suite, once: Go modules at the
# pinned versions, built into a cache directory kept between runs, and runc and a static busybox
# (the only thing the test images contain) from Debian. Prints the cache's bin directory.
# Fails, saying what is missing, when something cannot be had: the suite never skips silently.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${DALEC_E2E_CACHE:-/var/cache/dalec-tools-e2e}"
bin="$cache/bin"
stamp="$bin/.versions"
wanted="buildkit=$BUILDKIT_VERSION buildx=$BUILDX_VERSION"
log() { echo "buildkit-e2e: $*" >&2; }

missing=()
command -v runc >/dev/null || missing+=(runc)
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q static || missing+=(busybox-static)
command -v file >/dev/null || missing+=(file)
if ((${#missing[@]})); then
  log "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x /bin/busybox ] && file -L /bin/busybox | grep -q static || { log "no static /bin/busybox (Debian's busybox-static)"; exit 1; }

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$bin/buildkitd" ] && [ -x "$bin/buildx" ]; then
  echo "$bin"
  exit 0
fi

# Go: the modules need a newer toolchain than any Debian 12 ships; Go >= 1.21 fetches the one a
# module asks for from the module proxy (GOTOOLCHAIN=auto).
PATH="$PATH:/usr/local/go/bin"
if ! command -v go >/dev/null; then
  log "no Go toolchain: installing golang-1.23-go from bookworm-backports"
  echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/dalec-e2e-backports.list
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports golang-1.23-go >/dev/null
  PATH="$PATH:/usr/lib/go-1.23/bin"
fi
export GOTOOLCHAIN=auto CGO_ENABLED=0 GOFLAGS=-mod=mod
mkdir -p "$bin"
start=$(date +%s)
log "building buildx $BUILDX_VERSION"
GOBIN="$bin" go install "github.com/docker/buildx/cmd/buildx@$BUILDX_VERSION" ||
  { log "could not install buildx $BUILDX_VERSION from the Go module proxy"; exit 1; }
# BuildKit's go.mod has exclude directives, which `go install pkg@version` refuses: build it as
# the main module from its (verified) module download instead.
log "building buildkitd and buildctl $BUILDKIT_VERSION"
src="$(go mod download -json "github.com/moby/buildkit@$BUILDKIT_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -d "$src" ] || { log "could not download github.com/moby/buildkit@$BUILDKIT_VERSION from the Go module proxy"; exit 1; }
(cd "$src" && go build -o "$bin/" ./cmd/buildkitd ./cmd/buildctl) ||
  { log "could not build buildkitd $BUILDKIT_VERSION"; exit 1; }
echo "$wanted" > "$stamp"
log "installed in $(( $(date +%s) - start )) s"
echo "$bin"
