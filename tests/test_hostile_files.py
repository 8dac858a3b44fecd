"""Small crafted spreadsheets cannot take the machine: each is read in a process allowed 700 MB of
address space, gives one clear line or imports only what the sheet really holds, and writes
nothing when refused. (How fast: ``bench/hostile_files.py``.)"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import hostile_xlsx
import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 700 * 1024 * 1024
# POSIX: the address space is capped, so a file that needed more would end in MemoryError.
LIMITED = f"""
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({LIMIT}, {LIMIT}))
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""
# Windows has no such cap for one process (a job object's limit is not enforced under Wine): the
# process's peak memory (working set) is written at exit and checked against the same 700 MB.
MEASURED = """
import atexit, ctypes, os, runpy, sys
from ctypes import wintypes

class Counters(ctypes.Structure):
    _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [(name, ctypes.c_size_t) for name in (
        "PeakWorkingSetSize", "WorkingSetSize", "QuotaPeakPagedPoolUsage", "QuotaPagedPoolUsage",
        "QuotaPeakNonPagedPoolUsage", "QuotaNonPagedPoolUsage", "PagefileUsage", "PeakPagefileUsage")]

def peak():
    counters = Counters(cb=ctypes.sizeof(Counters))
    kernel32, psapi = ctypes.WinDLL("kernel32"), ctypes.WinDLL("psapi")
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    psapi.GetProcessMemoryInfo.argtypes = [wintypes.HANDLE, ctypes.c_void_p, wintypes.DWORD]
    assert psapi.GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb)
    with open(os.environ["KHDESK_PEAK_FILE"], "w") as f:
        f.write(str(counters.PeakWorkingSetSize))

atexit.register(peak)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.fixture
def db(tmp_path):
    from khdesk.usecases.sample_data import new_database

    new_database(tmp_path / "k.db", sample=True).close()
    return tmp_path / "k.db"


def import_limited(db: Path, xlsx: Path):
    peak_file = db.parent / "peak.txt"
    result = subprocess.run([sys.executable, "-c", MEASURED if sys.platform == "win32" else LIMITED,
                             str(ROOT / "main.py"), "import-xlsx", "--db", str(db), "--plan", "2026-01", str(xlsx)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120,
                            env={**os.environ, "KHDESK_DATA_DIR": str(db.parent / "data"),
                                 "KHDESK_PEAK_FILE": str(peak_file)})
    if sys.platform == "win32":
        peak = int(peak_file.read_text())
        assert 0 < peak < LIMIT, f"peak working set {peak / 2**20:.0f} MB"
    return result


def task_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM tasks").fetchone()[0]
    finally:
        conn.close()                       # Windows: an open file cannot be removed with its folder


@pytest.mark.parametrize("build, words", [
    (hostile_xlsx.huge_shared_string, "nhiều hơn một ô Excel chứa được"),
    (lambda p: hostile_xlsx.huge_shared_string(p, length=30_000, rows=1000), "hơn 20.000.000 ký tự"),
    (hostile_xlsx.lying_sizes, "bị hỏng"),
    (hostile_xlsx.nul_in_sheet, "bị hỏng"),
])
def test_a_hostile_file_is_refused_and_nothing_is_written(db, tmp_path, build, words):
    before = task_count(db)
    result = import_limited(db, build(tmp_path / "x.xlsx"))
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "không mong đợi" not in lines[0], result.stderr
    assert task_count(db) == before


def test_a_real_zip_bomb_is_refused_by_the_bytes_it_inflates(db, tmp_path):
    before = task_count(db)
    result = import_limited(db, hostile_xlsx.lying_sizes(tmp_path / "x.xlsx", inflated=150_000_000,
                                                         honest_headers=True))
    assert result.returncode == 1 and "giải nén lớn bất thường" in result.stderr, result.stderr
    assert task_count(db) == before


@pytest.mark.parametrize("build", [hostile_xlsx.merged_to_the_end, hostile_xlsx.cell_at_the_end])
def test_a_range_to_the_end_of_the_sheet_is_clipped_to_what_it_holds(db, tmp_path, build):
    before = task_count(db)
    result = import_limited(db, build(tmp_path / "x.xlsx"))
    assert result.returncode == 0, result.stderr
    assert task_count(db) == before + 1                            # the one real task
