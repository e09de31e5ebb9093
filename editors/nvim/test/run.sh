#!/usr/bin/env bash
# Neovim (headless) drives `plancheck lsp` through editors/nvim: see e2e.lua.
#   editors/nvim/test/run.sh [PLANCHECK]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
editors="$(dirname "$here")"
plancheck="$(cd "$(dirname "${1:-.build/debug/plancheck}")" && pwd)/$(basename "${1:-.build/debug/plancheck}")"
command -v nvim >/dev/null || { echo "neovim is not installed (apt-get install -y neovim)" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp "$here/broken.plan" "$scratch/broken.plan"
"$plancheck" fmt "$scratch/broken.plan" > "$scratch/expected.plan"
PLANCHECK="$plancheck" PLAN="$scratch/broken.plan" EXPECTED="$scratch/expected.plan" \
  timeout 120 nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$editors" \
  -c "luafile $here/e2e.lua" </dev/null
