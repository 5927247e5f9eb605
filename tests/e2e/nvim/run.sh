#!/usr/bin/env bash
# Runs the headless Neovim LSP test: Debian's Neovim, only editors/nvim (and a stand-in for
# nvim-dap) on the runtimepath, a copy of a real spec, state kept out of $HOME.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
: "${DALEC_LSP_BINARY:?set DALEC_LSP_BINARY}"
: "${DALEC_REFERENCE_DIR:=$root/../shared/reference}"
command -v "${DALEC_NVIM:-nvim}" >/dev/null || { echo "${DALEC_NVIM:-nvim} is not there (apt-get install neovim)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
install -m 644 "$DALEC_REFERENCE_DIR/specs/example-hello.inline.yml" "$work/spec.yml"
export DALEC_SPEC="$work/spec.yml" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
timeout 60 "${DALEC_NVIM:-nvim}" --headless -u NONE -i NONE --cmd "set rtp+=$root/editors/nvim" --cmd "set rtp+=$here/fake_dap" \
  -c "luafile $here/lsp_test.lua"
