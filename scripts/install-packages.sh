#!/usr/bin/env bash
# Installs the Debian packages SwiftTune builds and tests with, skipping those already present.
# Usage: scripts/install-packages.sh [extra packages...]
set -euo pipefail

packages=(libopenblas-dev libdnnl-dev zlib1g-dev libsqlite3-dev libpq-dev libstb-dev pkg-config "$@")
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
