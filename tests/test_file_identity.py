"""Each database its own identity (issue 27, item 4): the key that signs result sheets travels in every
copy of a file, so a sheet exported from ``cp k.db copy.db`` was taken by ``k.db``. A file now knows where
it was made; a copy or a moved file signs and takes no sheet until the clerk says which it is, and a copy
confirmed as a new database has a key of its own. «Lưu bản sao…» is a new database at once."""
import os
import shutil
from datetime import datetime

import pytest

from khdesk.cli import main
from khdesk.db import Store
from khdesk.db.identity import CopiedDatabase
from khdesk.errors import DatabaseError, InvalidInput
from khdesk.usecases.results import export_results, read_results
from tests.test_results_excel import fill

CT = "Sở Công Thương"


def sheet_of(store, path):
    export_results(store, "2024-05", store.agencies.find(CT).id, path)
    fill(path, {16: ("Hoàn thành", "Đã trình", datetime(2024, 5, 28), None)})
    return path


@pytest.fixture
def original(sample_store):
    path = sample_store.path
    sample_store.close()
    return path


def test_a_copy_made_by_hand_signs_nothing_until_the_clerk_says_it_is_a_new_database(original, tmp_path, capsys):
    copy = tmp_path / "copy.db"
    shutil.copy(original, copy)
    with Store.open(copy) as store:
        found = store.identity()
        assert not found.settled and found.original_there
        with pytest.raises(CopiedDatabase, match="là bản sao của"):
            export_results(store, "2024-05", store.agencies.find(CT).id, tmp_path / "s.xlsx")
    assert not (tmp_path / "s.xlsx").exists()
    # on the command line: the same refusal, one line, and «the same file moved» is refused while the original is there
    assert main(["export-results", "--db", str(copy), "--plan", "2024-05", "--agency", CT, "-o",
                 str(tmp_path / "s.xlsx")]) == 1
    assert "main.py identity" in capsys.readouterr().err
    assert main(["identity", "--db", str(copy), "--moved"]) == 1
    assert "Tệp gốc vẫn còn" in capsys.readouterr().err
    assert main(["identity", "--db", str(copy), "--new"]) == 0
    with Store.open(copy) as store:
        assert store.identity().settled
        from_copy = sheet_of(store, tmp_path / "tu-ban-sao.xlsx")
        read_results(store, from_copy)                                   # the copy takes its own sheet
    with Store.open(original) as store:
        with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
            read_results(store, from_copy)                               # … and the original does not
        from_original = sheet_of(store, tmp_path / "tu-ban-goc.xlsx")
    with Store.open(copy) as store:
        with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
            read_results(store, from_original)


def test_a_sheet_exported_before_the_copy_is_still_taken_by_the_original(original, tmp_path):
    with Store.open(original) as store:
        sent = sheet_of(store, tmp_path / "da-gui.xlsx")
    copy = tmp_path / "copy.db"
    shutil.copy(original, copy)
    with Store.open(copy) as store:
        with pytest.raises(CopiedDatabase):
            read_results(store, sent)                                    # unconfirmed: takes nothing
        store.confirm_identity(new_database=True)
        with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
            read_results(store, sent)
    with Store.open(original) as store:
        assert len(read_results(store, sent).changes) == 1


def test_save_a_copy_is_a_new_database_at_once(original, tmp_path):
    with Store.open(original) as store:
        copy = store.copy_to(tmp_path / "luu-ban-sao.db")
        sent = sheet_of(store, tmp_path / "s.xlsx")
    with Store.open(copy) as store:
        assert store.identity().settled                                  # made for where it is: nothing to ask
        with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
            read_results(store, sent)
        assert len(read_results(store, sheet_of(store, tmp_path / "s2.xlsx")).changes) == 1


def test_a_file_renamed_on_its_disk_is_the_same_database(original, tmp_path):
    with Store.open(original) as store:
        sent = sheet_of(store, tmp_path / "s.xlsx")
    renamed = original.with_name("ke-hoach-2024.db")
    os.replace(original, renamed)
    with Store.open(renamed) as store:
        assert store.identity().settled
        assert len(read_results(store, sent).changes) == 1


