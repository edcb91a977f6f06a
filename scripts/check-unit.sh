#!/bin/sh
# Checks the systemd unit offline and the install layout: `systemd-analyze verify` must
# print nothing, `systemd-analyze security` must rate the exposure 2.0 or lower, and
# `make install` must put every file where the README says.
set -eu
cd "$(dirname "$0")/.."

binary="$PWD/.build/debug/branchwatch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# verify fails when ExecStart names a missing file, so the copy points at the built binary.
sed "s#/usr/local/bin/branchwatch#$binary#" systemd/branchwatch.service \
    >"$work/branchwatch.service"
# verify exits 0 on unknown keys and bad values; it only says so on stderr.
if ! out=$(systemd-analyze verify "$work/branchwatch.service" 2>&1) || [ -n "$out" ]; then
    echo "systemd-analyze verify complained about systemd/branchwatch.service:"
    echo "$out"
    exit 1
fi
# --threshold counts on the 0-100 scale behind the 0.0-10.0 it prints: 20 means 2.0.
if ! systemd-analyze security --offline=yes --threshold=20 "$work/branchwatch.service" \
    >"$work/security.txt" 2>&1; then
    grep -v '^✓' "$work/security.txt"
    echo "systemd/branchwatch.service is rated above 2.0"
    exit 1
fi
grep 'Overall exposure' "$work/security.txt"

# The shared-inbox drop-in on top of the unit: later assignments win, as in a drop-in.
sed '/^\[Install\]/,$d' "$work/branchwatch.service" >"$work/shared.service"
sed '1,/^\[Service\]/d' systemd/branchwatch-shared-inbox.conf >>"$work/shared.service"
sed -n '/^\[Install\]/,$p' "$work/branchwatch.service" >>"$work/shared.service"
if ! out=$(systemd-analyze verify "$work/shared.service" 2>&1) || [ -n "$out" ]; then
    echo "systemd-analyze verify complained about the unit with branchwatch-shared-inbox.conf:"
    echo "$out"
    exit 1
fi
if ! systemd-analyze security --offline=yes --threshold=20 "$work/shared.service" \
    >"$work/shared-security.txt" 2>&1; then
    grep -v '^✓' "$work/shared-security.txt"
    echo "the unit with systemd/branchwatch-shared-inbox.conf is rated above 2.0"
    exit 1
fi
grep 'Overall exposure' "$work/shared-security.txt"

make --no-print-directory install DESTDIR="$work/root" BUILD=debug >/dev/null
for path in usr/local/bin/branchwatch usr/local/lib/systemd/system/branchwatch.service \
    usr/local/share/doc/branchwatch/README.md \
    usr/local/share/branchwatch/examples/rules/complaints.yaml \
    usr/local/share/branchwatch/branchwatch-shared-inbox.conf \
    etc/branchwatch/branchwatch.yaml etc/branchwatch/rules/starter.yaml \
    etc/branchwatch/credentials; do
    if [ ! -e "$work/root/$path" ]; then
        echo "make install did not create /$path"
        exit 1
    fi
done
echo "unit verified, exposure within 2.0, install layout complete"
