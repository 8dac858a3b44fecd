#!/usr/bin/env bash
# `make windows-test` (after `make windows`): what reaches an office PC, tried under Wine (every prefix has
# the build machine's stand-in icuuc.dll, so Qt starts as on Windows 10 1903+; see wine-env.sh).
#   1. the whole test suite, window tests included (offscreen, as on Linux), under Windows CPython
#   2. the frozen khdesk-cli.exe --self-test on a screen (Xvfb, 1366x768 and 1024x768): its window steps on
#      the real platform plugin (qwindows.dll), a clerk's month in the window, pictures (build/windows/pictures)
#   3. the frozen khdesk.exe started on a sample database at 1366x768 and 1024x768: its main window found
#      by its title and photographed (xwd)
#   4. the setup program: silent install, files and Start-menu entries read back, the installed command
#      line at work, the installed khdesk.exe opening its window, silent uninstall that keeps the data
#   5. Vietnamese.isl has every message of the Default.isl of the ISCC that compiled the setup
# Each part prints its time; the whole run's time is the last line. `bash installer/wine-test.sh suite`
# (or selftest, window, setup, messages) runs one part.
source "$(dirname "$0")/wine-env.sh"
start=$SECONDS
need_debian_packages
ensure_python
ensure_icu_standin
ensure_iscc
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
parts=${*:-suite selftest window setup messages}
failed=()
PICTURES=$WORK/pictures

part_suite() {
    new_prefix suite
    # run from the repository (Z:\...), as on Linux; pytest's cache is not needed here
    (cd "$ROOT" && QT_QPA_PLATFORM=offscreen winpy -m pytest -q -p no:cacheprovider tests) | tee "$WORK/suite.log" | tail -25
    grep -Eq '^[0-9]+ passed' "$WORK/suite.log" && ! grep -Eq '[0-9]+ (failed|error)' "$WORK/suite.log"
}

part_selftest() {
    local exe=$DIST/windows/khdesk/khdesk-cli.exe rc=0 size log
    [[ -f $exe ]] || { echo "thiếu $exe: chạy make windows trước" >&2; return 1; }
    for size in 1366x768 1024x768; do
        new_prefix selftest
        start_display 97 "$size"
        rm -rf "${PICTURES:?}/$size" && mkdir -p "$PICTURES/$size"
        log=$WORK/selftest-$size.log
        # piped, as a script or `| more` in cmd.exe would read it: the lines must be Vietnamese, not mojibake
        wine "$exe" --self-test --pictures "$(winpath "$PICTURES/$size")" </dev/null 2>&1 | cat > "$log"
        ((PIPESTATUS[0] == 0)) || rc=1
        stop_display
        echo "-- màn hình $size"
        cat "$log"
        grep -q "Tự kiểm tra: tất cả đều tốt" "$log" || rc=1
        # the window steps ran on Windows' own platform plugin, not offscreen
        grep -q "^OK   cửa sổ .*(windows, " "$log" || { echo "LỖI  cửa sổ không mở bằng qwindows.dll" >&2; rc=1; }
        grep -q "^OK   làm việc trong cửa sổ" "$log" || rc=1
    done
    return "$rc"
}

# Start a khdesk.exe ($1) on a database ($2, Windows path), find its main window by its title
# («khdesk — <database>») on the current display, save a picture of it ($3, .png), end it.
window_picture() {
    local exe=$1 db=$2 png=$3 id=""
    local log=$WORK/window-$(basename "$png" .png).log
    wine "$exe" --db "$db" </dev/null 2>&1 | cat > "$log" &
    local pid=$! started=$SECONDS
    while ((SECONDS - started < 90)); do
        id=$(xwininfo -root -tree 2>/dev/null | grep -E '"khdesk (—|\\342\\200\\224) ' | grep -v '"khdesk — Lỗi' \
             | awk '{print $1}' | head -1)
        [[ -n $id ]] && break
        sleep 1
    done
    if [[ -z $id ]]; then
        echo "LỖI  không thấy cửa sổ «khdesk — …» sau 90 s; các cửa sổ đang có:" >&2
        xwininfo -root -tree 2>/dev/null | grep '"' | head -20 >&2
        cat "$log" >&2
        wineserver -k || true
        wait "$pid" || true
        return 1
    fi
    local seconds=$((SECONDS - started))
    sleep 3                       # the grid's rows measured, the pane filled
    xwd -silent -id "$id" -out "$png.xwd" && convert "xwd:$png.xwd" "$png" && rm -f "$png.xwd"
    local title; title=$(xwininfo -id "$id" | sed -n 's/^xwininfo: Window id: [^ ]* //p')
    echo "OK   cửa sổ chính ${title} hiện sau ~${seconds} s; ảnh ${png#$ROOT/}"
    wineserver -k || true         # what a clerk's «Đóng» would do is tested in the suite
    wait "$pid" || true
}

part_window() {
    local cli=$DIST/windows/khdesk/khdesk-cli.exe exe=$DIST/windows/khdesk/khdesk.exe ok=0
    [[ -f $exe ]] || { echo "thiếu $exe: chạy make windows trước" >&2; return 1; }
    for size in 1366x768 1024x768; do
        new_prefix window
        start_display 97 "$size"
        mkdir -p "$PICTURES/$size"
        wine "$cli" init 'C:\khdesk-mau.db' --sample </dev/null 2>&1 | cat
        window_picture "$exe" 'C:\khdesk-mau.db' "$PICTURES/$size/khdesk-exe.png" || ok=1
        stop_display
    done
    return "$ok"
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
    # the program the Start menu starts opens its window on that database
    check "khdesk.exe đã cài mở cửa sổ" 'window_picture "$app/khdesk.exe" "$db" "$PICTURES/installed-khdesk-exe.png"'
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
