#!/usr/bin/env bash
# Proves emporium-load against a live `emporium demo` with the reference readers (REFERENCE.md):
#   loadtest/smoke.yaml for 20 s must hold its budgets (exit 0); its latency.hlog is read by the HdrHistogram
#   Python package and agrees with summary.json; junit.xml validates against the Surefire/Jenkins JUnit schema;
#   report.html renders in headless Chromium; a broken budget exits 99; a bad file exits 2; the access log the
#   server wrote replays; two segments of one run merge into exactly their sum.
# Usage: scripts/conformance-load.sh BUILD_DIR OUT_DIR  (BUILD_DIR holds emporium and emporium-load)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
harness_name=conformance-load
source scripts/conformance/harness.sh
# expect_exit CODE COMMAND...: runs the command, fails unless it exits with CODE.
expect_exit() {
    local wanted=$1; shift
    local code=0
    "$@" >"$work/last.out" 2>"$work/last.err" || code=$?
    [ "$code" = "$wanted" ] || { cat "$work/last.out" "$work/last.err" >&2; fail "$* exited $code, expected $wanted"; }
}

echo "== the JUnit schema (Surefire/Jenkins junit-10.xsd, from pytest's source distribution on PyPI)"
schema_dir=.build/schemas
schema=$schema_dir/junit-10.xsd
if [ ! -s "$schema" ]; then
    mkdir -p "$schema_dir"
    .build/venv/bin/pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
        pytest==8.3.4 -d "$work/pytest"
    tar -xzf "$work"/pytest/pytest-8.3.4.tar.gz -C "$work" pytest-8.3.4/testing/example_scripts/junit-10.xsd
    cp "$work/pytest-8.3.4/testing/example_scripts/junit-10.xsd" "$schema"
fi

echo "== emporium demo with an access log; its own 3-second load test must hold its budgets"
port=$(free_port)
base="http://127.0.0.1:$port"
smoke="$PWD/loadtest/smoke.yaml"
(cd "$work" && exec "$bin/emporium" demo --products 500 --shoppers 100 --port "$port" \
    --database "sqlite://$work/demo.sqlite" --access-log "$work/access.jsonl" \
    --load-test "$smoke" --load-seconds 3 >"$work/demo.log" 2>&1) &
pids+=($!)
demo_report="$work/.emporium/loadtest"  # report.html is written last
for _ in $(seq 1 600); do
    [ -s "$demo_report/report.html" ] || grep -q "^demo: " "$work/demo.log" && break
    sleep 0.2
done
[ -s "$demo_report/report.html" ] || { cat "$work/demo.log" >&2; fail "emporium demo wrote no load test report"; }
"$python" -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["passed"] else 1)' \
    "$demo_report/summary.json" || { cat "$work/demo.log" >&2; fail "the demo's load test broke a budget"; }
grep -E "result:" "$work/demo.log"
curl -fsS "$base/health/ready" >/dev/null || { cat "$work/demo.log" >&2; fail "emporium demo stopped serving"; }

echo "== loadtest/smoke.yaml, 20 s: budgets must hold"
rm -rf "$out/smoke"
expect_exit 0 "$bin/emporium-load" run loadtest/smoke.yaml --target "$base" --out "$out/smoke" \
    --trace-url "$base/debug/traces/{trace_id}"
grep -E "result:|✓|✗" "$work/last.out"
"$python" scripts/conformance/check_loadtest.py "$out/smoke" "$schema"
"$python" scripts/conformance/check_report.py "$out/smoke/report.html" "$out/smoke/report.png"

echo "== a broken budget exits 99 and fails its JUnit test case; a bad file exits 2"
cat >"$work/broken.yaml" <<YAML
name: broken
scenarios:
  - {name: fast, executor: constant-arrival-rate, rate: 20, duration: 3s, journey: ping}
journeys:
  ping: [{name: product list, get: /api/v1/products?limit=5, check: {status: 200}}]
budgets: [error_rate < 1%, latency p50 < 0.001ms]
YAML
expect_exit 99 "$bin/emporium-load" run "$work/broken.yaml" --target "$base" --out "$out/broken"
"$python" scripts/conformance/check_loadtest.py "$out/broken" "$schema"
sed 's/rate: 20/rate: fast/' "$work/broken.yaml" >"$work/bad.yaml"
expect_exit 2 "$bin/emporium-load" run "$work/bad.yaml" --target "$base"
grep -q "bad.yaml:3: scenarios\[0\].rate:" "$work/last.err" || fail "the bad file's error names no line and field: $(cat "$work/last.err")"
echo "exit codes: 99 for a broken budget, 2 for $(cat "$work/last.err")"

echo "== replaying the access log the server wrote, at 4× speed"
sleep 0.5  # the access log is written out four times a second
recorded=$(grep -c '"method":"GET"' "$work/access.jsonl")
expect_exit 0 "$bin/emporium-load" replay "$work/access.jsonl" --target "$base" --speed 4 \
    --budget 'error_rate < 1%' --out "$out/replay"
replayed=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"]["total"])' "$out/replay/summary.json")
[ "$replayed" = "$recorded" ] || fail "replayed $replayed requests of the $recorded GETs in the access log"
echo "replay: $replayed recorded GET requests sent again, budgets held"

echo "== two segments of one run, merged"
for segment in 1 2; do
    "$bin/emporium-load" run "$work/broken.yaml" --target "$base" --segment "$segment/2" --out "$work/segment-$segment" \
        >"$work/segment-$segment.out" 2>&1 &
    pids+=($!)
done
wait "${pids[@]: -2}" || true
expect_exit 99 "$bin/emporium-load" merge "$work/segment-1" "$work/segment-2" --out "$out/merged"
"$python" scripts/conformance/check_loadtest.py "$out/merged" "$schema" --merged-from "$work/segment-1" "$work/segment-2"
echo "conformance-load: all checks passed"
