#!/usr/bin/env bash
# Proves what Emporium emits with the real validators (REFERENCE.md), against running `emporium serve`s:
#   promtool and prometheus_client's parsers for /metrics, a real Prometheus scraping it, opentelemetry-proto
#   for the OTLP/JSON it exports, openapi-spec-validator and schemathesis for the HTTP API, and a graceful
#   shutdown: SIGTERM lets an in-flight request finish and flushes the queued spans.
# Usage: scripts/conformance.sh BINARY FIXTURE_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$1
fixtures=$2
harness_name=conformance
source scripts/conformance/harness.sh
admin_password="conformance admin password"
# start_server NAME [ENV=VALUE...]: an emporium serve on a free port with its own SQLite file and an admin;
# sets $base and $serve_pid.
start_server() {
    local name=$1; shift
    local database="sqlite://$work/$name.sqlite" port
    port=$(free_port)
    "$binary" user create --email "admin@$name.test" --password-file <(echo "$admin_password") --role admin \
        --database "$database" >/dev/null
    env "$@" EMPORIUM_MAILDIR="$work/$name-mail" "$binary" serve --port "$port" --database "$database" \
        >"$work/$name.log" 2>&1 &
    serve_pid=$!
    pids+=($serve_pid)
    base="http://127.0.0.1:$port"
    wait_for "emporium serve ($name)" curl -fsS "$base/health/ready"
}
admin_token() {  # admin_token NAME
    curl -fsS "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"admin@$1.test\",\"password\":\"$admin_password\"}" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

echo "== OTLP receiver and emporium serve"
"$python" scripts/conformance/otlp_receiver.py "$work/otlp-port" "$work/otlp" &
pids+=($!)
wait_for "the OTLP receiver" test -s "$work/otlp-port"
start_server traced OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$(cat "$work/otlp-port")" \
    OTEL_EXPORTER_OTLP_COMPRESSION=gzip OTEL_BSP_SCHEDULE_DELAY=900000 OTEL_SERVICE_NAME=emporium-conformance
traced_base=$base
traced_pid=$serve_pid

trace_id=4bf92f3577b34da6a3ce929d0e0e4736
parent_id=00f067aa0ba902b7
curl -fsS -H "traceparent: 00-$trace_id-$parent_id-01" -H "tracestate: rojo=00f067aa0ba902b7" "$base/health/ready" >/dev/null
curl -sS "$base/no/such/route" >/dev/null
curl -fsS "$base/api/v1/products?q=lamp" >/dev/null
curl -fsS "$base/metrics" >"$fixtures/scrape.prom"
curl -fsS -H 'Accept: application/openmetrics-text; version=1.0.0; charset=utf-8' --compressed "$base/metrics" >"$fixtures/scrape.om"

echo "== promtool check metrics"
for file in "$fixtures/fixture.prom" "$fixtures/scrape.prom"; do
    promtool check metrics <"$file" || fail "promtool rejected $file"
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
    static_configs: [{targets: ["${base#http://}"]}]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
query() { curl -fsS "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode "query=$1"; }
scraped() { query "$1" | grep -q '"result":\[{'; }
wait_for "Prometheus' scrape of emporium (up == 1)" scraped 'up{job="emporium"} == 1'
wait_for "histogram series in Prometheus" scraped 'http_server_request_duration_seconds_count{http_route="/health/ready"}'
echo "prometheus: scraped emporium, up == 1, $(query 'count({job="emporium"})' | grep -o '"value":\[[^]]*\]')"

echo "== the HTTP API against its OpenAPI document (openapi-spec-validator, schemathesis)"
start_server api
curl -fsS "$base/openapi.json" >"$work/openapi.json"
"$python" -c 'import json, sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print("openapi-spec-validator: OpenAPI 3.1 document valid")' "$work/openapi.json"
# As an admin every route is reachable; signing out and fault injection (which would slow the run down)
# are left to the Swift tests.
.build/venv/bin/schemathesis run "$base/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    -H "Authorization: Bearer $(admin_token api)" --max-examples 50 --seed 20261206 \
    --exclude-operation-id logout --exclude-operation-id setFaults --no-color >"$work/schemathesis.log" 2>&1 \
    || { tail -80 "$work/schemathesis.log" >&2; fail "schemathesis found failures"; }
grep -E "generated|passed|failed" "$work/schemathesis.log" | tail -3

echo "== SIGTERM: an in-flight request finishes, queued spans are flushed (the 15-minute schedule has not passed)"
base=$traced_base
if compgen -G "$work/otlp/*.json" >/dev/null; then fail "spans were exported before SIGTERM"; fi
curl -fsS -X PUT "$base/api/v1/admin/faults" -H "Authorization: Bearer $(admin_token traced)" \
    -H 'Content-Type: application/json' -d '{"slow_search_ms": 1500}' >/dev/null
slow_trace=0af7651916cd43dd8448eb211c80319c
slow_parent=b7ad6b7169203331
curl -sS -o "$work/in-flight.json" -w '%{http_code}' -H "traceparent: 00-$slow_trace-$slow_parent-01" \
    "$base/api/v1/products?q=lamp" >"$work/in-flight.status" &
in_flight=$!
sleep 0.5
kill -TERM "$traced_pid"
wait "$in_flight" || fail "the in-flight request was cut off"
[ "$(cat "$work/in-flight.status")" = 200 ] || fail "the in-flight request answered $(cat "$work/in-flight.status")"
wait "$traced_pid" || { cat "$work/traced.log" >&2; fail "emporium serve exited with an error"; }
grep -q '"level":"error"' "$work/traced.log" && { grep '"level":"error"' "$work/traced.log" >&2; fail "errors logged while stopping"; }
echo "shutdown: the in-flight search answered 200, the process exited 0 without errors"
"$python" scripts/conformance/check_otlp.py "$work/otlp" "$trace_id:$parent_id" "$slow_trace:$slow_parent"
echo "conformance: all checks passed"
