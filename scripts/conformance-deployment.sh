#!/usr/bin/env bash
# Proves the deployment files with the real tools: amtool checks the Alertmanager configuration and its routes;
# docker-compose validates every combination of the stack with
# each environment overlay and the load profile, and the rendered configurations are checked for what must be
# there; kustomize (kubectl) renders every Kubernetes overlay and the load-test Job, kubernetes-validate checks
# them against the Kubernetes API schema, and their references are checked; the Dockerfile builds in two stages
# and runs as a non-root user with a health check; scripts/backup and scripts/restore copy a serving shop's
# SQLite and PostgreSQL databases into scratch ones that hold every order.
# Usage: scripts/conformance-deployment.sh BUILD_DIR   (needs EMPORIUM_TEST_POSTGRES_URL: with-test-servers.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(cd "$1" && pwd)
harness_name=conformance-deployment
source scripts/conformance/harness.sh
kubernetes_version=1.30

echo "== docker-compose config: the stack with each environment, with and without the load profile"
# Every secret set to a test value, prod's too, from the example file: what a new operator starts from.
cp compose/.env.example "$work/compose.env"
cat >>"$work/compose.env" <<ENV
EMPORIUM_STRIPE_API_KEY=sk_test_conformance
EMPORIUM_SMTP_URL=smtp://mail.example.com:587
ALERTMANAGER_CONFIG=./alertmanager/alertmanager.yml
ENV
for environment in dev staging prod; do
    for profile in "" load; do
        rendered="$work/compose-$environment-${profile:-default}.yml"
        (cd compose && docker-compose --env-file "$work/compose.env" -f docker-compose.yml -f "docker-compose.$environment.yml" \
            ${profile:+--profile "$profile"} config >"$rendered") || fail "docker-compose rejected $environment ${profile}"
        "$python" scripts/operations/check_compose.py compose/docker-compose.yml "$rendered" "$environment" ${profile:+--load}
    done
done
grep -v '^EMPORIUM_STRIPE_API_KEY\|^EMPORIUM_SMTP_URL' "$work/compose.env" >"$work/no-secrets.env"
if (cd compose && docker-compose --env-file "$work/no-secrets.env" -f docker-compose.yml -f docker-compose.prod.yml config -q) 2>"$work/missing.err"; then
    fail "prod accepted a configuration without the Stripe key"
fi
grep -q "set EMPORIUM_STRIPE_API_KEY for production" "$work/missing.err" || fail "prod's error does not name the missing Stripe key: $(cat "$work/missing.err")"
echo "compose (prod): refused without EMPORIUM_STRIPE_API_KEY, naming it"

echo "== amtool: the Alertmanager configuration, and where a page and a ticket go"
amtool check-config compose/alertmanager/alertmanager.yml >/dev/null || fail "amtool rejected compose/alertmanager/alertmanager.yml"
for route in page:pager ticket:tickets; do
    receiver=$(amtool config routes test --config.file=compose/alertmanager/alertmanager.yml "severity=${route%%:*}" alertname=Test 2>/dev/null)
    [ "$receiver" = "${route#*:}" ] || fail "severity=${route%%:*} goes to $receiver, expected ${route#*:}"
done
echo "alertmanager: valid; severity=page goes to pager, severity=ticket to tickets"

echo "== the Dockerfile"
[ "$(grep -c '^FROM ' Dockerfile)" = 2 ] || fail "the Dockerfile is not a two-stage build"
grep -Eq '^USER [a-z]' Dockerfile && ! grep -Eq '^USER (root|0)\b' Dockerfile || fail "the image does not run as a non-root user"
grep -A1 '^HEALTHCHECK' Dockerfile | grep -q '/health/ready' || fail "the image has no health check on /health/ready"
for path in $(grep -Eo '^COPY [^-][^ ]*' Dockerfile | cut -d' ' -f2); do
    [ -e "$path" ] || fail "the Dockerfile copies $path, which does not exist"
