#!/usr/bin/env bash
# `make windows`: the Windows delivery, built on Linux — Windows CPython under Wine runs PyInstaller on
# installer/khdesk.spec (dist/windows/khdesk/: khdesk.exe, khdesk-cli.exe), then ISCC under Wine compiles
# installer/khdesk.iss (dist/khdesk-setup-<version>.exe). What it is built from: installer/wine-env.sh.
source "$(dirname "$0")/wine-env.sh"
start=$SECONDS
need_debian_packages
ensure_python
ensure_icu_standin     # PyInstaller's PySide6 hook imports PySide6.QtCore to find Qt's plugins
ensure_iscc
new_prefix build

version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
echo "windows: PyInstaller (Windows CPython $(winpy -c 'import platform; print(platform.python_version())' | tr -d '\r'))"
rm -rf "$DIST/windows"
# PyInstaller's own output goes to a log; shown when it fails.
if ! winpy -X utf8 -m PyInstaller --noconfirm --log-level WARN --distpath "$(winpath "$DIST/windows")" \
        --workpath "$(winpath "$WORK/pyinstaller")" "$(winpath "$ROOT/installer/khdesk.spec")" > "$WORK/pyinstaller.log"; then
    cat "$WORK/pyinstaller.log" >&2
    echo "windows: PyInstaller thất bại (nhật ký: $WORK/pyinstaller.log)" >&2
    exit 1
fi
for exe in khdesk.exe khdesk-cli.exe; do
    [[ -f $DIST/windows/khdesk/$exe ]] || { echo "windows: thiếu $exe trong bản đóng gói" >&2; exit 1; }
done
# khdesk.spec already refused to collect a bundle without Qt's plugins; the finished folder is checked too
python3 "$ROOT/installer/bundle_check.py" "$DIST/windows/khdesk" win32 || { rm -rf "$DIST/windows"; exit 1; }

echo "windows: Inno Setup (ISCC ${ISCC_PACKAGE##*@})"
rm -f "$DIST"/khdesk-setup-*.exe
if ! wine "$ISCC_DIR/ISCC.exe" /Q "/DAppVersion=$version" "/DBundleDir=$(winpath "$DIST/windows/khdesk")" \
        "/O$(winpath "$DIST")" \
        "$(winpath "$ROOT/installer/khdesk.iss")" </dev/null 2>&1 | cat > "$WORK/iscc.log"; then
    cat "$WORK/iscc.log" >&2
    echo "windows: ISCC thất bại (nhật ký: $WORK/iscc.log)" >&2
    exit 1
fi
wineserver --wait || true
setup=$DIST/khdesk-setup-$version.exe
[[ -f $setup ]] || { cat "$WORK/iscc.log" >&2; echo "windows: ISCC không tạo $setup" >&2; exit 1; }
printf 'windows: %s (%s), %s (%s) in %d s\n' "dist/windows/khdesk/" "$(du -sh "$DIST/windows/khdesk" | cut -f1)" \
    "${setup#$ROOT/}" "$(du -h "$setup" | cut -f1)" $((SECONDS - start))
