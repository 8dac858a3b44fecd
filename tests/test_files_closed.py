"""Every file khdesk opens is closed when its work ends. Windows removes and replaces no open file,
so a connection or a handle left open means a backup folder that cannot be cleaned, a restore that
cannot put the copy in place, a refused file whose -wal/-shm stay beside it (seen under Windows
CPython: the self-test's folder could not be removed). Linux: no descriptor into the folder is left
open; Windows (``make windows-test``): the whole folder can be removed at once."""
import os
import shutil
import sys
from pathlib import Path

from khdesk.db import Store
from khdesk.db.backups import list_backups
from khdesk.errors import DatabaseError
from khdesk.formats.excel.reading import read_table
from khdesk.usecases.exporting import export_docx, export_plan
from khdesk.usecases.printing import print_plan
from khdesk.usecases.sample_data import new_database


def assert_nothing_open_in(folder: Path) -> None:
    if sys.platform == "win32":
        shutil.rmtree(folder)                          # PermissionError (WinError 32) if anything is open
        assert not folder.exists()
        return
    fds = Path("/proc/self/fd")
    held = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            held.append(target)
    assert held == []


def test_the_database_its_backups_and_outputs_are_closed_after_each_use(tmp_path):
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    db = folder / "k.db"
    new_database(db, sample=True).close()
    with Store.open(db) as store:                      # the day's backup
        copy = store.backup("thu-cong")
        store.restore_from(copy)
        store.copy_to(folder / "ban-sao.db")
        print_plan(store, "2024-05", folder / "ke-hoach.pdf", "all")
        export_plan(store, "2024-05", folder / "ke-hoach.xlsx")
        export_docx(store, "2024-05", folder / "ke-hoach.docx", "all")
    read_table(folder / "ke-hoach.xlsx")
    with Store.open(db, read_only=True) as reader:
        assert reader.plans.summaries()
    assert len(list_backups(db)) == 3                  # the day's, the manual one, the one before restoring
    damaged = folder / "hong.db"
    damaged.write_bytes(db.read_bytes()[:3000])
    try:
        Store.open(damaged)
    except DatabaseError:
        pass
    Store.recover(damaged, copy)
    with Store.open(damaged) as recovered:
        assert recovered.plans.summaries()
    assert len(list(folder.glob("hong.db.hong-*"))) == 1      # the damaged file kept aside, nothing else
    assert not list(folder.glob("hong.db-*"))
    assert_nothing_open_in(folder)
