#!/usr/bin/env bash
# plancheck check against ledger, whole process, with hyperfine: a 12 MB plan
# and a ledger journal of the same size and entry count (a transaction a plan
# entry, a balance assertion every tenth), both written by plancheck-bench.
#
#   scripts/compare-ledger.sh           # from the repository root
#
# Needs ledger and hyperfine (Debian: apt-get install -y ledger hyperfine);
# without them it says so and exits 0: this is a `make bench` extra, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in ledger hyperfine; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare-ledger: skipped, ${missing[*]} not installed (Debian: apt-get install -y ${missing[*]})"
  exit 0
fi

swift build -c release --static-swift-stdlib --product plancheck
swift build -c release --static-swift-stdlib --product plancheck-bench
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
.build/release/plancheck-bench --write "$dir"
ls -l "$dir"
hyperfine --warmup 1 --runs "${RUNS:-5}" -N \
  -n "plancheck check" ".build/release/plancheck check $dir/bench12.plan" \
  -n "ledger balance" "ledger -f $dir/bench12.journal balance"
