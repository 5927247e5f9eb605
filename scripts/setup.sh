#!/usr/bin/env bash
# Installs what building and testing dalec-tools needs on Debian 12, and nothing that is already
# there. Safe to run again. Needs root (or sudo) for apt.
set -euo pipefail

# Libraries: Debian packages.
packages=(libfyaml-dev nlohmann-json3-dev libasio-dev libgtest-dev libgmock-dev libssl-dev
          libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
          clang-14 libclang-rt-14-dev)  # clang only for the libFuzzer targets
# Tools: whatever provides the command will do (Node.js may come from elsewhere, with its own npm).
declare -A tools=([g++]=g++ [cmake]=cmake [ninja]=ninja-build [pkg-config]=pkg-config [ccache]=ccache
                  [node]=nodejs [npm]=npm [nvim]=neovim [pgrep]=procps [python3]=python3
                  [openssl]=openssl [dockerd]=docker.io)  # the last two for the routes to BuildKit (tests/e2e/buildkit/routes.e2e.sh)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
for command in "${!tools[@]}"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${tools[$command]}")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all build dependencies are installed"
fi
