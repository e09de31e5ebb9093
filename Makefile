# plancheck: build, test, try and install.
#
#   make demo       build, then check and evaluate the bundled examples
#   make test       the test suite (what .ci/run runs)
#   make install    release build into $(DESTDIR)$(PREFIX)/bin (PREFIX=/usr/local)
#   make bench      speed figures, release build
#   make fmt-check  are the bundled examples in `plancheck fmt` form?

SWIFT   ?= swift
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin

# `swift build` links .build/debug and .build/release to the platform's folder.
PLANCHECK := .build/debug/plancheck
EXAMPLES  := examples/cheshire-east-2013.plan examples/cambridgeshire-2014.plan

# `test` pipes through a filter and must keep swift's exit status.
SHELL := /bin/bash

.PHONY: all build test demo install uninstall clean bench fmt-check

all: build

build:
	$(SWIFT) build

# Quiet-ish: drops the per-file compile lines and the per-test "started" and
# "passed" lines; keeps build errors, every failure with its details, and the
# summaries. The exit status is swift test's.
test:
	@set -o pipefail; $(SWIFT) test 2>&1 | sed -E \
	  -e '/^\[[0-9]+\/[0-9]+\] (Compiling|Emitting|Linking|Write|Applying|Wrapping|Planning|Merging)/d' \
	  -e '/Test run/!{/^.{0,6}(Test|Suite) .* (started\.|passed after .*)$$/d;}' \
	  -e "/^Test (Suite|Case) '.*' (started|passed)/d" \
	  -e '/Testing Library Version:|Target Platform:/d'

demo: build
	$(PLANCHECK) check $(EXAMPLES)
	@echo "plancheck check: $(words $(EXAMPLES)) example plans, no errors"
	$(PLANCHECK) eval examples/cheshire-east-2013.plan --data examples/cheshire-east-2013.csv --as-of 2013-10-31

install:
	$(SWIFT) build -c release --product plancheck
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 .build/release/plancheck "$(DESTDIR)$(BINDIR)/plancheck"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/plancheck"

clean:
	rm -rf .build

bench:
	$(SWIFT) run -c release plancheck-bench

fmt-check: build
	$(PLANCHECK) fmt --check examples/*.plan
