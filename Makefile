# mentorsim: `make` lists the targets; `make test` is what CI runs (.ci/run).

GO ?= go
# Packages that build for js/wasm; their tests also run under Node.
WASM_PKGS ?= ./sim/... ./ui/session ./ui/layout ./ui/lesson
FUZZTIME ?= 30s
# Minimising each new input is capped (by default Go spends up to a minute on
# each, which reads as a stall at 0 execs/s).
FUZZMINIMIZE ?= 2000x
# The Go distribution's go_js_wasm_exec (runs a js/wasm test binary under Node).
WASM_EXEC_DIR = $(shell $(GO) env GOROOT)/lib/wasm

.DEFAULT_GOAL := help
.PHONY: help check test deps profile run bench calibrate-study calibrate-presets docs fuzz web site serve serve-lan web/mentorsim.wasm

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

# The fast tier, for a change to the engine or the app's state: gofmt, vet
# and go test -short of the pure packages (no browser, Xvfb, Node, qemu or
# builds of other binaries). It needs no set-up beyond Go.
CHECK_PKGS ?= ./sim/... ./ui/session ./ui/layout ./ui/lesson ./class/... ./internal/... ./plot/...
check: ## the fast tier (under a minute): gofmt, vet and go test -short of the pure packages
	@bad=$$(gofmt -l sim ui/session ui/layout ui/lesson class internal plot); if [ -n "$$bad" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w on them):"; echo "$$bad"; exit 1; fi
	$(GO) vet $(CHECK_PKGS)
	$(GO) test -short -count=1 $(CHECK_PKGS)

# The wasm tests run before go test ./... so that the determinism test's
# js/wasm build finds the packages already compiled.
test: deps ## gofmt, go vet (native and wasm), the wasm tests under Node, go test
	@echo "== gofmt -l"
	@bad=$$(gofmt -l .); if [ -n "$$bad" ]; then \
		echo "gofmt: these files are not formatted (run gofmt -w on them):"; echo "$$bad"; exit 1; fi
	@echo "== go vet ./..."
	$(GO) vet ./...
	@echo "== go vet (js/wasm) $(WASM_PKGS)"
	GOOS=js GOARCH=wasm $(GO) vet $(WASM_PKGS) ./wasm
	@echo "== go test (js/wasm under Node) $(WASM_PKGS)"
	PATH="$(WASM_EXEC_DIR):$$PATH" GOOS=js GOARCH=wasm $(GO) test $(WASM_PKGS)
	@echo "== go test ./... (includes TestSameNumbersEverywhere: amd64 v1/v3, arm64 under qemu and wasm builds agree)"
	MENTORSIM_REQUIRE_ALL=1 $(GO) test -count=1 -timeout 80m ./...  # no cached results: some tests build and run other binaries; nothing skipped for want of Node or qemu
	@echo "make test: all checks passed (gofmt, vet, wasm tests under Node, native tests)"

deps: ## install the Debian packages the tests need (Xvfb, Chromium, Ebitengine's headers), if missing
	@bash .ci/deps

run: ## replicate the 603-hire study 200 times and print the summary
	$(GO) run ./cmd/mentorsim replicate -n 200

# make bench compares the engine with this commit's (the engine before the
# exact superposition sampler and the one-loop rep life) in the same run.
BENCH_BASE ?= 878c01f
bench: ## side by side: the engine, run -hires 200000 end to end, a vectorised NumPy twin; then native against js/wasm vs BENCH_BASE
	@mkdir -p out
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./sim/... | tee out/bench.txt
	$(GO) tool benchstat out/bench.txt
	@echo "== one study of 200,000 hires: the engine (sim/study) and what a user runs (mentorsim run -json), same workers"
	$(GO) test -run '^$$' -bench 'BenchmarkRunToEnd/hires=200000' -count 3 ./sim/study | tee out/bench-run.txt
	$(GO) test -run '^$$' -bench 'BenchmarkRunCommand' -count 3 ./cmd/mentorsim | tee -a out/bench-run.txt
	@echo "== the same study in vectorised NumPy (bench/numpy_study.py, one core; best of 3)"
	/usr/bin/python3 bench/numpy_study.py --hires 200000 --seed 1 --repeat 3 | tee out/bench-numpy.json
	@echo "== machine: $$(nproc) cores, load $$(cut -d' ' -f1-3 /proc/loadavg)"
	GO=$(GO) bash .ci/bench-compare $(BENCH_BASE) 6
	$(GO) run ./internal/tools/benchratio -dir out