def test_a_file_moved_to_another_disk_is_asked_and_stays_the_same_database_when_the_clerk_says_so(original, tmp_path,
                                                                                                  capsys):
    with Store.open(original) as store:
        sent = sheet_of(store, tmp_path / "s.xlsx")
    elsewhere = tmp_path / "usb" / "k.db"
    elsewhere.parent.mkdir()
    shutil.copy(original, elsewhere)            # a copy to a USB stick, the original then deleted
    os.remove(original)
    assert main(["identity", "--db", str(elsewhere)]) == 0
    assert "được tạo ở" in capsys.readouterr().out
    assert main(["import-results", "--db", str(elsewhere), str(sent)]) == 1
    assert "đã được chép hoặc chuyển sang đây" in capsys.readouterr().err
    assert main(["identity", "--db", str(elsewhere), "--moved"]) == 0
    assert main(["import-results", "--db", str(elsewhere), str(sent)]) == 0
    with Store.open(elsewhere) as store:
        assert store.identity().settled


def test_a_backup_opened_as_a_file_is_a_copy_and_a_backup_restored_in_place_is_the_same_database(original, tmp_path):
    with Store.open(original) as store:
        backup = store.backup("thu-cong")
        sent = sheet_of(store, tmp_path / "s.xlsx")
        store.restore_from(backup)
        assert store.identity().settled
        assert len(read_results(store, sent).changes) == 1
    out = tmp_path / "mo-ban-sao-luu.db"
    shutil.copy(backup, out)
    with Store.open(out) as store:
        assert not store.identity().settled and store.identity().original_there


def test_a_recorded_path_that_is_a_pipe_or_far_away_is_not_opened(original, tmp_path):
    """The recorded path comes from the file: a crafted one must not hang khdesk or reach a server."""
    import sqlite3

    copy = tmp_path / "copy.db"
    shutil.copy(original, copy)
    for planted in ("\\\\may-chu\\chia-se\\k.db", "//may-chu/chia-se/k.db"):
        conn = sqlite3.connect(copy)
        with conn:
            conn.execute("UPDATE file_identity SET made_for = ?", (planted,))
        conn.close()
        with Store.open(copy) as store:
            found = store.identity()
            assert not found.settled and not found.original_there and found.made_for == planted
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)
        conn = sqlite3.connect(copy)
        with conn:
            conn.execute("UPDATE file_identity SET made_for = ?", (str(pipe),))
        conn.close()
        with Store.open(copy) as store:
            assert not store.identity().original_there               # returned: the pipe was not opened


def test_an_overlong_recorded_path_is_a_damaged_file(original):
    import sqlite3

    conn = sqlite3.connect(original)
    with conn:
        conn.execute("UPDATE file_identity SET made_for = ?", ("x" * 5000,))
    conn.close()
    with pytest.raises(DatabaseError, match="file_identity, dòng 1, cột made_for"):
        Store.open(original)


def test_a_file_planted_where_the_copy_says_it_was_made_runs_nothing(original, tmp_path):
    """The original is looked at only as khdesk's own table: a planted database whose «secret» is a view
    that never ends is not read."""
    import sqlite3

    planted = tmp_path / "planted.db"
    conn = sqlite3.connect(planted)
    conn.execute(f"PRAGMA application_id = {0x4B484453}")
    conn.execute("CREATE VIEW secret AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                 "SELECT 1 AS id, i AS key FROM n WHERE i < 0")
    conn.close()
    copy = tmp_path / "copy.db"
    shutil.copy(original, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("UPDATE file_identity SET made_for = ?", (str(planted),))
    conn.close()
    with Store.open(copy) as store:
        assert not store.identity().original_there


@pytest.mark.skipif(os.name != "nt", reason="POSIX paths are case-sensitive: another case names another file; "
                                            "on Windows (and under Wine) it is the same file")
def test_on_windows_a_path_typed_in_other_letters_case_is_the_same_database(original, tmp_path):
    with Store.open(original) as store:
        sent = sheet_of(store, tmp_path / "s.xlsx")
    shouted = str(original).upper()
    with Store.open(shouted) as store:
        assert store.identity().settled
        assert len(read_results(store, sent).changes) == 1
