#!/usr/bin/env bash
# Installs the Debian packages given as arguments, only those that are missing.
# Usage: scripts/install-system-packages.sh zlib1g-dev prometheus ...
set -euo pipefail

missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The prometheus packages start system-wide servers; the tests start their own on other ports.
if printf '%s\n' "${missing[@]}" | grep -Eqx 'prometheus|prometheus-alertmanager'; then
    $sudo systemctl disable --now prometheus prometheus-node-exporter prometheus-alertmanager >/dev/null 2>&1 || true
fi
