#!/usr/bin/env bash
# Starts a throw-away PostgreSQL, Redis and SMTP server (aiosmtpd, when the venv of `make python-env` has it) on
# loopback in a temporary directory, runs the given command with EMPORIUM_TEST_POSTGRES_URL,
# EMPORIUM_TEST_REDIS_URL, EMPORIUM_TEST_SMTP_URL and EMPORIUM_TEST_SMTP_SPOOL pointing at them, and stops them.
# Usage: scripts/with-test-servers.sh COMMAND [ARGS...]
set -euo pipefail

workdir="$(mktemp -d /tmp/emporium-servers.XXXXXX)"
chmod 755 "$workdir"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# initdb and postgres refuse to run as root: run them as the postgres user the Debian package creates.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/initdb" ] || { echo "error: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "error: redis-server not found (apt-get install redis-server)" >&2; exit 1; }

pg_port="$(free_port)"
redis_port="$(free_port)"

smtp_pid=""
stop_servers() {
    as_postgres "$pg_bin/pg_ctl" -D "$workdir/postgres" -m immediate stop >/dev/null 2>&1 || true
    [ -f "$workdir/redis.pid" ] && kill "$(cat "$workdir/redis.pid")" 2>/dev/null || true
    [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null || true
    rm -rf "$workdir"
}
trap stop_servers EXIT

# Tests skip fsync for speed; benchmarks (EMPORIUM_TEST_POSTGRES_DURABLE=1) keep the server's durable defaults.
durability="-c fsync=off"
[ "${EMPORIUM_TEST_POSTGRES_DURABLE:-0}" = 1 ] && durability="-c shared_buffers=1GB"

mkdir -p "$workdir/postgres"
[ "$(id -u)" -eq 0 ] && chown postgres "$workdir" "$workdir/postgres"
as_postgres "$pg_bin/initdb" -D "$workdir/postgres" -U postgres --auth=trust -E UTF8 --no-sync >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
as_postgres "$pg_bin/pg_ctl" -D "$workdir/postgres" -l "$workdir/postgres.log" -w start \
    -o "-p $pg_port -k $workdir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" >/dev/null \
    || { cat "$workdir/postgres.log" >&2; exit 1; }
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$workdir" --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log"
for _ in $(seq 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
done
redis-cli -p "$redis_port" ping >/dev/null || { cat "$workdir/redis.log" >&2; exit 1; }
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$redis_port"

venv_python="$(dirname "$0")/../.build/venv/bin/python"
if [ -x "$venv_python" ] && "$venv_python" -c 'import aiosmtpd' 2>/dev/null; then
    "$venv_python" "$(dirname "$0")/test-servers/smtp_sink.py" "$workdir/smtp.port" "$workdir/smtp-spool" \
        >"$workdir/smtp.log" 2>&1 &
    smtp_pid=$!
    for _ in $(seq 50); do [ -s "$workdir/smtp.port" ] && break; sleep 0.1; done
    [ -s "$workdir/smtp.port" ] || { cat "$workdir/smtp.log" >&2; exit 1; }
    echo "SMTP (aiosmtpd) on 127.0.0.1:$(cat "$workdir/smtp.port")"
    export EMPORIUM_TEST_SMTP_URL="smtp://127.0.0.1:$(cat "$workdir/smtp.port")"
    export EMPORIUM_TEST_SMTP_SPOOL="$workdir/smtp-spool"
fi

export EMPORIUM_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
export EMPORIUM_TEST_REDIS_URL="redis://127.0.0.1:$redis_port/0"
"$@"
