# plancheck: build, test, try and install.
#
#   make demo       build, then check and evaluate the bundled examples
#   make test       the test suite (what .ci/run runs)
#   make install    release build into $(DESTDIR)$(PREFIX)/bin (PREFIX=/usr/local)
#   make bench      speed figures, release build
#   make fmt-check  are the bundled examples in `plancheck fmt` form?
#   make editors-test  Neovim (headless) drives `plancheck lsp` end to end
#   make completions  regenerate completions/, docs/plancheck.1 and docs/diagnostics.md
#   make fuzz       libFuzzer on every fuzz target (Tests/Fuzz), FUZZ_RUNS runs each
#   make fuzz-smoke each fuzz target for FUZZ_SMOKE_SECONDS (CI runs this)

SWIFT   ?= swift
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin

# `swift build` links .build/debug and .build/release to the platform's folder.
PLANCHECK := .build/debug/plancheck
EXAMPLES  := examples/cheshire-east-2013.plan examples/cambridgeshire-2014.plan

# `test` pipes through a filter and must keep swift's exit status.
SHELL := /bin/bash

.PHONY: all build test demo install install-check uninstall clean bench fmt-check editors-test completions

all: build

# One debug configuration for everything: `swift test` builds with testing
# enabled, and so does this (--build-tests), so `make test` after `make demo`
# reuses the demo's build instead of compiling it all again. -q keeps the
# compile lines out of the demo (errors still show).
build:
	$(SWIFT) build --build-tests -q

# Quiet-ish: drops the compile progress lines, the per-test "started" and
# "passed" lines (some span several lines: test arguments with newlines) and
# XCTest's empty "Executed 0 tests"; keeps warnings, build errors, every
# failure with its details, and the summaries. The exit status is swift test's.
TEST_FILTER = \
  skipping { if (/ started\.$$/) skipping = 0; next } \
  /^\[[0-9]+\/[0-9]+\] / { next } \
  /Testing Library Version:|Target Platform:|Executed 0 tests/ { next } \
  /Test run/ { print; fflush(); next } \
  /^Test (Suite|Case) .* (started|passed)/ { next } \
  / started\.$$/ { next } \
  /^◇ / { skipping = 1; next } \
  / passed after [0-9.]+ seconds\.$$/ { next } \
  { print; fflush() }

test:
	@set -o pipefail; $(SWIFT) test 2>&1 | awk '$(TEST_FILTER)'

demo: build
	@echo "built $(PLANCHECK)"
	$(PLANCHECK) check $(EXAMPLES)
	@echo "plancheck check: $(words $(EXAMPLES)) example plans, no errors"
	$(PLANCHECK) eval examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv --as-of 2013-10-31

# The release binary is one static executable (-static-executable): the Swift
# runtime, libc and libstdc++ are linked in, so the dynamic loader has nothing
# to load or relocate. A pre-commit hook pays start-up on every commit: this
# halves it (2.9 ms to 1.6 ms on a small plan; --static-swift-stdlib alone
# still loads five shared libraries). The binary needs no Swift libraries and
# no particular glibc on the machine it is copied to. The linker warns that
# the Swift runtime's optional dlopen cannot load libraries: plancheck loads
# none. plancheck-hello, the start-up baseline, is linked the same way.
#
# -disable-concrete-type-metadata-mangled-name-accessors: the compiler
# otherwise names each generic type it needs (an array of tokens, a
# dictionary of ids) by a mangled string that the runtime demangles, and
# checks the conformances of, the first time: 60% of the instructions of a
# check of a small plan. Direct accessors make that 40% fewer instructions
# in all, for a binary 0.2% larger.
#
# -function-sections with ld.lld's --symbol-ordering-file: the functions a
# check, a format and an evaluation of the examples run (scripts/startup.order,
# written by scripts/startup-order.sh) are placed together, so start-up reads
# their text from a few pages rather than a page each from all over 8 MB:
# 175 page faults become about 135. ld.lld comes with the Swift toolchain.
# plancheck-hello is linked the same way, so its baseline gains what it can.
RELEASE := -c release -Xswiftc -static-executable \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  -Xswiftc -Xfrontend -Xswiftc -function-sections -Xswiftc -use-ld=lld \
  -Xlinker --symbol-ordering-file=$(CURDIR)/scripts/startup.order -Xlinker --no-warn-symbol-ordering

