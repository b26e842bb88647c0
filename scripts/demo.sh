#!/usr/bin/env bash
# `make demo`: serves the demo shop, runs a short load test against it (loadtest/smoke.yaml for 10 s, report in
# .build/loadtest/demo/report.html), then keeps serving until Ctrl-C.
# Usage: scripts/demo.sh PORT PRODUCTS
set -euo pipefail
cd "$(dirname "$0")/.."
port=$1
products=$2
base="http://127.0.0.1:$port"
.build/debug/emporium demo --products "$products" --port "$port" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
trap 'exit 0' INT TERM
until curl -fsS "$base/health/ready" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { echo "demo: emporium demo stopped; see above" >&2; exit 1; }
    sleep 0.5
done
echo
echo "== A 10-second load test of the demo (loadtest/smoke.yaml): browsing, search and checkout with budgets"
.build/debug/emporium-load run loadtest/smoke.yaml --target "$base" --duration 10s --out .build/loadtest/demo \
    --trace-url "$base/debug/traces/{trace_id}" || echo "demo: the load test ended with exit code $?"
echo
echo "Report: .build/loadtest/demo/report.html (open it in a browser). Emporium keeps serving on $base; Ctrl-C stops it."
wait "$server"
