import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before any Qt import

import pytest

from khdesk.db import Store
from khdesk.sample_data import new_database

FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = FIXTURES / "seed" / "ke-hoach-4969-KH-UBND-thang-5-2024.txt"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """No test touches the real per-user data folder."""
    monkeypatch.setenv("KHDESK_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture
def store(tmp_path):
    """An empty database (no catalogue)."""
    s = Store.create(tmp_path / "empty.db")
    yield s
    s.close()


@pytest.fixture
def sample_store(tmp_path):
    """A database as a newcomer gets it: the catalogue and the sample plan."""
    s = new_database(tmp_path / "sample.db", sample=True)
    yield s
    s.close()


@pytest.fixture
def seed_rows() -> dict[int, tuple[str, str]]:
    """The appendix table of the seed document: TT → (content, text of the agency cell on that row)."""
    rows = {}
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d+)\t(.*)\t(.*)$", line)
        if m:
            rows[int(m.group(1))] = (m.group(2), m.group(3))
    return rows
