"""The names a Windows DLL imports from another, and the names a DLL exports, read with pefile (pure
Python, so it runs on Linux). ``python pe_names.py QT6CORE.dll icuuc.dll STANDIN.dll`` exits 1 naming
every function Qt6Core.dll takes from icuuc.dll that the stand-in (installer/icuuc-standin.c) lacks."""
from __future__ import annotations

import sys

import pefile


def _pe(path: str, directory: str) -> pefile.PE:
    pe = pefile.PE(path, fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY[directory]])
    return pe


def imported_from(path: str, dll: str) -> set[str]:
    """Every function ``path`` imports from ``dll`` (the DLL's name compared without case)."""
    pe = _pe(path, "IMAGE_DIRECTORY_ENTRY_IMPORT")
    try:
        return {imp.name.decode() for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", [])
                if entry.dll.decode().lower() == dll.lower() for imp in entry.imports if imp.name}
    finally:
        pe.close()


def exported(path: str) -> set[str]:
    pe = _pe(path, "IMAGE_DIRECTORY_ENTRY_EXPORT")
    try:
        return {sym.name.decode() for sym in pe.DIRECTORY_ENTRY_EXPORT.symbols if sym.name} \
            if hasattr(pe, "DIRECTORY_ENTRY_EXPORT") else set()
    finally:
        pe.close()


def main(argv: list[str]) -> int:
    importer, dll, standin = argv
    needed = imported_from(importer, dll)
    if not needed:
        print(f"pe_names: {importer} không lấy hàm nào từ {dll}", file=sys.stderr)
        return 1
    missing = sorted(needed - exported(standin))
    if missing:
        print(f"pe_names: {standin} thiếu {len(missing)} hàm mà {importer} cần: {', '.join(missing)}",
              file=sys.stderr)
        return 1
    print(f"pe_names: {standin} có đủ {len(needed)} hàm mà {importer} lấy từ {dll}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
