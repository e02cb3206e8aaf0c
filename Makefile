# Margin: `make run` opens the app, `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu packages Fyne needs), so a
# fresh machine needs nothing by hand.

SHELL := /bin/bash
GO ?= go
TAGS := migrated_fynedo
BIN := bin/margin
export PATH := $(PATH):/usr/local/go/bin

# Go tools the checks run, pinned, installed by `make deps` into .tools/
# (outside bin/, so `make clean` does not force a rebuild of them).
STATICCHECK_VERSION := 0.8.2
TOOLS := $(CURDIR)/.tools
STATICCHECK := $(TOOLS)/staticcheck

# Build: cgo toolchain, GL and X11 headers (../shared/notes/fyne.md).
# Run and test headless: Xvfb, xauth, x11-utils (xwininfo finds the window),
# imagemagick (screenshots).
# Chinese glyphs: Fyne falls back to system fonts for what its own font lacks.
# Passage links are checked in headless Chromium (export's browser test).
# Exported EPUB books are validated with epubcheck (it brings a Java runtime).
DEB_PACKAGES := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev \
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev \
	xvfb xauth x11-utils imagemagick fonts-noto-cjk chromium \
	desktop-file-utils appstream epubcheck

.PHONY: deps build run test bench screenshots fuzz clean

## deps: install the missing Debian packages (idempotent; prints the command when not root)
deps:
	@command -v $(GO) >/dev/null || { echo "Margin needs Go 1.26 or newer: https://go.dev/doc/install (put it in /usr/local/go)"; exit 1; }
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ]; then \
			echo "Margin needs these Debian packages. Run:"; \
			echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
			exit 1; \
		fi; \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@$(STATICCHECK) -version 2>/dev/null | grep -qF "($(STATICCHECK_VERSION))" || { \
		echo "Installing staticcheck v$(STATICCHECK_VERSION) into $(TOOLS)"; \
		GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@v$(STATICCHECK_VERSION); \
	}

## build: the margin binary in bin/
build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) .

## run: build and open the app on the default library (under Xvfb when there is no display)
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		./$(BIN); \
	else \
		echo "No display found: running Margin under Xvfb (screenshot: DISPLAY=:97 import -window root shot.png)."; \
		Xvfb :97 -screen 0 1440x900x24 >/dev/null 2>&1 & xvfb=$$!; sleep 1; \
		DISPLAY=:97 ./$(BIN); status=$$?; kill $$xvfb; exit $$status; \
	fi

## test: vet, staticcheck, the house rules, and the whole test suite with the race detector
test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
		if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	@./scripts/check-imports.sh
	$(GO) vet -tags $(TAGS) ./...
	$(STATICCHECK) -tags $(TAGS) ./...
	$(GO) test -tags $(TAGS) -race -count=1 -timeout 20m ./...
	$(GO) build -tags $(TAGS) -o $(BIN) .
	./scripts/smoke.sh $(BIN)

## bench: print the speed, memory and quality tables (takes several minutes)
bench: deps
	@# clip's reports score go-trafilatura's and go-htmldate's comparison sets, read from the module cache
	@(cd "$$(mktemp -d)" && $(GO) mod download github.com/markusmobius/go-trafilatura@v1.12.2) || echo "comparison set not downloaded: its report is skipped"
	@(cd "$$(mktemp -d)" && $(GO) mod download github.com/markusmobius/go-htmldate@v1.10.1) || echo "htmldate's set not downloaded: its report is skipped"
	@for pkg in clip storage export app queue cli connector; do \
		echo "== $$pkg: reports"; \
		MARGIN_REPORT=1 $(GO) test -tags $(TAGS) -run '^TestReport' -v -count=1 -timeout 60m ./$$pkg \
			| grep -vE '^(=== RUN|=== PAUSE|=== CONT|--- (PASS|SKIP)|PASS$$|ok )' || exit 1; \
		echo "== $$pkg: benchmarks"; \
		$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -count=1 -timeout 120m ./$$pkg | grep -E '^(Benchmark|goos|cpu)' || exit 1; \
	done
	@echo "== importer: benchmarks"
	@$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem -count=1 ./importer | grep -E '^Benchmark'

## screenshots: PNGs of the real app under Xvfb, from a library built from the fixtures (the script builds bin/margin)
screenshots: deps
	./scripts/screenshots.sh

## fuzz: run each fuzz test for a while
fuzz: deps
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzParse -fuzztime 60s ./clip
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzBrotliBody -fuzztime 30s ./clip
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzFileName -fuzztime 30s ./export
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzFullExportEscapes -fuzztime 30s ./export
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzSearchQuery -fuzztime 30s ./storage
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz FuzzParse -fuzztime 30s ./importer

clean:
	rm -rf bin screenshots

.PHONY: install uninstall

## install: Margin, its menu entry, icon, metainfo and browser host into PREFIX (~/.local for a user, no root needed; /usr/local for root)
install: build
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" ./scripts/install.sh install $(BIN)

## uninstall: remove what make install wrote into the same PREFIX (the library is kept)
uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" ./scripts/install.sh uninstall

.PHONY: connector

## connector: pack the browser extension as bin/margin-connector.zip (README: loading it in Chromium, Chrome and Firefox)
connector:
	@mkdir -p bin
	$(GO) run scripts/pack-connector.go bin/margin-connector.zip
