# Emporium — the two set-up commands of the README are `make demo` and `make test`.
SHELL := /bin/bash
SYSTEM_PACKAGES := zlib1g-dev libsqlite3-dev libhiredis-dev curl
TEST_PACKAGES := $(SYSTEM_PACKAGES) postgresql redis-server prometheus python3-venv chromium sqlite3 docker-compose prometheus-alertmanager
BENCH_PACKAGES := $(TEST_PACKAGES) wrk
CONFORMANCE_DIR := .build/conformance
PORT ?= 8080
BENCH_PRODUCTS ?= 1000000
BENCH_SECONDS ?= 10
BENCH_ROUNDS ?= 5

.PHONY: demo test test-suites bench lint operations build system-packages test-packages bench-packages python-env

## demo: install what is missing, build, seed the demo catalog and demo accounts (printed), serve on
## http://127.0.0.1:$(PORT), run a 10-second load test against it (report in .emporium/loadtest/), and keep
## serving (Ctrl-C stops it)
demo: system-packages
	swift build --product emporium
	swift build --product emporium-load
	.build/debug/emporium demo --products 10000 --port $(PORT)

## test: what CI runs — unit, contract (SQLite and a real PostgreSQL) and HTTP tests, then the conformance checks
## (the load generator's smoke run against a live demo, promtool and a real Prometheus with the alert rules,
## docker-compose and kustomize on the deployment files, backups restored)
test: test-packages python-env
	swift build --build-tests
	scripts/with-test-servers.sh $(MAKE) --no-print-directory test-suites

# The suites, with EMPORIUM_TEST_POSTGRES_URL and EMPORIUM_TEST_REDIS_URL set by with-test-servers.sh.
test-suites:
	rm -rf $(CONFORMANCE_DIR) && mkdir -p $(CONFORMANCE_DIR)
	EMPORIUM_CONFORMANCE_DIR=$(CURDIR)/$(CONFORMANCE_DIR) swift test --skip-build
	scripts/conformance.sh .build/debug/emporium $(CONFORMANCE_DIR)
	scripts/conformance-load.sh .build/debug $(CONFORMANCE_DIR)/loadtest
	scripts/conformance-operations.sh .build/debug
	scripts/conformance-deployment.sh .build/debug

## bench: telemetry against swift-prometheus, storage on SQLite and PostgreSQL, the HTTP service with wrk, the Redis
## adapter beside redis-benchmark, then emporium-load beside wrk and holding 10,000 virtual users (Benchmarks/ is its
## own package)
bench: bench-packages
	cd Benchmarks && swift package --disable-sandbox benchmark --no-progress
	cd Benchmarks && swift build -c release --product StorageBench && swift build -c release --product HTTPBench \
		&& swift build -c release --product RedisBench
	EMPORIUM_TEST_POSTGRES_DURABLE=1 scripts/with-test-servers.sh Benchmarks/.build/release/StorageBench $(BENCH_PRODUCTS)
	EMPORIUM_TEST_POSTGRES_DURABLE=1 scripts/with-test-servers.sh Benchmarks/.build/release/HTTPBench $(BENCH_SECONDS) $(BENCH_ROUNDS)
	scripts/with-test-servers.sh Benchmarks/.build/release/RedisBench
	swift build -c release --product emporium-load
	Benchmarks/.build/release/HTTPBench load-generator .build/release/emporium-load $(BENCH_SECONDS) $(BENCH_ROUNDS)

## operations: write alerts/slo.rules.yml and dashboards/ again from scripts/operations (make test checks them)
operations: python-env
	.build/venv/bin/python scripts/operations/slo_rules.py
	.build/venv/bin/python scripts/operations/dashboards.py

## lint: swift-format with the repository's .swift-format
lint:
	swift format lint --strict --recursive Sources Tests

system-packages:
	@scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

# kubectl (for kustomize) from Debian's kubernetes-client unless one is installed already, from Kubernetes' own
# packages for instance; the manifests build with both.
test-packages:
	@scripts/install-system-packages.sh $(TEST_PACKAGES)
	@command -v kubectl >/dev/null || scripts/install-system-packages.sh kubernetes-client

bench-packages:
	@scripts/install-system-packages.sh $(BENCH_PACKAGES)

python-env:
	@scripts/python-env.sh
