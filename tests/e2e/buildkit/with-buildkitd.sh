#!/usr/bin/env bash
# with-buildkitd.sh COMMAND...: runs COMMAND against a real buildkitd started for it alone, on a
# unix socket in a temporary directory, with a buildx builder of driver `remote` pointing at it;
# stops the daemon and removes its state afterwards, whatever COMMAND does.
# The daemon resolves the image names users write to the real Dalec frontend and a Debian base
# image (install-dalec.sh), served by Debian's docker-registry on loopback through registry mirrors
# for ghcr.io and docker.io; anything else on those registries is unreachable, as offline.
# Its worker uses the host network, so Dalec's build and test containers reach Debian's archive.
# COMMAND sees DALEC_E2E_BUILDX (the buildx binary), DALEC_E2E_BUILDER (the builder's name),
# BUILDX_CONFIG (the builder's configuration, kept out of the user's ~/.docker), DALEC_E2E_BUILDKITD_LOG
# and DALEC_E2E_REGISTRY (the loopback registry, host:port).
# BUILDKIT_HOST is the daemon's own address, for clients of its gRPC API.
# With DALEC_E2E_TLS_DIR set (a directory holding ca.pem, server.pem and server-key.pem), the daemon
# also listens on loopback TCP with mutual TLS, at DALEC_E2E_TLS_ADDRESS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$("$here/install.sh")"
storage="$("$here/install-dalec.sh")"
log() { echo "buildkit-e2e: $*" >&2; }

work="$(mktemp -d /tmp/dalec-buildkit.XXXXXX)"
daemon="" registry=""
stop_daemon() {
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    kill "$daemon"
    for _ in $(seq 50); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$daemon" 2>/dev/null || true
  fi
  wait "$daemon" 2>/dev/null || true
  daemon=""
}
cleanup() {
  stop_daemon
  if [ -n "$registry" ]; then kill "$registry" 2>/dev/null || true; wait "$registry" 2>/dev/null || true; fi
  # runc state and overlay mounts live under the root; unmount anything left before removing it.
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The loopback registry, read-only: parallel runs share its storage.
port="$(python3 "$here/free_port.py")"
"$here/registry-config.sh" "$storage" "$port" read-only >"$work/registry.yml"
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry=$!
registry_up() { python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v2/', timeout=2)" 2>/dev/null; }
for _ in $(seq 50); do registry_up && break; sleep 0.1; done
registry_up || { log "docker-registry did not start on 127.0.0.1:$port: $(tail -3 "$work/registry.log")"; exit 1; }
cat >"$work/buildkitd.toml" <<EOF
[registry."docker.io"]
  mirrors = ["127.0.0.1:$port"]
[registry."ghcr.io"]
  mirrors = ["127.0.0.1:$port"]
[registry."127.0.0.1:$port"]
  http = true
  insecure = true
EOF

socket="unix://$work/buildkitd.sock"
listeners=(--addr "$socket")
tls_address=""
if [ -n "${DALEC_E2E_TLS_DIR:-}" ]; then
  tls_address="tcp://127.0.0.1:$(python3 "$here/free_port.py")"
  listeners+=(--addr "$tls_address" --tlscacert "$DALEC_E2E_TLS_DIR/ca.pem" --tlscert "$DALEC_E2E_TLS_DIR/server.pem"
    --tlskey "$DALEC_E2E_TLS_DIR/server-key.pem")
fi
# runc from Debian and the overlay snapshotter first; a machine that cannot nest them (overlay on
# overlay, no fresh /proc) gets the native snapshotter without a process sandbox.
start_daemon() {
  PATH="$bin:$PATH" "$bin/buildkitd" 9>&- --config "$work/buildkitd.toml" "${listeners[@]}" --root "$work/root" \
    --containerd-worker=false --oci-worker=true --oci-worker-net=host "$@" >"$work/buildkitd.log" 2>&1 &
  daemon=$!
  for _ in $(seq 100); do
    if "$bin/buildctl" --addr "$socket" debug workers >/dev/null 2>&1; then return 0; fi
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
  done
  stop_daemon
  return 1
}
probe_exec() {
  # One RUN proves runc can start a container here.
  mkdir -p "$work/probe"
  cp /bin/busybox "$work/probe/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "true"]\n' >"$work/probe/Dockerfile"
  "$bin/buildx" --builder dalec-e2e build --progress=quiet "$work/probe" >/dev/null 2>"$work/probe.log"
}

export BUILDX_CONFIG="$work/buildx"
# Daemons of parallel tests start one at a time: two buildkitd starting at the same instant race
# on the shared cgroup and fail (seen in CI with ctest -j2). The lock is released once this one runs.
exec 9>/tmp/dalec-e2e-buildkitd-start.lock
flock 9
started=""
for flags in "" "--oci-worker-snapshotter=native --oci-worker-no-process-sandbox"; do
  # shellcheck disable=SC2086
  if start_daemon $flags; then
    "$bin/buildx" rm dalec-e2e >/dev/null 2>&1 || true
    "$bin/buildx" create --name dalec-e2e --driver remote "$socket" >/dev/null
    if probe_exec; then started="yes"; log "buildkitd up on $socket ${flags:-(overlayfs, process sandbox)}"; break; fi
    log "a RUN failed with '${flags:-defaults}': $(tail -3 "$work/probe.log")"
    stop_daemon
  else
    log "buildkitd did not start with '${flags:-defaults}': $(tail -3 "$work/buildkitd.log")"
  fi
done
flock -u 9
exec 9>&-
[ -n "$started" ] || { log "no working buildkitd on this machine (see above)"; exit 1; }

export DALEC_E2E_BUILDX="$bin/buildx" DALEC_E2E_BUILDER=dalec-e2e BUILDKIT_HOST="$socket" \
  DALEC_E2E_REGISTRY="127.0.0.1:$port" DALEC_E2E_BUILDKITD_LOG="$work/buildkitd.log" DALEC_E2E_BUILDCTL="$bin/buildctl" \
  DALEC_E2E_BUILDKITD_PID="$daemon" DALEC_E2E_TLS_ADDRESS="$tls_address"
set +e
"$@"
status=$?
set -e
[ "$status" = 0 ] || { log "buildkitd log (last lines):"; tail -20 "$work/buildkitd.log" >&2; }
exit "$status"