# A CPU profile of what a user runs: `mentorsim run -hires 200000 -seed 1
# -json` on one worker, three times, in-process (BenchmarkRunCommand); it
# writes out/run.prof and prints the functions where the time goes.
profile: ## CPU profile of run -hires 200000 (out/run.prof) and its top functions
	@mkdir -p out
	$(GO) test -run '^$$' -bench 'BenchmarkRunCommand/hires=200000/workers=1' -benchtime 3x -cpuprofile out/run.prof -o out/mentorsim.test ./cmd/mentorsim
	$(GO) tool pprof -top -nodecount 25 out/mentorsim.test out/run.prof

# The web page: web/index.html, style.css and app.js are sources; the app
# (mentorsim.wasm), the Go distribution's wasm_exec.js and the pages
# rendered from docs/ (model.html, worksheet.html, and parameters.html and
# calibration.html, which model.html links to) are built into web/, not
# committed.
ADDR ?= 127.0.0.1:8080
LAN_ADDR ?= 0.0.0.0:8080
DOCS_MD = docs/model.md docs/worksheet.md docs/parameters.md docs/calibration.md
DOCS_HTML = $(patsubst docs/%.md,web/%.html,$(DOCS_MD))

web: web/mentorsim.wasm web/wasm_exec.js $(DOCS_HTML) ## build the WebAssembly app and the pages of docs/ (model, worksheet) into web/

# Phony, since go build knows what is out of date; an unchanged build is
# not copied over the old one, so browsers keep their copy (the server's
# ETag is the file's size and modification time).
# -s drops the symbol table; -l (no inlining) in the packages the page runs
# once or seldom (Ebitengine's shader compiler and what it uses, JSON,
# compression, reflection) keeps the gzipped app under 3 MiB (TestStaticSite).
WASM_NOINLINE = go/... text/template/... regexp/... github.com/hajimehoshi/ebiten/v2/internal/shader... \
	archive/... compress/... encoding/... math/big reflect
WASM_FLAGS = -trimpath -ldflags=-s $(foreach p,$(WASM_NOINLINE),-gcflags=$(p)=-l)
web/mentorsim.wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/.new.wasm ./wasm
	@if cmp -s web/.new.wasm $@; then rm web/.new.wasm; else mv web/.new.wasm $@; fi

web/wasm_exec.js: $(WASM_EXEC_DIR)/wasm_exec.js
	install -m 644 $< $@