install:
	$(SWIFT) build $(RELEASE) --product plancheck -q
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 .build/release/plancheck "$(DESTDIR)$(BINDIR)/plancheck"
	install -m 644 docs/plancheck.1 "$(DESTDIR)$(PREFIX)/share/man/man1/plancheck.1"
	install -m 644 completions/plancheck.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/plancheck"
	install -m 644 completions/_plancheck "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_plancheck"
	install -m 644 completions/plancheck.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/plancheck.fish"

# The release build as `make install` makes it, from this checkout, installed
# into a scratch DESTDIR: it must be a static executable that runs with an
# empty environment and prints what the debug build prints on the examples
# (scripts/install-check.sh). CI runs it, so the static link is proven on a
# clean machine.
install-check: build
	rm -rf .build/install-check
	$(MAKE) install DESTDIR="$(CURDIR)/.build/install-check" PREFIX=/usr
	bash scripts/install-check.sh .build/install-check/usr/bin/plancheck $(PLANCHECK)

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/plancheck" "$(DESTDIR)$(PREFIX)/share/man/man1/plancheck.1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/plancheck" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_plancheck" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/plancheck.fish"

# Generated from the command table (Sources/plancheck/Commands.swift); a test
# fails when these differ from what the built plancheck prints.
completions: build
	mkdir -p completions docs
	$(PLANCHECK) completions bash > completions/plancheck.bash
	$(PLANCHECK) completions zsh > completions/_plancheck
	$(PLANCHECK) completions fish > completions/plancheck.fish
	$(PLANCHECK) man > docs/plancheck.1
	$(PLANCHECK) explain --markdown > docs/diagnostics.md

clean:
	rm -rf .build

# Every case, then the goals of issue 10 beside their baselines. The
# `process` case runs .build/release/plancheck and plancheck-hello as child
# processes, and ledger when installed (apt-get install -y ledger).
# scripts/compare-ledger.sh repeats the ledger comparison with hyperfine.
bench:
	$(SWIFT) build $(RELEASE)
	.build/release/plancheck-bench

