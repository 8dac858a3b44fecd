"""Checks an Inno Setup translation against the Default.isl it translates:

    python3 installer/isl_messages.py DEFAULT.isl Vietnamese.isl

Every message of [Messages] and [CustomMessages] is there and no other; each keeps the placeholders
Setup fills in (%1 … %9, [name], [name/ver], [gb], [mb]) — a lost %1 shows the clerk a sentence
without the program's name; at most one & (the Alt key) per message; the file starts with a UTF-8
BOM, or ISCC reads it in the ANSI code page and the Vietnamese turns into mojibake. Prints one line
per problem; exit 1 if any. Also imported by tests/test_windows_delivery.py."""
from __future__ import annotations

import re
import sys
from pathlib import Path

_PLACEHOLDER = re.compile(r"%[1-9]|\[(?:name|name/ver|gb|mb|kb)\]")
_SECTIONS = ("Messages", "CustomMessages")


def read_isl(path: Path) -> dict[str, dict[str, str]]:
    """{section: {name: text}} of the message sections (comments and [LangOptions] left out)."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        name, sep, text = line.partition("=")
        if sep and current is not None:
            current[name.strip()] = text
    return {name: sections.get(name, {}) for name in _SECTIONS}


def problems(default: Path, translation: Path) -> list[str]:
    found = []
    if not translation.read_bytes().startswith(b"\xef\xbb\xbf"):
        found.append(f"{translation.name}: không có BOM UTF-8 (ISCC sẽ đọc theo bảng mã ANSI)")
    ours, theirs = read_isl(translation), read_isl(default)
    for section in _SECTIONS:
        for name in sorted(theirs[section].keys() - ours[section].keys()):
            found.append(f"[{section}] thiếu {name}")
        for name in sorted(ours[section].keys() - theirs[section].keys()):
            found.append(f"[{section}] thừa {name} (không có trong {default.name})")
        for name in sorted(theirs[section].keys() & ours[section].keys()):
            want = sorted(_PLACEHOLDER.findall(theirs[section][name]))
            have = sorted(_PLACEHOLDER.findall(ours[section][name]))
            if want != have:
                found.append(f"[{section}] {name}: chỗ điền {have}, cần {want}")
            if ours[section][name].replace("&&", "").count("&") > 1:
                found.append(f"[{section}] {name}: nhiều hơn một dấu & (phím tắt)")
    return found


def main(argv: list[str]) -> int:
    default, translation = map(Path, argv)
    found = problems(default, translation)
    for line in found:
        print(line)
    counted = sum(len(v) for v in read_isl(translation).values())
    print(f"{translation.name}: {counted} thông điệp, " + (f"{len(found)} lỗi" if found else "đủ so với " + default.name))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
