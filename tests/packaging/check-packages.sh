#!/usr/bin/env bash
# Builds the DEB and RPM packages from a build tree and checks them: the expected files, the
# conffile, the unit's syntax, the .desktop file, and that the packaged agent runs from an
# unpacked root. Usage: check-packages.sh BUILD_DIR
set -euo pipefail
BUILD=$1
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() { echo "packaging: $*" >&2; exit 1; }

(cd "$BUILD" && cpack -G "DEB;RPM" -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack failed"; }
agent_deb=$(ls "$out"/xerosync-agent_*.deb)
dash_deb=$(ls "$out"/xerosync-dashboard_*.deb)
ls "$out"/xerosync-agent-*.rpm "$out"/xerosync-dashboard-*.rpm >/dev/null || fail "RPMs missing"

version=$(sed -n 's/^project(XeroSync VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ "$(dpkg-deb -f "$agent_deb" Version)" = "$version" ] || fail "agent package version is not $version"
# Windows and macOS builds take their dependencies from vcpkg.json: same version, valid JSON.
[ "$(jq -r .version "$SRC/vcpkg.json")" = "$version" ] || fail "vcpkg.json's version is not $version"

expect() { # package file...
    local pkg=$1; shift
    local list
    list=$(dpkg-deb -c "$pkg" | awk '{print $6}')
    for f in "$@"; do grep -qx "./$f" <<<"$list" || fail "$(basename "$pkg") lacks $f"; done
}
expect "$agent_deb" usr/bin/xerosync-agent etc/xerosync/agent.conf \
    usr/lib/systemd/system/xerosync-agent.service usr/lib/sysusers.d/xerosync.conf
expect "$dash_deb" usr/bin/xerosync-dashboard usr/share/applications/xerosync-dashboard.desktop \
    usr/share/icons/hicolor/scalable/apps/xerosync.svg usr/share/xerosync/translations/xerosync_de.qm \
    usr/share/xerosync/translations/xerosync_fr.qm \
    usr/share/icons/hicolor/48x48/apps/xerosync.png usr/share/icons/hicolor/256x256/apps/xerosync.png
dpkg-deb -c "$agent_deb" | grep -q 'xerosync-dashboard' && fail "the agent package carries the dashboard"
dpkg-deb --ctrl-tarfile "$agent_deb" | tar -xO ./conffiles | grep -qx /etc/xerosync/agent.conf || fail "agent.conf is not a conffile"
dpkg-deb -f "$dash_deb" Depends | grep -q qt6-qpa-plugins || fail "the dashboard does not depend on the platform plugins"
rpm -qp --configfiles "$out"/xerosync-agent-*.rpm 2>/dev/null | grep -qx /etc/xerosync/agent.conf || fail "RPM: agent.conf is not %config"

root=$out/root
dpkg-deb -x "$agent_deb" "$root"
dpkg-deb -x "$dash_deb" "$root"
desktop-file-validate "$root/usr/share/applications/xerosync-dashboard.desktop"
# The PNGs are real images of their size, not empty files.
for size in 16 48 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/xerosync.png
    file "$png" | grep -q "PNG image data, $size x $size" || fail "bad icon: $(file "$png")"
done
if command -v systemd-analyze >/dev/null; then
    # verify wants ExecStart to exist: point it at the unpacked binary in a copy of the unit.
    sed "s|/usr/bin/xerosync-agent|$root/usr/bin/xerosync-agent|" \
        "$root/usr/lib/systemd/system/xerosync-agent.service" >"$out/xerosync-agent.service"
    (systemd-analyze verify "$out/xerosync-agent.service" 2>&1 || true) | grep -v -E 'Failed to (connect|create)|Unit .* not found|/run/systemd' >"$out/verify.log" || true
    cat "$out/verify.log"
    [ -s "$out/verify.log" ] && fail "systemd-analyze verify found problems"
fi
"$root/usr/bin/xerosync-agent" --version | grep -q "$version" || fail "the packaged agent does not run"
QT_QPA_PLATFORM=offscreen "$root/usr/bin/xerosync-dashboard" --version | grep -q "$version" || fail "the packaged dashboard does not run"
echo "packaging: DEB and RPM for agent and dashboard $version look right"
