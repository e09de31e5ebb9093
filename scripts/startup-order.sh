#!/usr/bin/env bash
# Writes scripts/startup.order: the functions a release plancheck runs when it
# checks, formats and evaluates the bundled examples, one symbol a line. The
# release link (`make install`, `make bench`) places those functions side by
# side (ld.lld --symbol-ordering-file, with every function in a section of its
# own), so a run reads its code from a few pages of text instead of a page
# from each of a hundred places. A pre-commit hook starts plancheck on every
# commit.
#
#   scripts/startup-order.sh            # from the repository root, after `make install` or `make bench`
#
# Needs valgrind (Debian: apt-get install -y valgrind). Rerun it when the
# start-up path changes much; a stale list is only less useful, never wrong:
# the linker skips names it does not find.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=.build/release/plancheck
if ! command -v valgrind >/dev/null; then
  echo "startup-order: needs valgrind (Debian: apt-get install -y valgrind)" >&2
  exit 2
fi
[ -x "$binary" ] || { echo "startup-order: no $binary; run \`make install\` or \`make bench\` first" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run() {
  # --demangle=no: the linker wants the symbols' own names.
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$scratch/$1.out" "$binary" "${@:2}" >/dev/null 2>&1 || true
}
run check check examples/cheshire-east-2013.plan examples/cambridgeshire-2014.plan
run fmt fmt --check examples/cheshire-east-2013.plan
run eval eval examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv --as-of 2013-10-31

# callgrind names each function once, as `fn=(id) name` (or cfn= for a
# callee); addresses without a symbol are skipped. A check's functions come
# first (a hook runs check), then those a format adds, then those an
# evaluation adds; each group sorted, so the file changes only when the set
# of functions does.
names() {
  sed -n -E 's/^c?fn=\([0-9]+\) (.+)$/\1/p' "$scratch/$1.out" | grep -v -E '^0x[0-9a-f]+$' | LC_ALL=C sort -u
}
names check > "$scratch/check.names"
names fmt | LC_ALL=C comm -23 - "$scratch/check.names" > "$scratch/fmt.names"
names eval | LC_ALL=C comm -23 - "$scratch/check.names" | LC_ALL=C comm -23 - "$scratch/fmt.names" > "$scratch/eval.names"
cat "$scratch/check.names" "$scratch/fmt.names" "$scratch/eval.names" > scripts/startup.order
echo "startup-order: $(wc -l < scripts/startup.order) functions in scripts/startup.order ($(wc -l < "$scratch/check.names") for a check first)"
