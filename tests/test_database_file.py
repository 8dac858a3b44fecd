import hashlib
import sqlite3
import zipfile

import pytest
import sqlite_utils

from khdesk.db import Store, schema
from khdesk.db.backups import BACKUP_DIR_NAME
from khdesk.errors import DatabaseError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_is_a_versioned_khdesk_database(tmp_path):
    with Store.create(tmp_path / "k.db") as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):   # foreign keys are enforced
            store.db.execute("INSERT INTO tasks (plan_id, position) VALUES (999, 1)")
    with Store.open(tmp_path / "k.db") as store:
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_create_never_overwrites(tmp_path):
    path = tmp_path / "k.db"
    path.write_text("dữ liệu quan trọng", encoding="utf-8")
    with pytest.raises(DatabaseError, match="không ghi đè"):
        Store.create(path)
    assert path.read_text(encoding="utf-8") == "dữ liệu quan trọng"


def test_create_in_a_missing_folder(tmp_path):
    with pytest.raises(DatabaseError, match="Không có thư mục"):
        Store.create(tmp_path / "không-có" / "k.db")


def test_a_file_from_a_newer_khdesk_is_refused_untouched(tmp_path):
    path = tmp_path / "k.db"
    Store.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="phiên bản khdesk mới hơn"):
        Store.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.db"]   # no backup, no -wal/-shm left


def make_version_1_file(path):
    """A database as the first schema left it, with data in it."""
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    schema.upgrade(db, target=1)
    db.execute("INSERT INTO agencies (id, name, kind, position) VALUES (1, 'Sở Tư pháp', 'department', 1)")
    db.execute("INSERT INTO plans (id, month, number) VALUES (1, '2024-05', '4969')")
    db.execute("INSERT INTO tasks (plan_id, position, content, lead_agency_id) "
               "VALUES (1, 1, 'Hội nghị với thành phố Đà Nẵng', 1)")
    conn.close()


def test_an_older_file_is_backed_up_then_upgraded(tmp_path):
    path = tmp_path / "cu.db"
    make_version_1_file(path)
    with Store.open(path) as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert [t.content for t in store.tasks.of_plan(1)] == ["Hội nghị với thành phố Đà Nẵng"]
        assert [t.lead_agency_ids for t in store.tasks.of_plan(1)] == [(1,)]      # the lead, now in task_leads
        assert [h.task.content for h in store.tasks.search("da nang")] == ["Hội nghị với thành phố Đà Nẵng"]
        assert [h.task.position for h in store.tasks.search("tu phap")] == [1]
    backups = list((tmp_path / BACKUP_DIR_NAME).glob("cu-*.db"))
    assert len(backups) == 1 and f"v1-len-v{schema.SCHEMA_VERSION}" in backups[0].name
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT content FROM tasks").fetchall() == [("Hội nghị với thành phố Đà Nẵng",)]
    old.close()


def test_a_failed_upgrade_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "cu.db"
    make_version_1_file(path)

    def broken(db):
        db.execute("ALTER TABLE tasks ADD COLUMN search_text TEXT")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(schema, "UPGRADES", [schema.UPGRADES[0], broken])
    with pytest.raises(DatabaseError, match="ổ đĩa đã đầy"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(tasks)")]
    assert "search_text" not in columns
    conn.close()


def _other_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def _xlsx(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")


def _truncated(path):
    Store.create(path).close()
    data = path.read_bytes()
    path.write_bytes(data[:2000])


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b""), "trống"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n%..."), "là một tệp PDF"),
    (_xlsx, "Excel"),
    (lambda p: p.write_text("TT;Nội dung\n1;x", encoding="utf-8"), "không phải là cơ sở dữ liệu khdesk"),
    (_other_sqlite, "chương trình khác"),
    (_truncated, "bị hỏng"),
])
def test_a_file_that_is_not_a_khdesk_database_is_refused_untouched(tmp_path, make, message):
    path = tmp_path / "tep.db"
    make(path)
    before = digest(path)
    with pytest.raises(DatabaseError, match=message):
        Store.open(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tep.db"]


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(DatabaseError, match="Không tìm thấy"):
        Store.open(tmp_path / "khong-co.db")
    with pytest.raises(DatabaseError, match="thư mục"):
        Store.open(tmp_path)


def test_backup_is_a_consistent_copy(tmp_path):
    with Store.create(tmp_path / "k.db") as store:
        plan = store.plans.create("2024-05")
        store.tasks.add(plan.id, "Nội dung cần giữ")
        copy = store.backup("thu")
    with Store.open(copy) as restored:
        assert [t.content for t in restored.tasks.of_plan(plan.id)] == ["Nội dung cần giữ"]
