"""What a khdesk bundle must hold for its window to open on the office PC, and what it must never hold.
PyInstaller's PySide6 hook collects Qt's plugins only when the building Python can import
PySide6.QtCore; when it cannot (Windows CPython under a Wine without icuuc.dll) the build used to
succeed with no plugin at all, and the window then stopped on every PC with «no Qt platform plugin
could be initialized». khdesk.spec calls ``problems`` on what it is about to collect and stops the build;
``python bundle_check.py FOLDER [win32|linux]`` checks a finished bundle (installer/wine-build.sh)."""
from __future__ import annotations

import sys
from pathlib import Path

# (what it is for, the file's path inside the bundle as it ends)
REQUIRED = {
    "win32": [
        ("cửa sổ trên Windows (Qt platform plugin)", "PySide6/plugins/platforms/qwindows.dll"),
        ("tự kiểm tra không cửa sổ (offscreen)", "PySide6/plugins/platforms/qoffscreen.dll"),
        ("giao diện kiểu Windows (style)", "PySide6/plugins/styles/qmodernwindowsstyle.dll"),
        ("biểu tượng .ico", "PySide6/plugins/imageformats/qico.dll"),
        ("in và hộp thoại in", "Qt6PrintSupport.dll"),
    ],
    "linux": [
        ("cửa sổ trên Linux (Qt platform plugin)", "PySide6/Qt/plugins/platforms/libqxcb.so"),
        ("tự kiểm tra không cửa sổ (offscreen)", "PySide6/Qt/plugins/platforms/libqoffscreen.so"),
        ("in và hộp thoại in", "PySide6/Qt/lib/libQt6PrintSupport.so.6"),
    ],
}
# Windows has its own ICU (10 1903+) and bcryptprimitives.dll (10+); a copy in the bundle would be the build
# machine's stand-in (installer/icuuc-standin.c, installer/bcryptprimitives-standin.c).
FORBIDDEN = {"win32": {"icuuc.dll": "ICU", "icu.dll": "ICU", "icuin.dll": "ICU",
                       "bcryptprimitives.dll": "bcryptprimitives.dll"}, "linux": {}}


def platform_key(platform: str) -> str:
    return "win32" if platform.startswith("win") else "linux"


def problems(paths, platform: str = sys.platform) -> list[str]:
    """One line per missing or forbidden file, for ``paths`` inside the bundle (either slash)."""
    key = platform_key(platform)
    names = [str(p).replace("\\", "/") for p in paths]
    found = []
    for purpose, needed in REQUIRED[key]:
        if not any(name == needed or name.endswith("/" + needed) for name in names):
            found.append(f"thiếu {needed} ({purpose})")
    for name in names:
        what = FORBIDDEN[key].get(name.rsplit("/", 1)[-1].lower())
        if what:
            found.append(f"không được có {name} ({what} của máy dựng; Windows có {what} riêng)")
    return found


def folder_problems(folder: Path, platform: str = sys.platform) -> list[str]:
    if not folder.is_dir():
        return [f"không có thư mục {folder}"]
    return problems([p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()], platform)


def main(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):            # Vietnamese through a Windows pipe (cp1252)
        stream.reconfigure(encoding="utf-8")
    folder = Path(argv[0])
    found = folder_problems(folder, argv[1] if len(argv) > 1 else sys.platform)
    for line in found:
        print(f"bundle_check: {folder}: {line}", file=sys.stderr)
    if not found:
        print(f"bundle_check: {folder}: đủ các plugin Qt cần cho cửa sổ")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
