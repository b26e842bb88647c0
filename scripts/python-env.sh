#!/usr/bin/env bash
# Creates .build/venv with the reference validators (prometheus_client, opentelemetry-proto, …) and PyYAML for
# scripts/operations, if missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/venv
requirements=scripts/conformance/requirements.txt
stamp=$venv/.requirements
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then
    exit 0
fi
echo "Creating $venv with the Python validators"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