fmt-check: build
	$(PLANCHECK) fmt --check examples/*.plan

# A real editor on the language server: Neovim opens a broken plan through
# editors/nvim and checks diagnostics, hover, definition, completion and
# formatting (editors/nvim/test). Needs `nvim` (Debian: apt-get install -y neovim).
editors-test: build
	bash editors/nvim/test/run.sh $(PLANCHECK)

# The compliance summary the Improvement Board reads (issues 4 and 11), from
# the bundled examples and their performance books:
#   make report        examples/<plan>.report.html and .report.md
#   make screenshot    docs/report.png: the Cheshire East HTML report in headless
#                      Chromium, the first screen a board member sees (1400x1000)
#   make report-check  prints the Cheshire East report to PDF with headless
#                      Chromium and checks it with poppler's pdfinfo and
#                      pdftotext: at most REPORT_MAX_PAGES A4 pages, the running
#                      header (plan and as-of date) and "Page N of M" on every
#                      page, and no printed text smaller than about 8 pt.
CHROMIUM ?= chromium
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars

# The Cheshire East report: 49 measures and actions in 16 recommendations,
# 44 judgements. It prints as about 4 pages of summary (at a glance, needs
# attention, key targets, what changed) and 15 of cards, three to five a page
# (a card is a chart 86 mm wide, so its text prints at 8.4 pt, beside its
# words), then the roll-ups and gaps: 20 pages today. The bound of 22 leaves
# room for a longer note or explanation but not for a regression such as a
# page per section (26 pages before issue 11) or charts one above another.
REPORT_MAX_PAGES ?= 22

.PHONY: report screenshot report-check

report: build
	$(PLANCHECK) report examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv \
	  --as-of 2013-10-31 --compare 2013-08-31 -o examples/cheshire-east-2013.report.html
	$(PLANCHECK) report examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv \
	  --as-of 2013-10-31 --compare 2013-08-31 -o examples/cheshire-east-2013.report.md
	$(PLANCHECK) report examples/cambridgeshire-2014.plan --data examples/cambridgeshire-2014.csv \
	  --as-of 2015-03-31 --compare 2014-12-31 -o examples/cambridgeshire-2014.report.html
	$(PLANCHECK) report examples/cambridgeshire-2014.plan --data examples/cambridgeshire-2014.csv \
	  --as-of 2015-03-31 --compare 2014-12-31 -o examples/cambridgeshire-2014.report.md

# Chromium from Debian's packages (`apt-get install -y chromium`). Its D-Bus
# complaints on stderr are noise in a container; the PNG is checked instead.
screenshot: report
	@command -v $(CHROMIUM) >/dev/null || { echo "make screenshot needs Chromium: apt-get install -y chromium" >&2; exit 1; }
	mkdir -p docs
	rm -f docs/report.png
	$(CHROMIUM) $(CHROMIUM_FLAGS) --screenshot=docs/report.png \
	  --window-size=1400,1000 file://$(CURDIR)/examples/cheshire-east-2013.report.html 2>/dev/null
	@test -s docs/report.png && echo "docs/report.png written"

# Chromium's own header and footer are off (--no-pdf-header-footer): the
# running header and page numbers are the page's CSS @page margin boxes.
# pdftotext -bbox gives each word's box, whose height is the font's size
# times a ratio of the font (1.16 for DejaVu Sans): no word may have a
# smaller box than "Page" in the page numbers, which are 8 pt by the CSS.
report-check: build
	@command -v $(CHROMIUM) >/dev/null || { echo "make report-check needs Chromium: apt-get install -y chromium" >&2; exit 1; }
	@command -v pdfinfo >/dev/null || { echo "make report-check needs pdfinfo: apt-get install -y poppler-utils" >&2; exit 1; }
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PLANCHECK) report examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv \
	  --as-of 2013-10-31 --compare 2013-08-31 -o "$$tmp/report.html"; \
	$(CHROMIUM) $(CHROMIUM_FLAGS) --no-pdf-header-footer --print-to-pdf="$$tmp/report.pdf" "file://$$tmp/report.html" 2>/dev/null; \
	test -s "$$tmp/report.pdf" || { echo "report-check: Chromium printed nothing" >&2; exit 1; }; \
	pages=$$(pdfinfo "$$tmp/report.pdf" | awk '/^Pages:/ { print $$2 }'); \
	size=$$(pdfinfo "$$tmp/report.pdf" | awk '/^Page size:/ { print int($$3 + .5) "x" int($$5 + .5) }'); \
	echo "report-check: the Cheshire East report prints on $$pages pages of $$size pt (at most $(REPORT_MAX_PAGES) allowed)"; \
	test "$$size" = "595x842" || { echo "report-check: not A4 portrait" >&2; exit 1; }; \
	test "$$pages" -le $(REPORT_MAX_PAGES) || { echo "report-check: $$pages pages, more than $(REPORT_MAX_PAGES)" >&2; exit 1; }; \
	for p in $$(seq 1 $$pages); do \
	  text=$$(pdftotext -layout -f $$p -l $$p "$$tmp/report.pdf" -); \
	  echo "$$text" | grep -q "as of 31 Oct 2013" || { echo "report-check: page $$p has no running header" >&2; exit 1; }; \
	  echo "$$text" | grep -q "Page $$p of $$pages" || { echo "report-check: page $$p has no page number" >&2; exit 1; }; \
	done; \
	pdftotext -bbox "$$tmp/report.pdf" "$$tmp/words.html"; \
	eight=$$(awk -F'"' '/<word .*>Page<\/word>/ { printf "%.2f", $$8 - $$4; exit }' "$$tmp/words.html"); \
	smallest=$$(awk -F'"' '/<word / { h = $$8 - $$4; if (min == "" || h < min) min = h } END { printf "%.2f", min }' "$$tmp/words.html"); \
	echo "report-check: smallest printed word box $$smallest pt; 8 pt text makes $$eight pt"; \
	awk -v h="$$smallest" -v e="$$eight" 'BEGIN { exit !(e > 0 && h >= e - 0.05) }' || { echo "report-check: text printed smaller than 8 pt" >&2; exit 1; }

# --- Fuzzing (issue 9) --------------------------------------------------------
# The fuzz targets live in Tests/Fuzz (their invariants are stated there). The
# binary is built with swiftc directly, not SwiftPM, so `make test` never pays
# for it: the library's sources and the targets are compiled as one module with
# -O and -sanitize=fuzzer,address, then linked against libFuzzer *without* its
# main (Tests/Fuzz/main.swift starts libFuzzer through LLVMFuzzerRunDriver).
# Seed corpora come from the examples and fixtures, plus the small corpora kept
# in Tests/Fuzz/corpus; new inputs go to .build/fuzz/corpus. A crash, a leak, an
# input taking over FUZZ_TIMEOUT seconds (10 in the smoke run, which CI runs on
# shared machines) or 2 GB stops the run and leaves crash-*/timeout-*/oom-* files
# in .build/fuzz.
SWIFTC           ?= swiftc
FUZZ_DIR         := .build/fuzz
FUZZ_BIN         := $(FUZZ_DIR)/plancheck-fuzz
FUZZ_TARGETS     := check csv eval fmt xlsx lsp import
FUZZ_SOURCES     := $(shell find Sources/PlanCheck -name '*.swift' | LC_ALL=C sort) Tests/Fuzz/main.swift Tests/Fuzz/Targets.swift
FUZZ_RUNS        ?= 1000000
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_TIMEOUT     ?= 1
FUZZ_FLAGS       ?= -rss_limit_mb=2048 -max_len=2048 -print_final_stats=1 -dict=Tests/Fuzz/plan.dict
# ASan records no stack for each allocation (a fifth faster; a finding's input
# reproduces it with the full report: ASAN_OPTIONS= ./plancheck-fuzz T FILE),
# keeps 16 MB of freed memory poisoned rather than 256, and does not fill new
# blocks: with the shorter inputs below, about 1.5x the executions a second.
FUZZ_ASAN_OPTIONS ?= malloc_context_size=0:quarantine_size_mb=16:max_malloc_fill_size=0
# A workbook needs room for its zip structure, and an eval input holds a plan
# and a book. A plan for `check` is 1 KiB at most: every diagnostic is rendered
# four times over, and a longer plan mostly repeats what a shorter one reaches.
FUZZ_MAX_LEN_xlsx := -max_len=65536
FUZZ_MAX_LEN_eval := -max_len=2048
FUZZ_MAX_LEN_check := -max_len=1024
# libFuzzer without its main, from the toolchain's clang runtime.
FUZZER_NO_MAIN   ?= $(firstword $(wildcard $(dir $(realpath $(shell command -v $(SWIFTC))))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-$(shell uname -m).a))

