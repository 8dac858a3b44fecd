"""Where the files that ship with khdesk are (fonts, icons, sample data), from source and from the
PyInstaller bundle alike."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)        # PyInstaller one-folder build: _internal/
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