# One run renders every page, so that links between them can be checked.
$(DOCS_HTML) &: $(DOCS_MD) $(wildcard internal/tools/mdpage/*.go)
	$(GO) run ./internal/tools/mdpage -out web $(DOCS_MD)

# The static site: what web/ serves, with the app also gzipped beside
# itself for hosts that send precompressed files. Every URL in it is
# relative, so any static host serves it from any folder.
SITE ?= site
SITE_FILES = $(filter-out web/wasm_exec.js $(DOCS_HTML),$(wildcard web/*.html web/*.js web/*.css web/*.svg web/*.png)) \
	web/wasm_exec.js web/mentorsim.wasm $(DOCS_HTML)

# SEED is the seed the class links open the lesson with (serve-lan's QR
# code, and the site's lesson.html), so every student sees the teacher's
# numbers: make serve-lan SEED=7, make site SEED=7.
SEED ?= 1

site: web ## build a self-contained static site into site/ (SITE=DIR); lesson.html opens the lesson at step 1 with SEED
	mkdir -p $(SITE)
	install -m 644 $(SITE_FILES) $(SITE)/
	gzip -9 -n < $(SITE)/mentorsim.wasm > $(SITE)/.new.wasm.gz && mv $(SITE)/.new.wasm.gz $(SITE)/mentorsim.wasm.gz
	printf '<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0; url=./?lesson=1&amp;seed=%s">\n<title>mentorsim lesson</title>\n<a href="./?lesson=1&amp;seed=%s">Open the lesson</a>\n' $(SEED) $(SEED) > $(SITE)/lesson.html
	@echo "make site: $(SITE)/ is ready; try it with: python3 -m http.server --directory $(SITE) 8000"

serve: web ## build the WebAssembly app and serve it on loopback (ADDR=127.0.0.1:8080)
	$(GO) run ./cmd/mentorsim serve -addr $(ADDR) -dir web

serve-lan: web ## serve the app to a class on the local network (LAN_ADDR=0.0.0.0:8080, SEED=1): addresses, QR code of the lesson
	$(GO) run ./cmd/mentorsim serve -public -seed $(SEED) -addr $(LAN_ADDR) -dir web

# The fits behind the presets (docs/calibration.md): each starts from a
# recorded start file and fits the study's numbers, each scaled by its
# standard error under the study's design (targets-se.json), with a penalty
# for any broken constraint on the mechanism. advice fits the outcome model;
# insecure and overconfident keep it and fit only what drives their
# advice-seeking, so copy advice.json's values (rounded) into sim/param's
# table before fitting them.
CAL = $(GO) run ./cmd/mentorsim calibrate -targets docs/calibration/targets-se.json
calibrate-study: ## refit the outcome model and advice's opt-in channel (about 8 minutes)
	$(CAL) -scenario docs/calibration/advice-start.json -evals 200 -out docs/calibration/advice.json

calibrate-presets: ## refit insecure's and overconfident's advice-seeking (a few minutes)
	$(CAL) -scenario docs/calibration/insecure-start.json -evals 100 -out docs/calibration/insecure.json
	$(CAL) -scenario docs/calibration/overconfident-start.json -evals 100 -out docs/calibration/overconfident.json

docs: ## regenerate docs/parameters.md and the README's calibration table
	$(GO) run ./cmd/mentorsim params -format markdown > docs/parameters.md.tmp && mv docs/parameters.md.tmp docs/parameters.md
	$(GO) run ./cmd/mentorsim targets > docs/targets.md.tmp
	awk 'BEGIN{skip=0} /<!-- targets:begin -->/{print; while ((getline line < "docs/targets.md.tmp") > 0) print line; skip=1; next} /<!-- targets:end -->/{skip=0} !skip' README.md > README.md.tmp && mv README.md.tmp README.md && rm docs/targets.md.tmp

fuzz: ## run every Fuzz* test in the repository for FUZZTIME (default 30s) each, minimising new inputs for FUZZMINIMIZE
	@set -e; for f in $$(grep -rl --include='*_test.go' '^func Fuzz' .); do \
		pkg=./$$(dirname "$${f#./}"); \
		for fn in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$$f"); do \
			echo "== $$pkg $$fn"; \
			$(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) "$$pkg"; \
		done; \
	done

# The screenshots in docs/: the desktop window after 240 ticks (4 seconds of
# the seed-1 study playing, default window size) under Xvfb, and the page
# the browser test (e2e) draws, also at a projector's 1024x768 in large text
# and at 1920x1080. -count=1: a cached test would write nothing.
.PHONY: screenshots
screenshots: ## regenerate docs/screenshot-*.png (xvfb-run, Chromium)
	xvfb-run -a -s "-screen 0 1280x1024x24" $(GO) run ./cmd/mentorsim-desktop -seed 1 -frames 420 -screenshot docs/screenshot-desktop.png
	MENTORSIM_SCREENSHOT_DIR="$(CURDIR)/docs" $(GO) test -count=1 -run '^TestPageLoadsAndDraws$$' ./e2e
	mv -f docs/browser.png docs/screenshot-browser.png
	MENTORSIM_SCREENSHOT_DIR="$(CURDIR)/docs" $(GO) test -count=1 -run '^(TestScreenshotsAtClassSizes|TestLessonFocusAtClassSizes)$$' ./e2e
