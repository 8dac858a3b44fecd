"""The bad things, done for real: a second writer, a stale lock, a network share, a full disk, a
damaged file, backups and restores."""
import os
import socket
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from seed_data import reopened

from khdesk.db import Store, backups, location
from khdesk.db.lock import FileLocked, lock_path
from khdesk.db.store import CorruptDatabase
from khdesk.errors import DatabaseError
from khdesk.usecases.sample_data import new_database


@pytest.fixture
def db(tmp_path):
    new_database(tmp_path / "k.db", sample=True).close()
    return tmp_path / "k.db"


def test_a_second_writer_is_refused_and_told_who_holds_the_file(db):
    with Store.open(db):
        with pytest.raises(FileLocked) as info:
            Store.open(db)
        message = str(info.value)
        assert "đang được mở để sửa bởi" in message and socket.gethostname() in message
        with Store.open(db, read_only=True) as reader:           # reading is always possible
            assert [s.task_count for s in reader.plans.summaries()] == [47]
            first = reader.tasks.of_plan(reader.plans.by_month("2024-05").id)[0]
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader.tasks.update(first.id, status="done")            # (follow-up: the issued plan takes it)
    with Store.open(db) as again:                                  # released on close
        assert again.plans.summaries()
    assert not lock_path(db).exists()


def test_a_second_khdesk_process_is_refused(db, tmp_path):
    code = ("import sys, time; from khdesk.db import Store; s = Store.open(sys.argv[1]); "
            "print('open', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    book.active.append([1, "Một nhiệm vụ", "Sở Y tế"])
    book.save(tmp_path / "x.xlsx")
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(FileLocked):
            Store.open(db)
        result = subprocess.run([sys.executable, "main.py", "import-xlsx", "--db", str(db), "--plan", "2024-06",
                                 str(tmp_path / "x.xlsx")], capture_output=True, text=True, encoding="utf-8",
                                cwd=os.path.dirname(os.path.dirname(__file__)))
        assert result.returncode == 1 and "đang được mở để sửa" in result.stderr
        result = subprocess.run([sys.executable, "main.py", "plans", "--db", str(db)], capture_output=True,
                                text=True, encoding="utf-8", cwd=os.path.dirname(os.path.dirname(__file__)))
        assert result.returncode == 0 and "47 nhiệm vụ" in result.stdout      # reads while the window edits
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed: its lock is stale and is taken over
    assert lock_path(db).exists()
    with Store.open(db) as store:
        assert store.plans.summaries()


def test_a_lock_held_elsewhere_can_be_taken_over_on_purpose(db):
    lock_path(db).write_text('{"pid": 1, "host": "may-khac", "user": "chuyenvien2", "since": "2024-05-13T08:00:00"}',
                             encoding="utf-8")
    with pytest.raises(FileLocked, match="chuyenvien2 trên máy may-khac"):
        Store.open(db)
    with Store.open(db, take_over=True) as store:
        assert store.plans.summaries()


def test_a_network_share_gets_a_warning_and_no_wal(db, monkeypatch):
    monkeypatch.setattr("khdesk.db.store.is_network_path", lambda path: True)
    with Store.open(db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert "ổ mạng" in store.warning
    monkeypatch.undo()
    with Store.open(db) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal" and store.warning == ""


def test_a_local_folder_is_not_a_network_share(tmp_path):
    assert location.is_network_path(tmp_path) is False


@pytest.mark.skipif(sys.platform != "win32", reason="UNC paths (\\\\server\\share) exist only on Windows; "
                    "Linux shares are found in /proc/mounts")
def test_a_unc_path_is_a_network_share():
    assert location.is_network_path(r"\\server\share\k.db") is True
    assert location.is_network_path(r"\\192.168.1.5\du-lieu\khdesk\k.db") is True


def test_a_full_disk_rolls_back_and_the_next_edit_works(db):
    """SQLite's own "database or disk is full", made for real by capping the file's size."""
    with Store.open(db) as store:
        plan = reopened(store)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        before = [t.content for t in store.tasks.of_plan(plan.id)]
        with pytest.raises(sqlite3.OperationalError, match="full"):
            with store.transaction():
                for _ in range(50):
                    store.tasks.add(plan.id, "Nhiệm vụ dài " * 400, position=1)
        assert [t.content for t in store.tasks.of_plan(plan.id)] == before
        store.db.execute(f"PRAGMA max_page_count = {pages * 100}")
        store.tasks.add(plan.id, "Sau khi dọn ổ đĩa")
        assert store.tasks.of_plan(plan.id)[-1].content == "Sau khi dọn ổ đĩa"
    with Store.open(db) as store:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_first_opening_of_a_day_makes_a_backup(db):
    assert backups.list_backups(db) == []
    Store.open(db).close()
    made = backups.list_backups(db)
    assert [b.reason for b in made] == ["hang-ngay"] and made[0].plan_count() == 1
    Store.open(db).close()
    assert len(backups.list_backups(db)) == 1                     # not twice the same day


def test_backups_are_rotated_keeping_the_last_ten_and_one_per_month(db):
    folder = backups.folder_of(db)
    folder.mkdir()
    start = datetime(2024, 1, 1, 9, 0)
    for day in range(0, 120, 3):                                   # 40 old copies over four months
        with Store.open(db, daily_backup=False) as store:
            copy = sqlite3.connect(backups.backup_path(db, "hang-ngay", start + timedelta(days=day)))
            store.db.conn.backup(copy)
            copy.close()                           # (Windows deletes no open file: rotation could not)
    backups.rotate(db)
    kept = backups.list_backups(db)
    newest = sorted((start + timedelta(days=d) for d in range(0, 120, 3)), reverse=True)
    assert [b.taken for b in kept[:10]] == newest[:10]
    months = {(b.taken.year, b.taken.month) for b in kept}
    assert months == {(2024, 1), (2024, 2), (2024, 3), (2024, 4)} and len(kept) == 10 + 2


def test_restore_from_a_backup_after_backing_up_the_current_data(db):
    with Store.open(db) as store:
        copy = store.backup()
        plan = reopened(store)
        store.tasks.delete(store.tasks.of_plan(plan.id)[0].id)
        assert store.tasks.count(plan.id) == 46
        safety = store.restore_from(copy)
        assert store.tasks.count(plan.id) == 47
        assert "truoc-khoi-phuc" in safety.name
    with Store.open(safety, daily_backup=False) as old:
        assert old.tasks.count(plan.id) == 46


def test_a_damaged_file_is_refused_untouched_and_can_be_recovered_from_its_backup(db):
    with Store.open(db) as store:
        backup = store.backup()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 8), 7):    # scribble over a few pages
        data[offset] = (data[offset] + 91) % 256
    db.write_bytes(bytes(data))
    damaged = db.read_bytes()
    with pytest.raises(CorruptDatabase) as info:
        Store.open(db)
    assert db.read_bytes() == damaged and info.value.latest_backup == backup
    aside = Store.recover(db, info.value.latest_backup)
    assert aside.read_bytes() == damaged                          # the damaged file is kept
    with Store.open(db) as store:
        assert store.tasks.count(store.plans.by_month("2024-05").id) == 47


