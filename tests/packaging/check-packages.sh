#!/usr/bin/env bash
# Builds the DEB and RPM packages from a build tree and checks them: the expected files, the
# conffile, the unit's syntax, the .desktop file, installing into a throwaway root (dpkg -i, rpm -i)
# and that the packaged binaries run from there. Usage: check-packages.sh BUILD_DIR
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

# A real `dpkg -i` into a throwaway root. Its package database starts as a copy of this machine's,
# so dependencies are checked against what is installed here; the maintainer scripts run without
# chroot and see DPKG_ROOT, as with any image builder.
root=$out/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
cp /var/lib/dpkg/status "$root/var/lib/dpkg/status"
touch "$root/var/lib/dpkg/available"
dpkg-query -W -f='${db:Status-Abbrev} ${binary:Package}\n' | awk '$1 == "ii" {print $2}' |
    while read -r p; do : >"$root/var/lib/dpkg/info/$p.list"; done
rstatus() { dpkg-query --root="$root" -W -f='${Status}' "$1" 2>/dev/null || echo "not installed"; }
rdpkg() { dpkg --root="$root" --force-script-chrootless --log=/dev/null "$@"; }
rdpkg -i "$agent_deb" "$dash_deb" >"$out/dpkg.log" 2>&1 || { cat "$out/dpkg.log"; fail "dpkg -i failed"; }
for p in xerosync-agent xerosync-dashboard; do
    [ "$(rstatus "$p")" = "install ok installed" ] || fail "$p is not installed: $(rstatus "$p")"
done
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

# postinst made the service user in that root (systemd-sysusers --root), when sysusers exists.
if command -v systemd-sysusers >/dev/null; then
    grep -q '^xerosync:.*:/usr/sbin/nologin$' "$root/etc/passwd" || fail "postinst did not create the xerosync user"
fi
# A local edit of the config survives reinstalling (an upgrade), goes with purge, stays on remove.
echo "# local edit" >>"$root/etc/xerosync/agent.conf"
rdpkg -i "$agent_deb" >"$out/dpkg.log" 2>&1 || { cat "$out/dpkg.log"; fail "reinstalling the agent failed"; }
grep -q '^# local edit$' "$root/etc/xerosync/agent.conf" || fail "reinstalling lost a local edit of agent.conf"
rdpkg -r xerosync-agent >"$out/dpkg.log" 2>&1 || { cat "$out/dpkg.log"; fail "dpkg -r failed"; }
[ -e "$root/usr/bin/xerosync-agent" ] && fail "dpkg -r left the agent binary"
[ -e "$root/etc/xerosync/agent.conf" ] || fail "dpkg -r removed the administrator's agent.conf"
rdpkg -P xerosync-agent >"$out/dpkg.log" 2>&1 || { cat "$out/dpkg.log"; fail "dpkg -P failed"; }
[ -e "$root/etc/xerosync/agent.conf" ] && fail "dpkg -P left agent.conf"

# RPM: install both into an empty rpm database in another root (no dependency database there, and
# scriptlets would need a shell inside it), then run the agent from there.
rroot=$out/rpmroot
rpm --root="$rroot" --initdb
rpm --root="$rroot" -i --nodeps --noscripts "$out"/xerosync-agent-*.rpm "$out"/xerosync-dashboard-*.rpm \
    >"$out/rpm.log" 2>&1 || { cat "$out/rpm.log"; fail "rpm -i failed"; }
rpm --root="$rroot" -q xerosync-agent xerosync-dashboard >/dev/null || fail "rpm does not list the packages"
"$rroot/usr/bin/xerosync-agent" --version | grep -q "$version" || fail "the agent installed by rpm does not run"

# NSIS: makensis (Debian's) compiles the Windows installer's script, with the extra commands that
# register the agent's service, over a stand-in payload: Linux builds cannot stage the Windows
# layout, but a typo or a missing label in the NSIS text fails here rather than on Windows.
stage=$out/nsis-stage
mkdir -p "$stage/bin" "$stage/share/xerosync"
printf 'stand-in' >"$stage/bin/xerosync-agent.exe" # small: makensis compresses what it gets
cp "$SRC/agent/agent.conf.example" "$stage/share/xerosync/"
(cd "$BUILD" && cpack -G NSIS -B "$out/nsis" -D CPACK_INSTALL_CMAKE_PROJECTS= \
    -D "CPACK_INSTALLED_DIRECTORIES=$stage;.") >"$out/nsis.log" 2>&1 ||
    { cat "$out/nsis.log" "$out"/nsis/_CPack_Packages/*/NSIS/NSISOutput.log 2>/dev/null | tail -30; fail "NSIS failed"; }
grep -q 'service install --config' "$out"/nsis/_CPack_Packages/*/NSIS/project.nsi ||
    fail "the NSIS installer does not register the service"
grep -q 'service uninstall' "$out"/nsis/_CPack_Packages/*/NSIS/project.nsi ||
    fail "the NSIS uninstaller does not remove the service"
echo "packaging: DEB, RPM and the NSIS script for agent and dashboard $version look right"
