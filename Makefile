# qingdan — the README's commands: make build, make demo, make test.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS := -X github.com/qingdan/qingdan/internal/cli.Version=$(VERSION)
# Fuzz budgets are counts, not durations: a -fuzztime=5s run can fail with
# "context deadline exceeded" when the clock runs out while a worker is
# mid-input (a race in Go's fuzz coordinator, golang/go#75804), which is a
# failure no input reproduces. 20000 inputs take 1-25 s per target here.
FUZZTIME ?= 20000x

ECHARTS := themes/default/static/vendor/echarts.min.js

.PHONY: race build demo test fuzz bench clean

## build: bin/qingdan, one self-contained binary (theme and ECharts embedded)
build: $(ECHARTS)
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/qingdan ./cmd/qingdan

# ECharts comes from the npm package pinned in package-lock.json; it is
# embedded into the binary and served by the built site from its own folder.
$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.common.min.js $@

## demo: build the demo site (this folder) into public/
demo: build
	./bin/qingdan build -s . -o public

## test: gofmt, vet, every test, the race detector, then 20000 inputs per fuzz target
test: build
	@test -z "$$(gofmt -l cmd internal themes)" || { echo "not gofmt-ed:"; gofmt -l cmd internal themes; exit 1; }
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) race
	$(MAKE) fuzz

## race: the packages that work on several goroutines, under the race detector
race:
	$(GO) test -count=1 -race ./internal/build ./internal/server ./internal/content ./internal/load ./internal/publish ./internal/sheet ./internal/cli

fuzz:
	@set -e; for pkg in $$($(GO) list ./internal/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; \
	    out=$$($(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg 2>&1) || \
	      { echo "$$out" | tail -80; exit 1; }; \
	  done; \
	done

## bench: builds generated sites (articles 10000 against Hugo, county against cp -r)
## and prints wall, CPU, peak memory and stage times with their targets; then the
## Go benchmarks of the hot paths. BENCH_SCALES="articles 50000 province" for more.
BENCH_SCALES ?= articles 10000 county
bench: build
	$(GO) run ./cmd/qingdan-bench -bin bin/qingdan $(BENCH_SCALES) || true
	$(GO) test -run='^$$' -bench=. -benchmem ./internal/...

clean:
	rm -rf bin public node_modules themes/default/static/vendor