done
echo "Dockerfile: two stages, non-root user, health check, every copied path exists"

echo "== kustomize and kubernetes-validate (Kubernetes $kubernetes_version)"
command -v kubectl >/dev/null || fail "kubectl (for kustomize) is not installed"
for name in overlays/dev overlays/staging overlays/prod loadtest; do
    rendered="$work/kubernetes-${name//\//-}.yaml"
    kubectl kustomize "compose/kubernetes/$name" >"$rendered" 2>"$work/kustomize.err" \
        || { cat "$work/kustomize.err" >&2; fail "kustomize could not build $name"; }
    .build/venv/bin/kubernetes-validate --strict --quiet -k "$kubernetes_version" "$rendered" \
        || fail "kubernetes-validate rejected $name"
    "$python" scripts/operations/check_kubernetes.py "$rendered" "$name"
done

echo "== scripts/backup and scripts/restore, while the shop serves"
[ -n "${EMPORIUM_TEST_POSTGRES_URL:-}" ] || fail "EMPORIUM_TEST_POSTGRES_URL is not set: run through scripts/with-test-servers.sh"
admin_url=$EMPORIUM_TEST_POSTGRES_URL
database_url() { echo "${admin_url%/*}/$1"; }
# order_list URL: every order's id, status and total, sorted.
order_list() {
    case $1 in
        sqlite://*) sqlite3 "${1#sqlite://}" "SELECT id, status, total FROM orders ORDER BY id" ;;
        *) psql "$1" -XAtF'|' -c "SELECT id, status, total FROM orders ORDER BY id" ;;
    esac
}
for kind in sqlite postgres; do
    if [ "$kind" = sqlite ]; then
        source_url="sqlite://$work/shop.sqlite"
        restored_url="sqlite://$work/restored.sqlite"
    else
        PGOPTIONS="-c client_min_messages=warning" psql "$admin_url" -Xqc "DROP DATABASE IF EXISTS backup_source" -c "DROP DATABASE IF EXISTS backup_restored" \
            -c "CREATE DATABASE backup_source" -c "CREATE DATABASE backup_restored"
        source_url=$(database_url backup_source)
        restored_url=$(database_url backup_restored)
    fi
    port=$(free_port)
    (cd "$work" && exec "$bin/emporium" demo --products 200 --shoppers 20 --port "$port" --database "$source_url" \
        --load-seconds 0 >"$work/$kind-demo.log" 2>&1) &
    demo_pid=$!
    pids+=($demo_pid)
    for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
    "$bin/emporium-load" run loadtest/smoke.yaml --target "http://127.0.0.1:$port" --duration 6s --out "$work/$kind-load" \
        >"$work/$kind-load.log" 2>&1 || true
    scripts/backup "$source_url" "$work/$kind.backup"
    scripts/restore "$work/$kind.backup" "$restored_url"
    orders=$(order_list "$source_url" | wc -l)
    [ "$orders" -gt 0 ] || fail "$kind: the load run placed no orders to back up"
    diff <(order_list "$source_url") <(order_list "$restored_url") >"$work/$kind.diff" \
        || { cat "$work/$kind.diff" >&2; fail "$kind: the restored database differs in its orders"; }
    echo "backup ($kind): all $orders orders restored with their status and total"
    if scripts/restore "$work/$kind.backup" "$restored_url" 2>"$work/refused.err"; then
        fail "$kind: restoring over a database with data was not refused"
    fi
    grep -q -- "--force" "$work/refused.err" || fail "$kind: the refusal does not say how to force it"
    scripts/restore "$work/$kind.backup" "$restored_url" --force >/dev/null
    diff <(order_list "$source_url") <(order_list "$restored_url") >/dev/null || fail "$kind: a forced restore differs"
    echo "restore ($kind): refuses to overwrite without --force; with it, the orders are the same again"
    kill "$demo_pid" && wait "$demo_pid" 2>/dev/null || true
done
echo "conformance-deployment: all checks passed"
