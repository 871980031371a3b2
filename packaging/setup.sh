#!/usr/bin/env bash
# LevEx set-up for a fresh Debian 12 / Ubuntu 24.04 machine: installs the missing Debian packages
# (packaging/debian-packages.txt), builds with CMake, then runs the app or the tests.
#
#   bash packaging/setup.sh run [BOOK.csv]   build and open the app (the bundled sample by default)
#   bash packaging/setup.sh test             build and run the whole test suite: the release build,
#                                            again under ASan + UBSan, and each libFuzzer target
#                                            for 30 s (clang)
#   bash packaging/setup.sh build            build only
#
# Needs only bash and apt: no compiler, cmake or make beforehand. Uses sudo only when not root.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

mode="${1:-run}"
[ $# -gt 0 ] && shift
case "$mode" in run | test | build) ;; *)
    echo "usage: bash packaging/setup.sh run [BOOK.csv] | test | build" >&2
    exit 2
    ;;
esac

install_packages() {
    local wanted missing=() pkg
    wanted=$(sed -e 's/#.*//' "$here/debian-packages.txt" | tr -s ' \t' '\n' | sed '/^$/d')
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || {
            echo "setup: need root or sudo to install: ${missing[*]}" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

install_packages
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"

case "$mode" in
build) ;;
test)
    ctest --preset release -j "$jobs"
    echo "setup: the suite again under AddressSanitizer + UndefinedBehaviorSanitizer"
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
    echo "setup: each reader under libFuzzer (clang, ASan + UBSan) for a bounded time"
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$jobs"
    ctest --preset fuzz -j "$jobs"
    ;;
run)
    app="$root/build/release/app/levex"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        shot="$root/build/levex-screenshot.png"
        echo "setup: no display here; running the app under Xvfb and saving its window to $shot"
        exec xvfb-run -a -s "-screen 0 1400x900x24" "$app" --screenshot "$shot" "$@"
    fi
    exec "$app" "$@"
    ;;
esac
