import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before any Qt import

import pytest
from hypothesis import settings

# Property-based tests give the same result on every run (``make test``, CI): the examples are
# derived from the test itself, and nothing found on one machine changes another's run. What a
# run finds becomes an @example and a fix. ``KHDESK_HYPOTHESIS=explore make test`` searches anew.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("explore", max_examples=300, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("KHDESK_HYPOTHESIS", "ci"))

from seed_data import read_seed_rows  # noqa: E402  (after the profile: imports may build strategies)

from khdesk.db import Store  # noqa: E402
from khdesk.usecases.sample_data import new_database  # noqa: E402


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
    return read_seed_rows()


try:
    import pytestqt  # noqa: F401
except ImportError:
    # Windows CPython under Wine (make windows-test): pytest-qt is not installed there, since Qt cannot
    # start without icuuc.dll. A test that needs Qt's application says so instead of erroring.
    @pytest.fixture
    def qapp():
        from khdesk.ui.qt_available import qt_problem

        pytest.skip(f"needs Qt, which cannot start on this machine ({qt_problem() or 'pytest-qt not installed'})")
