#!/usr/bin/env bash
# Proves the formats Emporium emits with the real validators (REFERENCE.md):
#   promtool check metrics, prometheus_client's text and OpenMetrics parsers, opentelemetry-proto for
#   OTLP/JSON captured from a running `emporium serve`, and a real Prometheus server scraping it.
# Usage: scripts/conformance.sh BINARY FIXTURE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1
fixtures=$2
python=.build/venv/bin/python
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for DESCRIPTION COMMAND...
    local what=$1; shift
    for _ in $(seq 1 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    echo "conformance: FAIL: $what did not come up" >&2
    return 1
}

echo "== OTLP receiver and emporium serve"
"$python" scripts/conformance/otlp_receiver.py "$work/otlp-port" "$work/otlp" &
pids+=($!)
wait_for "the OTLP receiver" test -s "$work/otlp-port"
port=$(free_port)
OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat "$work/otlp-port")" OTEL_EXPORTER_OTLP_COMPRESSION=gzip \
    OTEL_BSP_SCHEDULE_DELAY=60000 OTEL_SERVICE_NAME=emporium-conformance \
    "$binary" serve --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
pids+=($serve_pid)
base="http://127.0.0.1:$port"
wait_for "emporium serve" curl -fsS "$base/health/live"

trace_id=4bf92f3577b34da6a3ce929d0e0e4736
parent_id=00f067aa0ba902b7
curl -fsS -H "traceparent: 00-$trace_id-$parent_id-01" -H "tracestate: rojo=00f067aa0ba902b7" "$base/health/ready" >/dev/null
curl -sS "$base/no/such/route" >/dev/null
curl -fsS "$base/metrics" >"$fixtures/scrape.prom"
curl -fsS -H 'Accept: application/openmetrics-text; version=1.0.0; charset=utf-8' --compressed "$base/metrics" >"$fixtures/scrape.om"

echo "== promtool check metrics"
for file in "$fixtures/fixture.prom" "$fixtures/scrape.prom"; do
    promtool check metrics <"$file" || { echo "conformance: FAIL: promtool rejected $file" >&2; exit 1; }
    echo "promtool: $(basename "$file") ok"
done

echo "== prometheus_client parsers"
"$python" scripts/conformance/check_metrics.py "$fixtures"

echo "== a real Prometheus server scrapes emporium"
prometheus_port=$(free_port)
cat >"$work/prometheus.yml" <<YAML
global: {scrape_interval: 1s, scrape_timeout: 900ms}
scrape_configs:
  - job_name: emporium
    static_configs: [{targets: ["127.0.0.1:$port"]}]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
query() { curl -fsS "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$1"; }
scraped() { query "$1" | grep -q '"result":\[{'; }
wait_for "Prometheus' scrape of emporium (up == 1)" scraped 'up{job="emporium"} == 1'
wait_for "histogram series in Prometheus" scraped 'http_server_request_duration_seconds_count{http_route="/health/ready"}'
echo "prometheus: scraped emporium, up == 1, $(query 'count({job="emporium"})' | grep -o '"value":\[[^]]*\]')"

echo "== SIGTERM flushes queued spans to the OTLP receiver (the 60 s schedule delay has not passed)"
if compgen -G "$work/otlp/*.json" >/dev/null; then echo "conformance: FAIL: spans were exported before SIGTERM" >&2; exit 1; fi
kill -TERM "$serve_pid"
wait "$serve_pid" || { echo "conformance: FAIL: emporium serve exited with an error" >&2; cat "$work/serve.log" >&2; exit 1; }
"$python" scripts/conformance/check_otlp.py "$work/otlp" "$trace_id" "$parent_id"
echo "conformance: all checks passed"
