"""Each failure gets its own true message: held by another program, disk full, a folder, a file
that cannot be read, damaged (only when SQLite says so). Never "lỗi không mong đợi" for these."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from khdesk.cli import main
from khdesk.db import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path):
    from khdesk.usecases.sample_data import new_database

    new_database(tmp_path / "k.db", sample=True).close()
    return tmp_path / "k.db"


@pytest.fixture
def xlsx(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    wb.active.append([1, "Một nhiệm vụ", "Sở Y tế"])
    wb.save(tmp_path / "in.xlsx")
    return tmp_path / "in.xlsx"


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "không mong đợi" not in err[0], err
    return err[0]


def test_a_file_another_program_holds_exclusively_is_not_called_damaged(db, capsys):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA locking_mode=EXCLUSIVE'); "
        "c.execute('BEGIN EXCLUSIVE'); c.execute('CREATE TABLE x(a)'); print('held', flush=True); time.sleep(60)"),
        str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert holder.stdout.readline().strip() == "held"
        assert main(["plans", "--db", str(db)]) == 1
        message = one_line(capsys)
        assert "chương trình khác khóa" in message and "hỏng" not in message
    finally:
        holder.kill()
        holder.wait()
    assert main(["plans", "--db", str(db)]) == 0


def test_a_full_disk_during_an_import_says_so_and_writes_nothing(db, xlsx, capsys, monkeypatch):
    opened = Store.open

    def full(*args, **kwargs):
        store = opened(*args, **kwargs)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")        # not one page more
        return store

    monkeypatch.setattr(Store, "open", full)
    wb = openpyxl.load_workbook(xlsx)
    for i in range(2, 400):
        wb.active.append([i, "Nhiệm vụ rất dài " * 200, "Sở Y tế"])
    wb.save(xlsx)
    assert main(["import-xlsx", "--db", str(db), "--plan", "2026-01", str(xlsx)]) == 1
    assert "ổ đĩa đã đầy" in one_line(capsys)
    monkeypatch.undo()
    with Store.open(db, read_only=True) as store:
        assert [s.plan.month for s in store.plans.summaries()] == ["2024-05"]


def test_a_folder_or_an_unreadable_file_given_as_input(db, tmp_path, capsys, monkeypatch):
    assert main(["import-xlsx", "--db", str(db), "--plan", "2026-01", str(tmp_path)]) == 1
    assert "là một thư mục" in one_line(capsys)
    locked = tmp_path / "khoa.xlsx"
    locked.write_bytes(b"PK\x03\x04")
    real_open = Path.open

    def refuse(self, *args, **kwargs):                               # (the tests run as root: chmod alone
        if self == locked:                                           #  would not stop them reading)
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert main(["import-xlsx", "--db", str(db), "--plan", "2026-01", str(locked)]) == 1
    assert "không có quyền" in one_line(capsys)


def test_damaged_is_said_only_of_a_damaged_file(db, capsys):
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)                           # the first page's content
    db.write_bytes(bytes(data))
    assert main(["plans", "--db", str(db)]) == 1
    assert "bị hỏng" in one_line(capsys)


def test_a_file_on_read_only_media_is_read_and_never_called_damaged(db, tmp_path, capsys, monkeypatch):
    """A CD or a read-only mount, as SQLite and the system meet it there: a WAL file cannot be opened
    read-only the ordinary way ("unable to open database file", no -shm can be made), the folder
    cannot be written, removing anything fails. (The same commands were run by hand on a real
    read-only bind mount.)"""
    import khdesk.db.store as store_module

    real_connect, real_access, real_unlink = sqlite3.connect, os.access, Path.unlink

    class Unopenable:                                                # opens, then fails on first use
        def execute(self, *args):
            raise sqlite3.OperationalError("unable to open database file")

        def close(self):
            pass

    def connect(target, *args, **kwargs):
        if isinstance(target, str) and "mode=ro" in target and "immutable=1" not in target:
            return Unopenable()
        return real_connect(target, *args, **kwargs)

    def unlink(self, missing_ok=False):
        if self.parent == db.parent:
            raise OSError(30, "Read-only file system", str(self))
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) in (db, db.parent) and mode == os.W_OK
                        else real_access(p, mode, **kw))
    monkeypatch.setattr(Path, "unlink", unlink)
    assert main(["plans", "--db", str(db)]) == 0
    assert "47 nhiệm vụ" in capsys.readouterr().out
    elsewhere = tmp_path / "elsewhere"                               # a folder that can be written
    elsewhere.mkdir()
    assert main(["print", "--db", str(db), "--plan", "2024-05", "-o", str(elsewhere / "out.pdf")]) == 0
    assert (elsewhere / "out.pdf").stat().st_size > 10_000
    assert main(["import-xlsx", "--db", str(db), "--plan", "2026-01", str(elsewhere / "out.pdf")]) == 1
    message = one_line(capsys)
    assert "chỉ cho phép đọc" in message or "không phải bảng tính" in message
    assert "hỏng" not in message


FULL_DISK = """
import errno, io, sys
real_open = io.open
class Full:
    def __init__(self, f):
        self.f, self.n = f, 0
    def write(self, b):
        self.n += len(b)
        if self.n > 3000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.f.write(b)
    def __getattr__(self, name):
        return getattr(self.f, name)
def fake_open(file, mode="r", *args, **kwargs):
    f = real_open(file, mode, *args, **kwargs)
    return Full(f) if ".khdesk-" in str(file) and "w" in mode else f
io.open = fake_open
from khdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [["export-xlsx", "--plan", "2024-05"], ["export-xlsx", "--report", "--plan", "2024-05"],
                                     ["export-docx", "--plan", "2024-05", "--part", "all"]])
def test_a_write_that_fails_half_way_says_one_line_and_nothing_after(tmp_path, command):
    """«Exception ignored in ZipFile.__del__ … OSError: [Errno 28]» was printed after khdesk's own line (the
    disk fills up after 3,000 bytes of the output)."""
    import subprocess

    db = tmp_path / "k.db"
    assert subprocess.run([sys.executable, "main.py", "init", str(db), "--sample"], cwd=ROOT,
                          capture_output=True).returncode == 0
    out = tmp_path / ("out.docx" if "export-docx" in command else "out.xlsx")
    result = subprocess.run([sys.executable, "-c", FULL_DISK, *command, "--db", str(db), "-o", str(out)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("khdesk: Không ghi được tệp") and "ổ đĩa đã đầy" in lines[0], \
        result.stderr
