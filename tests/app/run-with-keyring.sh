#!/bin/sh
# Runs a test with an unlocked gnome-keyring on a private D-Bus session, in a throwaway HOME, as
# ../shared/research/toolchain.md §4d found works without a desktop. Usage: run-with-keyring.sh CMD...
# Stops only the keyring daemon it started (a developer's own keyring keeps running).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p -m 700 "$tmp/run"
env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XEROSYNC_EXPECT_KEYCHAIN=1 \
    dbus-run-session -- sh -c '
        before=$(pgrep -u "$(id -u)" -x gnome-keyring-d || true)
        eval "$(printf ci-password | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
        "$@"; code=$?
        for pid in $(pgrep -u "$(id -u)" -x gnome-keyring-d || true); do
            case " $before " in *" $pid "*) ;; *) kill "$pid" 2>/dev/null || true ;; esac
        done
        exit $code' sh "$@"
