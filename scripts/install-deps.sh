#!/bin/sh
# Installs the Debian packages branchwatch builds and tests against.
# Runs as root on a fresh Debian machine; does nothing when they are already there.
# With --test it also installs what only the tests need: Chromium for the status page
# and Prometheus' Python client for the /metrics parser.
set -eu

packages="libcurl4-openssl-dev libyaml-dev libsqlite3-dev libssl-dev libsystemd-dev"
packages="$packages libmicrohttpd-dev pkg-config make systemd"
if [ "${1:-}" = "--test" ]; then
    packages="$packages chromium python3 python3-pip"
fi
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086 # the list is meant to split into words
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ "${1:-}" = "--test" ] && ! python3 -c 'import prometheus_client' 2>/dev/null; then
    echo "installing: prometheus_client (PyPI)"
    # Debian's own python3 refuses pip installs outside a venv unless told otherwise.
    python3 -m pip install --quiet --disable-pip-version-check prometheus_client 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check \
            --break-system-packages prometheus_client
fi
if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "swift is in /opt/swift/usr/bin; add it to PATH" >&2
    else
        echo "swift 6 is not installed: get it from swift.org/install" >&2
    fi
    exit 1
fi
