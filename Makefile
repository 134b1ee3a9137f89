# qingdan — the README's commands: make build, make demo, make test; make dist.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# The embedded ECharts's release, as package-lock.json pins it (node comes with npm).
ECHARTS_VERSION ?= $(shell node -p "require('./package-lock.json').packages['node_modules/echarts'].version" 2>/dev/null)
CLI     := github.com/qingdan/qingdan/internal/cli
LDFLAGS := -X $(CLI).Version=$(VERSION) -X $(CLI).Commit=$(COMMIT) -X $(CLI).ECharts=$(ECHARTS_VERSION)
# The release: Windows PCs, Linux servers and 信创 machines (Phytium and
# Kunpeng are arm64, Loongson loong64), Macs.
DIST_TARGETS ?= windows/amd64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64
# Every archive entry carries the commit's time, so make dist is reproducible.
EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
# Fuzz budgets are counts, not durations: a -fuzztime=5s run can fail with
# "context deadline exceeded" when the clock runs out while a worker is
# mid-input (a race in Go's fuzz coordinator, golang/go#75804), which is a
# failure no input reproduces. 20000 inputs take 1-25 s per target here.
FUZZTIME ?= 20000x
# Targets whose every input costs milliseconds or more (a workbook zipped and
# unzipped, a progress file loaded four times) run fewer inputs, so that make
# fuzz stays within minutes.
FUZZ_FEWER ?= FuzzXLSXLimits FuzzReadingsAgain FuzzXLSXSame FuzzXLSXSkip FuzzRowsText
FUZZTIME_FEWER ?= 2000x

ECHARTS := themes/default/static/vendor/echarts.min.js

.PHONY: race build demo test fuzz bench pgo clean dist ports cross

## build: bin/qingdan, one self-contained binary (theme and ECharts embedded),
## linked statically as make dist's are (CGO_ENABLED=0): it runs on a server
## with an older C library than the machine that built it, and make bench
## measures the program the releases hold
build: $(ECHARTS)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/qingdan ./cmd/qingdan

# ECharts comes from the npm package pinned in package-lock.json: the parts
# the charts use (themes/echarts.mjs), bundled by esbuild (pinned there too);
# it is embedded into the binary and served by the built site from its own
# folder.
$(ECHARTS): package.json package-lock.json themes/echarts.mjs
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	node_modules/.bin/esbuild themes/echarts.mjs --bundle --minify --format=iife --global-name=echarts \
		--target=es2017 --legal-comments=none --log-level=warning --define:process.env.NODE_ENV='"production"' \
		--banner:js='/*! ECharts $(ECHARTS_VERSION): line, bar and pie charts, grid, tooltip, legend; Apache-2.0 */' \
		--outfile=$@

## demo: build the demo site (this folder) into public/
demo: build
	./bin/qingdan build -s . -o public

## test: gofmt, vet, every release target compiles, every test, the race
## detector, the same site from arm64 and loong64 under qemu, then 20000
## inputs per fuzz target
test: build
	@test -z "$$(gofmt -l cmd internal themes)" || { echo "not gofmt-ed:"; gofmt -l cmd internal themes; exit 1; }
	$(GO) vet ./...
	$(MAKE) ports
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) race
	$(MAKE) cross
	$(MAKE) fuzz

## dist: the release in dist/: for each of DIST_TARGETS an archive (zip for
## Windows, else tar.gz) of qingdan with README.md and the licence notices of
## what it embeds, built reproducibly; then dist/SHA256SUMS
dist: $(ECHARTS)
	$(GO) run ./cmd/qingdan-dist dist -out dist -version $(VERSION) -epoch $(EPOCH) -ldflags "$(LDFLAGS)" $(DIST_TARGETS)

## ports: every release target compiles, so that no platform breaks
## unnoticed; Windows is vetted too, tests included (they cannot run here).
## qingdan-bench, a Linux tool (getrusage), is left out for Windows.
ports: $(ECHARTS)
	GOOS=windows $(GO) vet $$(GOOS=windows $(GO) list ./... | grep -v /cmd/qingdan-bench)
	@set -e; for t in $(DIST_TARGETS); do \
	  os=$${t%/*}; arch=$${t#*/}; pkgs=./...; \
	  [ $$os = windows ] && pkgs=$$(GOOS=windows $(GO) list ./... | grep -v /cmd/qingdan-bench); \
	  echo "go build $$t"; CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $$pkgs; \
	done

## cross: linux/arm64 and linux/loong64 build the demo under qemu-user
## byte-identical to linux/amd64 (manifest included), with no fused
## multiply-add in qingdan's code, and the figures' tests pass under qemu
cross: $(ECHARTS)
	$(GO) run ./cmd/qingdan-dist cross -ldflags "$(LDFLAGS)" -site .

## race: the packages that work on several goroutines, under the race detector
race:
	$(GO) test -count=1 -race -timeout 30m ./internal/filecache ./internal/tmplexec ./internal/output/page ./internal/build ./internal/server ./internal/content ./internal/load ./internal/publish ./internal/sheet ./internal/cli

fuzz:
	@set -e; for pkg in $$($(GO) list ./internal/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; \
	    n=$(FUZZTIME); case " $(FUZZ_FEWER) " in *" $$f "*) n=$(FUZZTIME_FEWER);; esac; \
	    out=$$($(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$$n $$pkg 2>&1) || \
	      { echo "$$out" | tail -80; exit 1; }; \
	  done; \
	done

## bench: builds generated sites (articles 10000 against Hugo, the same articles with
## text of real writing's variety against Hugo, county against cp -r) and prints
## wall, CPU, peak memory and stage times with their targets, serve's time from a
## save to the changed page, the largest page, the longest sitemap and the home
## page's weight; then the Go benchmarks of the hot paths.
## BENCH_SCALES="articles 10000 varied 10000 articles 50000 county province" for every figure.
BENCH_SCALES ?= articles 10000 varied 10000 county
bench: build
	$(GO) run ./cmd/qingdan-bench -bin bin/qingdan $(BENCH_SCALES) || true
	$(GO) test -run='^$$' -bench=. -benchmem ./internal/...

## pgo: the profile the compiler optimises bin/qingdan by (cmd/qingdan/default.pgo,
## which go build reads by itself): CPU profiles of a build of 10,000 generated
## articles and of a county site, merged. Made again when the hot paths change.
PGO_DIR ?= $(or $(TMPDIR),/tmp)/qingdan-pgo
pgo: build
	rm -rf $(PGO_DIR) && mkdir -p $(PGO_DIR)
	$(GO) run ./cmd/qingdan-gen -o $(PGO_DIR)/articles articles 10000
	$(GO) run ./cmd/qingdan-gen -o $(PGO_DIR)/county county
	for s in articles county; do \
	  QINGDAN_CPUPROFILE=$(PGO_DIR)/$$s.prof ./bin/qingdan build -s $(PGO_DIR)/$$s -o $(PGO_DIR)/$$s-out >/dev/null || exit 1; \
	done
	$(GO) tool pprof -proto $(PGO_DIR)/articles.prof $(PGO_DIR)/county.prof > cmd/qingdan/default.pgo
	rm -rf $(PGO_DIR)

clean:
	rm -rf bin public dist node_modules themes/default/static/vendor