def test_a_read_only_folder_or_file_is_said(db, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    with pytest.raises(DatabaseError, match="chỉ cho phép đọc"):
        Store.open(db)
    monkeypatch.undo()
    with Store.open(db, read_only=True) as store:
        assert store.read_only


def test_commands_that_only_read_work_on_a_file_that_cannot_be_written(db, monkeypatch):
    from khdesk.cli import open_for_reading

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    with open_for_reading(db) as store:
        assert store.read_only and [s.task_count for s in store.plans.summaries()] == [47]


def test_a_copy_cut_short_is_never_listed_nor_counts_as_the_days_backup(db):
    """What a killed copy of an older version left: the right name, not a database, a journal."""
    folder = backups.folder_of(db)
    folder.mkdir()
    fake = backups.backup_path(db, "hang-ngay")
    fake.write_bytes(b"\0" * 5_000_000)
    Path(f"{fake}-journal").write_bytes(b"\0" * 512)
    half = backups.backup_path(db, "thu-cong")
    half.write_bytes(b"SQLite format 3\0" + b"\0" * 1000)
    Path(f"{half}-journal").write_bytes(b"\0" * 512)
    assert backups.list_backups(db) == []
    Store.open(db).close()                                         # the first opening of the day
    made = backups.list_backups(db)
    assert [b.reason for b in made] == ["hang-ngay"] and made[0].plan_count() == 1
    assert not list(folder.glob(".*dang-ghi*"))                    # the copy was written aside, then renamed


RACER = """
import json, os, sys, time
from pathlib import Path
from khdesk.db.lock import FileLocked, WriterLock
db, log, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
print("ready", flush=True)
while not go.exists():          # all racers start together, however slowly each process started
    time.sleep(0.005)
until = time.time() + 4
while time.time() < until:
    lock = WriterLock(db)
    try:
        lock.acquire()
    except FileLocked:
        continue
    start = time.time()
    time.sleep(0.002)
    with open(log, "a") as f:
        f.write(json.dumps([os.getpid(), start, time.time()]) + "\\n")
    lock.release()
print("done")
"""


def test_many_processes_racing_for_the_lock_never_hold_it_together(db, tmp_path):
    """Taking, taking over and releasing race with each other; the system's lock decides."""
    import json

    log, go = tmp_path / "holds.log", tmp_path / "go"
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(db), str(log), str(go)],
                               stdout=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(__file__))})
              for _ in range(8)]
    assert [r.stdout.readline().strip() for r in racers] == ["ready"] * 8
    go.touch()
    assert [r.communicate(timeout=60)[0].strip() for r in racers] == ["done"] * 8
    holds = sorted(json.loads(line) for line in log.read_text().splitlines())
    holds.sort(key=lambda h: h[1])
    assert len(holds) > 50 and len({h[0] for h in holds}) > 1
    for before, after in zip(holds, holds[1:]):
        assert after[1] >= before[2], f"two holders at once: {before} {after}"
    if sys.platform == "win32":
        # Windows removes no file another racer has open at that moment: the last lock file may stay,
        # released — the next khdesk takes it at once
        with Store.open(db, daily_backup=False):
            pass
    else:
        assert not lock_path(db).exists()


