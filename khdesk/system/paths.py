"""Where the clerk's data lives: the platform's per-user data folder, never the install folder.

``KHDESK_DATA_DIR`` overrides it (tests and portable use)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DEFAULT_DB_NAME = "khdesk.db"


def user_data_dir() -> Path:
    override = os.environ.get("KHDESK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("khdesk", appauthor=False, roaming=False))


def default_database_path() -> Path:
    return user_data_dir() / DEFAULT_DB_NAME
