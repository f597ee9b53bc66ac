#!/usr/bin/env bash
# The Windows-only sources (the SCM service host, console signals) never build on Linux CI; a
# Windows compiler (MinGW-w64) at least type-checks them against Qt's headers and <windows.h>, with
# the project's warnings as errors. Usage: check-windows-sources.sh QT_HEADERS_DIR
set -euo pipefail
QT=$1
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CXX=x86_64-w64-mingw32-g++-posix
command -v "$CXX" >/dev/null || { echo "windows-sources: $CXX missing (scripts/install-deps installs it)" >&2; exit 1; }
count=0
while IFS= read -r f; do
    "$CXX" -std=c++2b -fsyntax-only -Wall -Wextra -Wpedantic -Werror -DUNICODE -D_UNICODE \
        -I"$SRC" -isystem "$QT" -isystem "$QT/QtCore" "$f"
    count=$((count + 1))
done < <(find "$SRC/agent" "$SRC/core" "$SRC/app" -name '*_win.cpp' | sort)
[ "$count" -gt 0 ] || { echo "windows-sources: no *_win.cpp found" >&2; exit 1; }
echo "windows-sources: $count Windows-only file(s) compile for Windows"
