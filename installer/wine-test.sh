#!/usr/bin/env bash
# `make windows-test` (after `make windows`): what reaches an office PC, tried under Wine.
#   1. the test suite (all but tests/ui/, whose window Qt cannot open under Wine 8.0) under Windows CPython
#   2. the frozen khdesk-cli.exe --self-test, its output piped (the window steps say why they cannot run)
#   3. the setup program: silent install, files and Start-menu entries read back, the installed command
#      line at work, silent uninstall that keeps the clerk's data folder
#   4. Vietnamese.isl has every message of the Default.isl of the ISCC that compiled the setup
# Each part prints its time; the whole run's time is the last line. `bash installer/wine-test.sh suite`
# (or selftest, setup, messages) runs one part.
source "$(dirname "$0")/wine-env.sh"
start=$SECONDS
need_debian_packages
ensure_python
ensure_iscc
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
parts=${*:-suite selftest setup messages}
failed=()

part_suite() {
    new_prefix suite
    # run from the repository (Z:\...), as on Linux; pytest's cache is not needed here
    (cd "$ROOT" && winpy -m pytest -q -p no:cacheprovider --ignore=tests/ui tests) | tee "$WORK/suite.log" | tail -25
}

part_selftest() {
    new_prefix selftest
    local exe=$DIST/windows/khdesk/khdesk-cli.exe
    [[ -f $exe ]] || { echo "thiếu $exe: chạy make windows trước" >&2; return 1; }
    # piped, as a script or `| more` in cmd.exe would read it: the lines must be Vietnamese, not mojibake
    wine "$exe" --self-test --no-window </dev/null 2>&1 | cat > "$WORK/selftest.log"
    local rc=${PIPESTATUS[0]}
    cat "$WORK/selftest.log"
    grep -q "Tự kiểm tra: tất cả đều tốt" "$WORK/selftest.log" || rc=1
    return "$rc"
}

part_setup() {
    new_prefix setup
    local setup=$DIST/khdesk-setup-$version.exe
    [[ -f $setup ]] || { echo "thiếu $setup: chạy make windows trước" >&2; return 1; }
    start_display 97
    trap stop_display RETURN
    local users=$WINEPREFIX/drive_c/users/$(whoami)
    local app=$users/AppData/Local/Programs/khdesk
    local menu=$users/AppData/Roaming/Microsoft/Windows/Start\ Menu/Programs/khdesk
    local data=$users/AppData/Local/khdesk
    wine "$setup" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$WORK/setup-install.log")" </dev/null 2>&1 | cat
    wineserver --wait || true
    local ok=0
    check() { if eval "$2"; then echo "OK   $1"; else echo "LỖI  $1"; ok=1; fi; }
    check "cài vào %LOCALAPPDATA%\\Programs\\khdesk: khdesk.exe, khdesk-cli.exe" \
        '[[ -f $app/khdesk.exe && -f $app/khdesk-cli.exe && -d $app/_internal/resources/fonts ]]'
    check "trình gỡ cài đặt: unins000.exe" '[[ -f $app/unins000.exe ]]'
    if ((ok)); then sed 's/^/    /' "$WORK/setup-install.log" | tail -8; return 1; fi
    # the names exactly as a clerk reads them in the Start menu (NFC, not «Gá»¡ cÃ i Ä‘áº·t»)
    local names; names=$(cd "$menu" 2>/dev/null && ls -1 | LC_ALL=C sort | tr '\n' '|')
    check "menu Start › khdesk: «$names»" '[[ $names == "Gỡ cài đặt khdesk.lnk|khdesk.lnk|" ]]'
    check "không tạo biểu tượng trên màn hình nền khi không chọn" \
        '! ls "$users"/Desktop/khdesk.lnk "$users"/Public/Desktop/khdesk.lnk >/dev/null 2>&1'
    # the installed command line makes the clerk's database in the data folder (the window would too)
    mkdir -p "$data"
    local db='C:\users\'"$(whoami)"'\AppData\Local\khdesk\khdesk.db'
    local out; out=$(wine "$app/khdesk-cli.exe" init "$db" --sample </dev/null 2>&1 | cat) || true
    check "khdesk-cli.exe init …\\khdesk.db --sample: «${out//$'\r'/}»" \
        '[[ -f $data/khdesk.db && $out == *"Đã tạo"*"kế hoạch mẫu tháng 2024-05"* ]]'
    out=$(wine "$app/khdesk-cli.exe" plans --db "$db" </dev/null 2>&1 | cat) || true
    check "khdesk-cli.exe plans: «${out//$'\r'/}»" '[[ $out == *"2024-05"*"47 nhiệm vụ"* ]]'
    wine "$app/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART </dev/null 2>&1 | cat
    wineserver --wait || true
    for _ in $(seq 30); do [[ -f $app/khdesk.exe ]] || break; sleep 1; done   # the uninstaller finishes in a copy of itself
    check "gỡ cài đặt: thư mục chương trình đã xóa" '[[ ! -f $app/khdesk.exe && ! -f $app/khdesk-cli.exe ]]'
    check "gỡ cài đặt: menu Start không còn khdesk" '[[ ! -e $menu/khdesk.lnk ]]'
    check "gỡ cài đặt: dữ liệu %LOCALAPPDATA%\\khdesk\\khdesk.db còn nguyên" '[[ -f $data/khdesk.db ]]'
    return "$ok"
}

part_messages() {
    python3 "$ROOT/installer/isl_messages.py" "$ISCC_DIR/Default.isl" "$ROOT/installer/Vietnamese.isl"
}

for part in $parts; do
    t=$SECONDS
    echo "== windows-test: $part"
    if "part_$part"; then status=OK; else status=LỖI; failed+=("$part"); fi
    echo "== windows-test: $part $status ($((SECONDS - t)) s)"
done
echo "windows-test: $((SECONDS - start)) s thêm vào CI${failed[*]:+; LỖI: ${failed[*]}}"
((${#failed[@]} == 0))
