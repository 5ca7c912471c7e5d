# CozyBox: `make run` starts the appliance, `make test` runs every test tier.
# Needs only Node.js + npm: the pinned Bun is installed from the npm registry.

BUN_VERSION := 1.4.5
TOOLS := $(CURDIR)/.tools
# Use the bun on PATH if it is the pinned version, else a private copy under .tools/.
BUN := $(shell if command -v bun >/dev/null 2>&1 && [ "$$(bun --version 2>/dev/null)" = "$(BUN_VERSION)" ]; then command -v bun; else echo $(TOOLS)/bin/bun; fi)

# Child processes (tests spawning the service or the CLI) find the same Bun.
export PATH := $(dir $(BUN)):$(PATH)

.PHONY: run build test test-unit test-dav bench web deps typecheck clean image image-test image-bench
.DEFAULT_GOAL := run

$(TOOLS)/bin/bun:
	@echo "Installing Bun $(BUN_VERSION) from the npm registry into .tools/ ..."
	npm install --global --prefix "$(TOOLS)" --no-audit --no-fund "bun@$(BUN_VERSION)"
	@"$(TOOLS)/bin/bun" --version >/dev/null

node_modules/.installed: package.json bun.lock | $(BUN)
	"$(BUN)" install --frozen-lockfile
	@touch $@

deps: node_modules/.installed

web: deps
	"$(BUN)" web/build.ts

# The web UI and the service bundle (appliance/dist), as the image ships them.
build: web
	"$(BUN)" scripts/build-appliance.ts

# MALLOC_ARENA_MAX=2: fewer glibc malloc arenas, less fragmentation on a small-RAM Pi.
run: build
	MALLOC_ARENA_MAX=2 "$(BUN)" appliance/dist/main.js

test: build typecheck
	"$(BUN)" test --timeout 120000 test/unit test/integration web/test
	"$(BUN)" test --timeout 180000 test/e2e
	$(MAKE) test-dav

# litmus (Debian package), the WebDAV server test suite, against a real appliance: fails on any FAIL.
test-dav: deps
	"$(BUN)" test/dav/run-litmus.ts

test-unit: deps
	"$(BUN)" test test/unit web/test

bench: build
	bash scripts/install-bench-tools.sh
	"$(BUN)" scripts/bench.ts

typecheck: deps
	"$(BUN)" x tsc --noEmit -p .

# The Raspberry Pi SD card image (Debian path, see image/README.md): image/out/cozybox-<version>-rpi-arm64.img.xz.
# The base root file system is cached (COZY_IMAGE_CACHE, default /var/cache/cozybox-image) by its package list.
image: build
	bash image/deps.sh
	BUN="$(BUN)" bash image/build-image.sh

# Boots the image in QEMU on a test network segment (a network namespace) and uses it as a person would.
image-test: deps
	bash image/deps.sh
	bash test/image/run.sh "$(BUN)"

# Image sizes, boot times and idle memory (QEMU, TCG).
image-bench: deps
	bash image/deps.sh
	bash test/image/run.sh "$(BUN)" bench

clean:
	rm -rf web/dist appliance/dist node_modules .tools
