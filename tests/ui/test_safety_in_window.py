"""Data safety as the clerk meets it in the window."""
from PySide6.QtCore import Qt

from khdesk.db import Store
from khdesk.ui import files_area
from khdesk.ui import main_window as mw
from khdesk.ui.task_model import CONTENT, STATUS


def test_a_file_open_elsewhere_opens_read_only_when_the_clerk_agrees(window, tmp_path, monkeypatch):
    from khdesk.usecases.sample_data import new_database

    other = tmp_path / "dang-mo.db"
    new_database(other, sample=True).close()
    holder = Store.open(other)                       # another khdesk has it open for writing
    asked = []
    monkeypatch.setattr("khdesk.ui.opening.confirm", lambda parent, message, **kw: asked.append(message) or True)
    try:
        window.open_file(str(other))
        assert "đang được mở để sửa" in asked[0]
        assert window.session.store.read_only and "(chỉ đọc)" in window.windowTitle()
        assert not window.add_action.isEnabled() and not window.import_action.isEnabled()
        assert window.table.editTriggers() == window.table.EditTrigger.NoEditTriggers
        before = window.proxy.index(0, CONTENT).data()
        window.detail.content.setPlainText("không được ghi")
        window.detail.commit_pending()
        assert window.session.store.tasks.of_plan(window.plan_id)[0].content == before
    finally:
        holder.close()


def test_a_full_disk_during_an_edit_is_a_message_and_the_grid_shows_the_file(window, monkeypatch):
    messages = []
    monkeypatch.setattr(mw, "show_error", lambda parent, message, *a: messages.append(message))
    store = window.session.store
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")              # SQLite's own "disk is full", for real
    window.select_row(0)
    window.detail.content.setPlainText("Nội dung rất dài " * 1900)          # 32,300 characters: pages more
    window.detail.commit_pending()
    assert messages and "ổ đĩa đã đầy" in messages[-1]
    assert window.proxy.index(0, CONTENT).data().startswith("Hoàn thiện Đề án xây dựng huyện đảo Trường Sa")
    store.db.execute(f"PRAGMA max_page_count = {pages * 1000}")       # space freed
    assert window.proxy.setData(window.proxy.index(0, STATUS), "done", Qt.ItemDataRole.EditRole)
    assert store.tasks.of_plan(window.plan_id)[0].status == "done"


def test_backup_now_then_restore_from_the_list(window, monkeypatch):
    from khdesk.db.backups import list_backups
    from khdesk.ui import backup_dialog

    store = window.session.store
    window.backup_now()
    assert any(b.reason == "thu-cong" for b in list_backups(store.path))
    first = store.tasks.of_plan(window.plan_id)[0]
    window.select_row(0)
    window.delete_tasks()
    assert window.proxy.rowCount() == 46
    seen = {}

    def choose(dialog):
        seen["rows"] = [dialog.list.topLevelItem(i).text(1) for i in range(dialog.list.topLevelItemCount())]
        seen["plans"] = dialog.list.topLevelItem(0).text(2)
        return True

    monkeypatch.setattr(backup_dialog.RestoreDialog, "exec", choose)
    monkeypatch.setattr(files_area, "confirm", lambda *a, **k: True)
    window.restore_backup()
    assert "sao lưu theo yêu cầu" in seen["rows"] and seen["plans"] == "1"
    assert window.proxy.rowCount() == 47 and store.tasks.of_plan(window.plan_id)[0] == first
    assert any(b.reason == "truoc-khoi-phuc" for b in list_backups(store.path))
    assert not window.undo_action.isEnabled()                          # history restarts with the restored data


def test_a_damaged_file_offers_its_latest_backup(window, tmp_path, monkeypatch):
    from khdesk.usecases.sample_data import new_database

    damaged = tmp_path / "hong.db"
    with new_database(damaged, sample=True) as store:
        store.backup()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(damaged.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 8), 5):
        data[offset] ^= 0x5A
    damaged.write_bytes(bytes(data))
    asked = []
    monkeypatch.setattr("khdesk.ui.opening.confirm", lambda parent, message, **kw: asked.append(message) or True)
    warnings = []
    monkeypatch.setattr(files_area, "show_error", lambda parent, message, *a: warnings.append(message))
    window.open_file(str(damaged))
    assert "bị hỏng" in asked[0] and "Khôi phục bản sao lưu" in asked[0]
    assert window.proxy.rowCount() == 47 and str(damaged) in window.windowTitle()
    assert "tệp hỏng được giữ lại" in warnings[0]
    assert list(tmp_path.glob("hong.db.hong-*"))


def test_a_file_that_cannot_be_written_is_offered_read_only(window, tmp_path, monkeypatch):
    import os

    from khdesk.usecases.sample_data import new_database

    other = tmp_path / "cd-rom.db"
    new_database(other, sample=True).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if mode == os.W_OK else real_access(path, mode))
    asked = []
    monkeypatch.setattr("khdesk.ui.opening.confirm", lambda parent, message, **kw: asked.append(message) or True)
    window.open_file(str(other))
    assert "chỉ cho phép đọc" in asked[0]
    assert window.session.store.read_only and "(chỉ đọc)" in window.windowTitle()
