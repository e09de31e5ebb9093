#!/usr/bin/env bash
# make install-check: the binary `make install` installed must be one static
# executable (no program interpreter, no shared libraries) that runs with an
# empty environment from an empty directory, and it must print what the
# debug build prints for every example: check, fmt, eval (table and JSON)
# and report (Markdown).
#
#   scripts/install-check.sh INSTALLED_PLANCHECK DEBUG_PLANCHECK
set -euo pipefail
installed=$(realpath "$1")
debug=$(realpath "$2")
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if readelf -l "$installed" | grep -q "program interpreter"; then
  echo "install-check: $installed asks for a program interpreter: it is not a static executable" >&2
  exit 1
fi
if readelf -d "$installed" 2>/dev/null | grep -q NEEDED; then
  echo "install-check: $installed needs shared libraries:" >&2
  readelf -d "$installed" | grep NEEDED >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$installed" "$scratch/plancheck"
(cd "$scratch" && env -i ./plancheck --version) | grep -q '^plancheck ' || {
  echo "install-check: the installed binary does not run with an empty environment" >&2
  exit 1
}

run_both() {
  local name=$1; shift
  local a b
  a=$("$installed" "$@" 2>&1; echo "exit $?")
  b=$("$debug" "$@" 2>&1; echo "exit $?")
  if [[ "$a" != "$b" ]]; then
    echo "install-check: the installed and debug builds differ on: plancheck $*" >&2
    diff <(echo "$b") <(echo "$a") >&2 || true
    exit 1
  fi
  checked=$((checked + 1))
}

checked=0
for plan in examples/*.plan; do
  book=${plan%.plan}.csv
  run_both check check "$plan"
  run_both fmt fmt "$plan"
  for date in 2013-10-31 2014-03-31; do
    run_both eval eval "$plan" --data "$book" --as-of "$date"
    run_both json eval "$plan" --data "$book" --as-of "$date" --format json
  done
  run_both report report "$plan" --data "$book" --as-of 2014-03-31 --format markdown -o -
done
echo "install-check: $installed is a static executable and matches the debug build on $checked runs"