.PHONY: fuzz fuzz-smoke fuzz-build fuzz-seeds $(addprefix fuzz-,$(FUZZ_TARGETS))

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): $(FUZZ_SOURCES)
	@test -n "$(FUZZER_NO_MAIN)" || { echo "libclang_rt.fuzzer_no_main not found beside $(SWIFTC); set FUZZER_NO_MAIN=" >&2; exit 1; }
	@mkdir -p $(FUZZ_DIR)
	$(SWIFTC) -O -wmo -sanitize=fuzzer,address -module-name PlanCheckFuzz -emit-object -o $(FUZZ_DIR)/plancheck-fuzz.o $(FUZZ_SOURCES)
	@# gold warns once per ASan helper symbol ("Cannot export local symbol"): noise, left out.
	@set -o pipefail; $(SWIFTC) -sanitize=address $(FUZZ_DIR)/plancheck-fuzz.o $(FUZZER_NO_MAIN) -lstdc++ -lm -o $@ 2>&1 \
	  | { grep -v 'Cannot export local symbol' || true; }
	@echo "built $@"

# Seeds: plans for check and fmt, performance books for csv, plan NUL book
# pairs for eval, the fixture workbooks for xlsx (whose inputs may be 64 KiB; the
# others' 4 KiB) and an initialize message for lsp.
fuzz-seeds:
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_DIR)/seeds/$$t $(FUZZ_DIR)/corpus/$$t Tests/Fuzz/corpus/$$t; done
	@for f in examples/*.plan Tests/Fixtures/check/*.plan Tests/Fixtures/spec/*.plan; do \
	  n=$$(echo $$f | tr / _); cp $$f $(FUZZ_DIR)/seeds/check/$$n; cp $$f $(FUZZ_DIR)/seeds/fmt/$$n; done
	@for f in examples/*.csv; do cp $$f $(FUZZ_DIR)/seeds/csv/$$(basename $$f); done
	@for f in Tests/Fixtures/data/*.xlsx; do cp $$f $(FUZZ_DIR)/seeds/xlsx/$$(basename $$f); done
	@for f in Tests/Fixtures/import/*.csv Tests/Fixtures/import/*.tsv Tests/Fixtures/import/*.xlsx; do cp $$f $(FUZZ_DIR)/seeds/import/$$(basename $$f); done
	@printf 'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","x":1}' > $(FUZZ_DIR)/seeds/lsp/initialize
	@for p in examples/*.plan; do c=$${p%.plan}.csv; test -f $$c || continue; \
	  { cat $$p; printf '\0'; cat $$c; } > $(FUZZ_DIR)/seeds/eval/$$(basename $$p); done

# One rule per target, so `make -j2 fuzz` keeps both cores busy. Each run's
# log is .build/fuzz/fuzz-TARGET.log; its last statistics are printed.
fuzz: $(addprefix fuzz-,$(FUZZ_TARGETS))

$(addprefix fuzz-,$(FUZZ_TARGETS)): fuzz-%: $(FUZZ_BIN) fuzz-seeds
	@echo "== fuzz $*: $(FUZZ_RUNS) runs (log: $(FUZZ_DIR)/fuzz-$*.log)"
	@cd $(FUZZ_DIR) && ASAN_OPTIONS=$(FUZZ_ASAN_OPTIONS) ./plancheck-fuzz $* $(patsubst -dict=%,-dict=$(CURDIR)/%,$(FUZZ_FLAGS)) $(FUZZ_MAX_LEN_$*) -timeout=$(FUZZ_TIMEOUT) -runs=$(FUZZ_RUNS) \
	    corpus/$* seeds/$* $(CURDIR)/Tests/Fuzz/corpus/$* > fuzz-$*.log 2>&1; status=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|slowest_unit_time_sec|peak_rss_mb)' fuzz-$*.log; \
	  if [ $$status -ne 0 ]; then grep -E -A30 'ERROR|invariant broken' fuzz-$*.log | head -60; \
	    echo "fuzz $* failed (exit $$status)" >&2; exit 1; fi

fuzz-smoke: $(FUZZ_BIN) fuzz-seeds
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz-smoke $$t: $(FUZZ_SMOKE_SECONDS) s (log: $(FUZZ_DIR)/smoke-$$t.log)"; \
	  (cd $(FUZZ_DIR) && ASAN_OPTIONS=$(FUZZ_ASAN_OPTIONS) ./plancheck-fuzz $$t $(patsubst -dict=%,-dict=$(CURDIR)/%,$(FUZZ_FLAGS)) $$(case $$t in xlsx) echo $(FUZZ_MAX_LEN_xlsx);; eval) echo $(FUZZ_MAX_LEN_eval);; check) echo $(FUZZ_MAX_LEN_check);; esac) -timeout=10 -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	    corpus/$$t seeds/$$t $(CURDIR)/Tests/Fuzz/corpus/$$t > smoke-$$t.log 2>&1); status=$$?; \
	  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|slowest_unit_time_sec|peak_rss_mb)' $(FUZZ_DIR)/smoke-$$t.log; \
	  if [ $$status -ne 0 ]; then grep -E -A30 'ERROR|invariant broken' $(FUZZ_DIR)/smoke-$$t.log | head -60; \
	    echo "fuzz-smoke $$t failed (exit $$status)" >&2; exit 1; fi; \
	done
