#!/bin/sh
# Installs the Debian packages branchwatch builds and tests against.
# Runs as root on a fresh Debian machine; does nothing when they are already there.
set -eu

packages="libcurl4-openssl-dev libyaml-dev libsqlite3-dev libssl-dev libsystemd-dev pkg-config"
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
    apt-get install -y -qq $missing >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
    if [ -x /opt/swift/usr/bin/swift ]; then
        echo "swift is in /opt/swift/usr/bin; add it to PATH" >&2
    else
        echo "swift 6 is not installed: get it from swift.org/install" >&2
    fi
    exit 1
fi
