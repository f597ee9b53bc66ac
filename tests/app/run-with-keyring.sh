#!/bin/sh
# Runs a test with an unlocked gnome-keyring on a private D-Bus session, in a throwaway HOME, as
# ../shared/research/toolchain.md §4d found works without a desktop. Usage: run-with-keyring.sh CMD...
# Stops only the keyring daemon it started (found by its private XDG_RUNTIME_DIR), so a
# developer's own keyring, or another test's, keeps running.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p -m 700 "$tmp/run"
env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XEROSYNC_EXPECT_KEYCHAIN=1 \
    dbus-run-session -- sh -c '
        eval "$(printf ci-password | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
        "$@"; code=$?
        for pid in $(pgrep -u "$(id -u)" -x gnome-keyring-d || true); do
            if tr "\0" "\n" <"/proc/$pid/environ" 2>/dev/null | grep -qx "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"; then
                kill "$pid" 2>/dev/null || true
            fi
        done
        exit $code' sh "$@"
