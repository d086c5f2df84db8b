# Berth — two commands for a fresh Debian machine:
#   make run    install the system packages, build, start berthd on embedded defaults under ./.berth/
#   make test   install what the tests need, build, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

SWIFT ?= swift
APT_GET := $(shell command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo) apt-get
# Runtime libraries and the headers the build links against (bookworm names); binutils, patchelf: strip and RPATH for make deb.
BUILD_PACKAGES := pkg-config libprotobuf-c-dev libsqlite3-dev libssl-dev libldap-dev binutils patchelf
# What the tests drive for real: protoc/protoc-c (golden bytes, drift check), python grpcio (interop), slapd,
# authlib (an independent OIDC/JOSE library verifies the ID tokens Berth issues), systemd (systemd-analyze verify).
TEST_PACKAGES := protobuf-compiler protobuf-c-compiler python3 python3-grpcio python3-protobuf python3-authlib python3-requests \
                 slapd ldap-utils util-linux procps openssl systemd
STATE := $(CURDIR)/.berth

.PHONY: help deps test-deps build build-release run test check-generated bench clean verify-units deb deploy-test

help:
	@echo "make run     build and start Berth on embedded defaults under ./.berth/ (Ctrl-C stops it)"
	@echo "make test    install test dependencies, build, run every test"
	@echo "make bench   release build of Benchmarks/ and run them"
	@echo "make check-generated   regenerate protobuf-c sources and fail on drift"
	@echo "make deb    build berth_<version>_<arch>.deb (release) into .build/deb/"
	@echo "make deploy-test   install the .deb on this machine, run it as systemd would, remove and purge it (root)"

# Installs only what is missing, so a second run is fast and needs no network.
deps:
	@missing=$$(for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing: $$missing"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends $$missing; fi

test-deps: deps
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing: $$missing"; \
	  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections 2>/dev/null || true; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends $$missing; fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release

run: build
	@mkdir -p $(STATE)/state $(STATE)/run
	@bin=$$($(SWIFT) build --show-bin-path); \
	echo "Berth on embedded defaults:"; \
	echo "  state (databases, keys)  $(STATE)/state"; \
	echo "  sockets                  $(STATE)/run"; \
	echo "  gateway                  http://127.0.0.1:7080"; \
	echo "  status                   $$bin/berthd status --runtime-dir $(STATE)/run"; \
	exec $$bin/berthd --state-dir $(STATE)/state --runtime-dir $(STATE)/run --bin-dir $$bin

check-generated: test-deps
	scripts/generate-proto
	@git diff --exit-code -- Shared/CBerthProto || { echo "generated protobuf-c sources are stale: run scripts/generate-proto and commit" >&2; exit 1; }
	@test -z "$$(git status --porcelain -- Shared/CBerthProto)" || { echo "untracked generated files: run scripts/generate-proto and commit" >&2; exit 1; }

test: test-deps check-generated verify-units
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# systemd-analyze verify on every unit in deploy/systemd, plus sysusers.d/tmpfiles.d, in a throwaway root.
verify-units: test-deps
	deploy/scripts/verify-units

# berth_<VERSION>_<arch>.deb (release build, Swift runtime bundled in /usr/lib/berth/swift) in .build/deb/
deb: deps
	deploy/scripts/build-deb

# Install test (root): build the .deb, dpkg -i, first-run init, run berthd as the unit would, CLI smoke test,
# backup, reinstall, restore, remove, purge. BUILD_CONFIG=debug packages the debug build (CI). See deploy/README.md.
deploy-test: test-deps
	deploy/scripts/deploy-test

bench: build-release
	$(SWIFT) run -c release bridge-benchmark
	$(SWIFT) run -c release rpc-benchmark
	$(SWIFT) run -c release audit-benchmark
	$(SWIFT) run -c release tenancy-benchmark
	$(SWIFT) run -c release identity-benchmark

clean:
	rm -rf .build $(STATE)