def test_a_lock_left_empty_by_a_full_disk_or_by_a_killed_holder_is_no_obstacle(db):
    lock_path(db).write_text("", encoding="utf-8")                  # a full disk: created, nothing written
    with Store.open(db) as store:
        assert store.plans.summaries()
    lock_path(db).write_text("{garbled", encoding="utf-8")
    with Store.open(db) as store:
        assert store.plans.summaries()
    code = ("import sys, time; from khdesk.db import Store; s = Store.open(sys.argv[1]); "
            "print('open', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert holder.stdout.readline().strip() == "open"
        lock_path(db).write_text("", encoding="utf-8")              # its text lost: the system's lock still holds
        with pytest.raises(FileLocked, match="trong một cửa sổ khdesk khác"):
            Store.open(db)
    finally:
        holder.kill()
        holder.wait()
    with Store.open(db) as store:
        assert store.plans.summaries()


def _planted(db, make) -> None:
    """``make(lock)`` plants something at the lock's path; opening the database must refuse, naming it, and
    leave every byte of the database (and of what the link points to) as it was."""
    from khdesk.db.lock import LockRefused

    before = db.read_bytes()
    make(lock_path(db))
    with pytest.raises(LockRefused, match="khdesk-lock"):
        Store.open(db)
    result = subprocess.run([sys.executable, "main.py", "plans", "--db", str(db)], capture_output=True, text=True,
                            encoding="utf-8", cwd=os.path.dirname(os.path.dirname(__file__)))
    assert result.returncode == 1 and "không phải tệp khóa của khdesk" in result.stderr
    assert db.read_bytes() == before


def _symlink(target, link) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as err:          # Windows without the right to make links
        pytest.skip(f"this system does not let a user make a symbolic link ({err})")
    if not os.path.lexists(link):                          # Wine's CreateSymbolicLink reports success, makes none
        pytest.skip("this system reported a symbolic link made but made none (Wine)")


def test_a_lock_that_is_a_symbolic_link_to_the_database_writes_nothing_into_it(db):
    _planted(db, lambda lock: _symlink(db, lock))


def test_a_lock_that_is_a_hard_link_to_the_database_writes_nothing_into_it(db):
    """(on NTFS a hard link needs no administrator's right)"""
    _planted(db, lambda lock: os.link(db, lock))


def test_a_lock_pointing_at_another_file_or_another_file_under_its_name_is_left_alone(db, tmp_path):
    precious = tmp_path / "quan-trong.txt"
    precious.write_text("Báo cáo quan trọng", encoding="utf-8")
    _planted(db, lambda lock: _symlink(precious, lock))
    assert precious.read_text(encoding="utf-8") == "Báo cáo quan trọng"
    lock_path(db).unlink()
    _planted(db, lambda lock: lock.write_text("Báo cáo quan trọng, chép nhầm tên", encoding="utf-8"))
    assert lock_path(db).read_text(encoding="utf-8") == "Báo cáo quan trọng, chép nhầm tên"


def test_a_read_only_file_with_changes_still_in_its_wal_is_read_whole(tmp_path, monkeypatch):
    """On read-only media khdesk cannot make the -shm a WAL file needs; it opened the file «immutable» and
    printed it without the committed changes still in its -wal (stale, exit 0). Now it reads a copy."""
    from khdesk.db import connection as store_module

    path = tmp_path / "k.db"
    new_database(path, sample=True).close()
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE plans SET subject = 'Đã sửa, còn trong -wal'")
    writer.commit()                                   # committed, not yet in the main file
    assert Path(f"{path}-wal").stat().st_size > 0
    stale = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    assert stale.execute("SELECT subject FROM plans").fetchone()[0] != "Đã sửa, còn trong -wal"   # what it did
    stale.close()
    real_connect, calls = sqlite3.connect, []

    def read_only_media(database, *args, **kwargs):   # the plain way fails as on a CD: no -shm can be made
        calls.append(database)
        if len(calls) == 1:                           # fails on its first statement, as the real one does
            return CannotOpen()
        return real_connect(database, *args, **kwargs)

    class CannotOpen:
        def execute(self, *args):
            raise sqlite3.OperationalError("unable to open database file")

        def close(self):
            pass

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only_media)
    monkeypatch.setattr(store_module.os, "access", lambda p, mode: False)
    conn = store_module.connect_read_only(path)
    try:
        assert conn.execute("SELECT subject FROM plans").fetchone()[0] == "Đã sửa, còn trong -wal"
        assert "immutable" not in calls[-1] and str(tmp_path) not in calls[-1]     # a copy, elsewhere
    finally:
        conn.close()
        writer.close()
