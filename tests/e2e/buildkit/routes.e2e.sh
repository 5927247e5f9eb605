#!/usr/bin/env bash
# routes.e2e.sh COMMAND...: runs COMMAND with the suite's buildkitd reachable every way a Dalec
# author's tools reach one, all of them real:
#   - mutual TLS on loopback TCP, with certificates made here by openssl (DALEC_E2E_TLS_DIR holds
#     them: ca.pem, client.pem/client-key.pem, and other-ca.pem, a CA that signed nothing);
#   - a Docker engine, Debian's dockerd, on a socket of its own (DALEC_E2E_DOCKER_HOST), whose
#     built-in BuildKit is the engine's own (buildx's docker driver);
#   - a container in that engine, holding a static buildctl and the daemon's socket, named as buildx's
#     docker-container driver names its node's container, for the builder DALEC_E2E_TUNNEL_BUILDER that
#     the real buildx created: `docker exec -i ... buildctl dial-stdio` is the real thing end to end.
# Everything started here is stopped and removed afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log() { echo "routes-e2e: $*" >&2; }

if [ "${1:-}" = "--inside" ]; then
  # Run by with-buildkitd.sh: the daemon is up; put its socket in a container of the engine.
  shift
  socket="${BUILDKIT_HOST#unix://}"
  export DOCKER_HOST="$DALEC_E2E_DOCKER_HOST"
  "$DALEC_E2E_BUILDX" create --name dalec-e2e-tunnel --driver docker-container >/dev/null
  container=buildx_buildkit_dalec-e2e-tunnel0
  docker run -d --name "$container" --network none -v "$socket:/run/buildkit/buildkitd.sock" \
    dalec-e2e/buildctl:1 /bin/busybox sleep 86400 >/dev/null
  export DALEC_E2E_TUNNEL_BUILDER=dalec-e2e-tunnel DALEC_E2E_TUNNEL_CONTAINER="$container"
  unset DOCKER_HOST
  set +e
  "$@"
  status=$?
  DOCKER_HOST="$DALEC_E2E_DOCKER_HOST" docker rm -f "$container" >/dev/null 2>&1
  exit "$status"
fi

command -v dockerd >/dev/null || { log "dockerd is missing: scripts/setup.sh installs Debian's docker.io"; exit 1; }
bin="$("$here/install.sh")"
work="$(mktemp -d /tmp/dalec-routes.XXXXXX)"
dockerd_pid=""
cleanup() {
  if [ -n "$dockerd_pid" ]; then
    DOCKER_HOST="unix://$work/docker.sock" docker ps -aq 2>/dev/null | xargs -r env DOCKER_HOST="unix://$work/docker.sock" docker rm -f >/dev/null 2>&1 || true
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$dockerd_pid" 2>/dev/null || true
    wait "$dockerd_pid" 2>/dev/null || true
  fi
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Certificates: a CA, the daemon's (for 127.0.0.1 and buildkitd.test), a client's, and a stranger CA.
tls="$work/tls"
mkdir -p "$tls"
ecparams=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${ecparams[@]}" -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" -days 2 -subj /CN=dalec-e2e-ca 2>/dev/null
openssl req -x509 "${ecparams[@]}" -keyout "$tls/other-ca-key.pem" -out "$tls/other-ca.pem" -days 2 -subj /CN=stranger-ca 2>/dev/null
sign() {  # sign NAME SUBJECT EXTENSIONS
  openssl req -new "${ecparams[@]}" -keyout "$tls/$1-key.pem" -out "$tls/$1.csr" -subj "$2" 2>/dev/null
  printf '%s\n' "$3" >"$tls/$1.ext"
  openssl x509 -req -in "$tls/$1.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial -days 2 \
    -extfile "$tls/$1.ext" -out "$tls/$1.pem" 2>/dev/null
}
sign server /CN=buildkitd "subjectAltName=IP:127.0.0.1,DNS:buildkitd.test
extendedKeyUsage=serverAuth"
sign client /CN=dalec-tools "extendedKeyUsage=clientAuth"

# A Docker engine of our own: no bridge, no iptables (the sandbox has neither), vfs storage.
dockerd --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs --data-root "$work/docker" \
  --exec-root "$work/docker-exec" --pidfile "$work/docker.pid" -H "unix://$work/docker.sock" >"$work/dockerd.log" 2>&1 &
dockerd_pid=$!
export DALEC_E2E_DOCKER_HOST="unix://$work/docker.sock"
for _ in $(seq 150); do
  DOCKER_HOST="$DALEC_E2E_DOCKER_HOST" docker version >/dev/null 2>&1 && break
  kill -0 "$dockerd_pid" 2>/dev/null || break
  sleep 0.2
done
DOCKER_HOST="$DALEC_E2E_DOCKER_HOST" docker version >/dev/null 2>&1 ||
  { log "dockerd did not start: $(tail -5 "$work/dockerd.log")"; exit 1; }
log "dockerd $(DOCKER_HOST="$DALEC_E2E_DOCKER_HOST" docker version --format '{{.Server.Version}}') up on $DALEC_E2E_DOCKER_HOST"
# The tunnel's image: busybox to keep it running, and buildctl for dial-stdio; both static.
mkdir -p "$work/image/bin" "$work/image/usr/bin" "$work/image/run/buildkit"
cp /bin/busybox "$work/image/bin/busybox"
cp "$bin/buildctl" "$work/image/usr/bin/buildctl"
tar -C "$work/image" -c . | DOCKER_HOST="$DALEC_E2E_DOCKER_HOST" docker import - dalec-e2e/buildctl:1 >/dev/null

export DALEC_E2E_TLS_DIR="$tls"
set +e
"$here/with-buildkitd.sh" "$here/routes.e2e.sh" --inside "$@"
status=$?
set -e
[ "$status" = 0 ] || { log "dockerd log (last lines):"; tail -10 "$work/dockerd.log" >&2; }
exit "$status"
