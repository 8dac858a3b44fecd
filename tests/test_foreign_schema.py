"""A database received from someone else runs none of its own SQL: a file whose schema is not the one
khdesk makes for its version (an added trigger, a view, a changed CHECK, an extra table or index) is
refused before it is used, backed up or upgraded, naming what is foreign, and is left as it was."""
import hashlib
import sqlite3

import pytest

from khdesk.db import Store
from khdesk.db.backups import list_backups
from khdesk.errors import DatabaseError
from khdesk.usecases.sample_data import new_database


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tamper(path, *statements, writable_schema=False):
    conn = sqlite3.connect(path)
    try:
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def received(tmp_path):
    """The sample database as a colleague would send it."""
    path = tmp_path / "nhan-duoc.db"
    new_database(path, sample=True).close()
    return path


CRAFTED = {
    "the trigger that empties the plan": (
        ["CREATE TRIGGER xoa_het AFTER UPDATE ON tasks BEGIN DELETE FROM tasks WHERE id <> new.id; END"],
        False, "trigger «xoa_het» (thêm vào)"),
    "a view": (["CREATE VIEW tom_tat AS SELECT count(*) FROM tasks"], False, "view «tom_tat» (thêm vào)"),
    "an extra table": (["CREATE TABLE ghi_chu (x)"], False, "bảng «ghi_chu» (thêm vào)"),
    "an extra index": (["CREATE INDEX tasks_content ON tasks(content)"], False, "chỉ mục «tasks_content» (thêm vào)"),
    "a changed CHECK": (
        ["UPDATE sqlite_master SET sql = replace(sql, \"CHECK (status IN ('draft', 'issued'))\", 'CHECK (1)') "
         "WHERE name = 'plans'"], True, "bảng «plans» (bị sửa)"),
    "a dropped index": (["DROP INDEX tasks_plan"], False, "chỉ mục «tasks_plan» (bị xóa)"),
}


@pytest.mark.parametrize("case", CRAFTED)
def test_a_file_with_sql_of_its_own_is_refused_untouched(received, case):
    statements, writable, named = CRAFTED[case]
    tamper(received, *statements, writable_schema=writable)
    before = digest(received)
    for read_only in (False, True):
        with pytest.raises(DatabaseError) as info:
            Store.open(received, read_only=read_only)
        message = str(info.value)
        assert "có phần không do khdesk tạo ra" in message and named in message, message
        assert "không có lệnh nào trong tệp được chạy" in message
    assert digest(received) == before
    assert list_backups(received) == []                 # not backed up either (the backup would keep it)


def test_the_trigger_of_the_issue_deletes_nothing(received):
    """As measured: with the trigger added, the next recorded result left 1 task of 47."""
    tamper(received, *CRAFTED["the trigger that empties the plan"][0])
    with pytest.raises(DatabaseError):
        Store.open(received)
    conn = sqlite3.connect(received)
    try:
        assert conn.execute("SELECT count(*) FROM tasks").fetchone()[0] == 47
    finally:
        conn.close()


def test_a_backup_or_a_file_to_recover_from_is_checked_too(received, tmp_path):
    mine = tmp_path / "cua-toi.db"
    new_database(mine, sample=True).close()
    tamper(received, *CRAFTED["the trigger that empties the plan"][0])
    with Store.open(mine) as store:
        with pytest.raises(DatabaseError, match="không do khdesk tạo ra"):
            store.restore_from(received)
        assert len(store.tasks.of_plan(store.plans.by_month("2024-05").id)) == 47


def test_khdesk_s_own_files_of_every_version_open(tmp_path):
    from khdesk.db import schema

    for version in range(1, schema.SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.db"
        conn = sqlite3.connect(path)
        from khdesk.domain.text import fold

        conn.create_function("khdesk_fold", 1, fold, deterministic=True)
        import sqlite_utils

        schema.upgrade(sqlite_utils.Database(conn), version)
        conn.close()
        with Store.open(path) as store:                 # upgraded to the current version after a backup
            assert store.schema_version == schema.SCHEMA_VERSION


def test_every_connection_distrusts_the_schema(received):
    with Store.open(received) as store:
        assert store.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] == 0
    with Store.open(received, read_only=True) as store:
        assert store.db.execute("PRAGMA trusted_schema").fetchone()[0] == 0
