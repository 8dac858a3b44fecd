"""No output (PDF, Excel, Word, a copy) ever replaces the database, its companions, its backups or
anything that is not a plain file; a new output gets the user's usual permissions."""
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def khdesk(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "KHDESK_DATA_DIR": str(Path(args[-1]).parent / "data")})


@pytest.fixture
def db(tmp_path):
    from khdesk.usecases.sample_data import new_database

    path = tmp_path / "k.db"
    with new_database(path, sample=True) as store:
        store.backup("thu-cong")
    return path


COMMANDS = {
    "print": lambda db, out: ("print", "--db", db, "--plan", "2024-05", "-o", out),
    "export-xlsx": lambda db, out: ("export-xlsx", "--db", db, "--plan", "2024-05", "-o", out),
    "export-docx": lambda db, out: ("export-docx", "--db", db, "--plan", "2024-05", "-o", out),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_never_replaces_the_database_its_companions_or_backups(db, command):
    backup = next((db.parent / "khdesk-sao-luu").glob("*.db"))
    other = db.parent / "other.db"
    other.write_bytes(db.read_bytes())
    lock = db.with_name(db.name + ".khdesk-lock")
    lock.write_text("{}")
    for target in (db, backup, other, lock, db.with_name(db.name + "-wal")):
        before = target.read_bytes() if target.exists() else None
        result = khdesk(*COMMANDS[command](db, target))
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, (target, result.stderr)
        assert "khdesk" in result.stderr and "lỗi không mong đợi" not in result.stderr
        assert (target.read_bytes() if target.exists() else None) == before, target
    assert not list(db.parent.glob(".khdesk-*"))                   # no temporary file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX by nature: Windows has no named pipe in a folder")
def test_an_output_never_replaces_a_pipe(db):
    fifo = db.parent / "pipe.pdf"
    os.mkfifo(fifo)
    result = khdesk(*COMMANDS["print"](db, fifo))
    assert result.returncode == 1 and "không phải tệp thường" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_output_never_replaces_a_device(db):
    device = Path("NUL" if sys.platform == "win32" else "/dev/null")
    result = khdesk(*COMMANDS["print"](db, device))
    assert result.returncode == 1 and "không phải tệp thường" in result.stderr, result.stderr
    if sys.platform != "win32":
        assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits; a Windows file has only its read-only "
                    "attribute (test_a_read_only_output_is_left_as_it_was)")
def test_a_new_output_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(db):
    out = db.parent / "phu-luc.pdf"
    old = os.umask(0o022)
    try:
        assert khdesk(*COMMANDS["print"](db, out)).returncode == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        os.chmod(out, 0o640)
        assert khdesk(*COMMANDS["print"](db, out)).returncode == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform != "win32", reason="POSIX replaces a file another program has open (the program "
                    "keeps reading the old one); Windows refuses, and `make windows-test` runs this there")
@pytest.mark.parametrize("command", ["print", "export-xlsx"])
def test_an_output_open_in_another_program_is_named_and_left_as_it_was(db, command):
    out = db.parent / ("phu-luc.pdf" if command == "print" else "ke-hoach.xlsx")
    assert khdesk(*COMMANDS[command](db, out)).returncode == 0
    before = out.read_bytes()
    # a viewer holding the file open, as Acrobat Reader or Excel do (no FILE_SHARE_DELETE)
    viewer = subprocess.Popen([sys.executable, "-c", "import sys, time; f = open(sys.argv[1], 'rb'); "
                               "print('open', flush=True); time.sleep(120)", str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert viewer.stdout.readline().strip() == "open"
        result = khdesk(*COMMANDS[command](db, out))
    finally:
        viewer.kill()
        viewer.wait()
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"«{out}»: tệp đang mở trong một chương trình khác" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == before
    assert not list(db.parent.glob(".khdesk-*"))                   # no temporary file left


@pytest.mark.skipif(sys.platform != "win32", reason="on POSIX a read-only file in a writable folder can be replaced "
                    "(the folder's permission decides); Windows refuses, and `make windows-test` runs this there")
def test_a_read_only_output_is_left_as_it_was(db):
    out = db.parent / "phu-luc.pdf"
    assert khdesk(*COMMANDS["print"](db, out)).returncode == 0
    before = out.read_bytes()
    os.chmod(out, stat.S_IREAD)                                    # the read-only attribute
    try:
        result = khdesk(*COMMANDS["print"](db, out))
    finally:
        os.chmod(out, stat.S_IREAD | stat.S_IWRITE)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"«{out}» được đặt chỉ đọc" in result.stderr and "đang mở trong một chương trình khác" not in result.stderr
    assert out.read_bytes() == before and not list(db.parent.glob(".khdesk-*"))
