#!/usr/bin/env bash
# Pictures of the setup wizard as a clerk sees it (README «Windows»), after `make windows`:
#   bash installer/wizard-screenshots.sh [OUT_DIR]     (default docs/; needs imagemagick and xdotool)
# Runs the setup under Wine on a virtual screen, takes each page, presses Enter for the next one.
source "$(dirname "$0")/wine-env.sh"
out=${1:-$ROOT/docs}
need_debian_packages
command -v import >/dev/null && command -v xdotool >/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq imagemagick xdotool >/dev/null
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")
new_prefix wizard
# Wine's own Tahoma has no Vietnamese letters with two marks (ệ, ữ: empty boxes); Windows' Segoe UI and
# Tahoma have them all. For the pictures, Wine's dialog fonts are replaced by DejaVu Sans.
for face in "Tahoma" "MS Shell Dlg" "MS Shell Dlg 2" "Segoe UI" "Verdana" "Arial" "Microsoft Sans Serif"; do
    wine reg add 'HKCU\Software\Wine\Fonts\Replacements' /v "$face" /d "DejaVu Sans" /f >/dev/null 2>&1
done
wineserver --wait || true
start_display 96
trap 'wineserver -k 2>/dev/null; stop_display' EXIT
wine "$DIST/khdesk-setup-$version.exe" </dev/null >/dev/null 2>&1 &
shot() {   # $1: the file's name; the wizard's window (the largest of that title), cut from the screen
    local id="" best=0 w h
    sleep 3
    for _ in $(seq 60); do
        for candidate in $(xdotool search --onlyvisible --name "Cài đặt - khdesk" 2>/dev/null); do
            read -r w h < <(xdotool getwindowgeometry "$candidate" | awk -F'[ x]+' '/Geometry/ {print $3, $4}')
            ((w * h > best)) && best=$((w * h)) id=$candidate
        done
        [[ -n $id ]] && break
        sleep 0.5
    done
    local x y
    read -r x y < <(xdotool getwindowgeometry "$id" | awk -F'[ ,]+' '/Position/ {print $3, $4}')
    read -r w h < <(xdotool getwindowgeometry "$id" | awk -F'[ x]+' '/Geometry/ {print $3, $4}')
    import -window root -crop "${w}x${h}+${x}+${y}" +repage "$out/$1"
    echo "$out/$1"
}
shot khdesk-setup-folder.png                                     # Chọn nơi cài đặt
xdotool key Return; shot khdesk-setup-tasks.png                  # Chọn việc làm thêm (the desktop shortcut)
xdotool key Return; shot khdesk-setup-ready.png                  # Sẵn sàng cài đặt
xdotool key Return; sleep 10; shot khdesk-setup-finished.png     # Hoàn tất (after the install)
