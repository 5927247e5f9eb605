#!/usr/bin/env bash
# Installs what building and testing dalec-tools needs on Debian 12, and nothing that is already
# there. Safe to run again. Needs root (or sudo) for apt.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config ccache nodejs npm procps neovim python3
  libfyaml-dev nlohmann-json3-dev libasio-dev libgtest-dev libgmock-dev
  libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
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
