"""The window as a clerk first sees it (offscreen, pytest-qt)."""
import pytest
from PySide6.QtCore import Qt

from khdesk.system.paths import default_database_path
from khdesk.ui import app as ui_app
from khdesk.ui.task_model import TaskTableModel


def test_first_start_creates_the_default_database_with_the_sample_plan():
    path = default_database_path()
    assert not path.exists()
    store = ui_app.open_database(None)
    try:
        assert store.path == path and path.exists()
        assert [(s.plan.month, s.task_count) for s in store.plans.summaries()] == [("2024-05", 47)]
    finally:
        store.close()
    again = ui_app.open_database(None)        # the second start opens it, adds nothing
    try:
        assert [(s.plan.month, s.task_count) for s in again.plans.summaries()] == [("2024-05", 47)]
    finally:
        again.close()


def test_the_window_shows_the_sample_plan(window, sample_store):
    model = window.table.model()
    assert window.plan_box.currentText() == "Tháng 5/2024"
    assert model.rowCount() == 47
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Trạng thái"]
    plan = sample_store.plans.by_month("2024-05")
    tasks = sample_store.tasks.of_plan(plan.id)
    for row in (0, 35, 46):
        assert model.index(row, 0).data() == row + 1
        assert model.index(row, 1).data() == tasks[row].content
    assert model.index(8, 2).data() == "BQL KKT Vân Phong"
    assert model.index(46, 2).data() == "UBND các huyện, thị xã, thành phố"
    assert "47 nhiệm vụ" in window.statusBar().currentMessage()
    assert "4969/KH-UBND" in window.statusBar().currentMessage()


def test_the_task_model_is_a_valid_qt_model(qtmodeltester, sample_store):
    from khdesk.ui.session import Session

    model = TaskTableModel(Session(sample_store))
    model.load_plan(sample_store.plans.by_month("2024-05").id)
    qtmodeltester.check(model)


def test_a_bad_database_is_a_vietnamese_message_not_a_traceback(tmp_path, monkeypatch, qapp, capsys):
    shown = []
    monkeypatch.setattr("khdesk.ui.opening.show_error", lambda parent, message, *a: shown.append(message))
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"%PDF-1.4 not a database")
    assert ui_app.run(str(bad)) == 1
    assert len(shown) == 1 and "là một tệp PDF" in shown[0]
    assert "Traceback" not in capsys.readouterr().err
    assert bad.read_bytes() == b"%PDF-1.4 not a database"


def test_the_qt_binding_does_not_leak_references_to_none(window, qapp):
    """PySide6 6.12.0 lost a reference to None on each model and delegate call; on Python 3.11
    that aborts the app after a while ("deallocating None"). pyproject.toml keeps it out."""
    import sys

    def repaint_everything():
        for _ in range(10):
            window.table.viewport().repaint()
            window.tree.view.viewport().repaint()
            qapp.processEvents()

    repaint_everything()
    before = sys.getrefcount(None)
    repaint_everything()
    assert sys.getrefcount(None) >= before - 50


def test_qt_own_words_are_vietnamese(qapp):
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from khdesk.ui.translations import vietnamese_qt_translator

    translator = vietnamese_qt_translator(qapp)
    qapp.installTranslator(translator)
    try:
        for editor in (QLineEdit(), QPlainTextEdit()):
            menu = editor.createStandardContextMenu()
            texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
            assert {"Hoàn tác", "Làm lại", "Cắt", "Chép", "Dán", "Xóa", "Chọn tất cả"} <= set(texts), texts
            assert "Ctrl+V" in " ".join(a.text() for a in menu.actions())     # shortcuts untouched
    finally:
        qapp.removeTranslator(translator)


def test_a_second_window_on_the_same_file_is_asked_not_switched(tmp_path, monkeypatch, qapp):
    from khdesk.db import Store
    from khdesk.db.lock import FileLocked
    from khdesk.usecases.sample_data import new_database

    path = tmp_path / "chung.db"
    new_database(path, sample=True).close()
    first = Store.open(path)
    try:
        with pytest.raises(FileLocked):
            ui_app.open_database(None, last_file=str(path))       # not silently the default database
    finally:
        first.close()


def test_a_planted_lock_beside_the_last_file_is_said_not_swapped_for_the_default(tmp_path, monkeypatch, qapp):
    """(the window fell back to the default database without a word when the last file was refused)"""
    from khdesk.db.lock import LockRefused, lock_path
    from khdesk.usecases.sample_data import new_database

    path = tmp_path / "chung.db"
    new_database(path, sample=True).close()
    lock_path(path).write_text("không phải khóa của khdesk", encoding="utf-8")
    with pytest.raises(LockRefused, match="chung.db.khdesk-lock"):
        ui_app.open_database(None, last_file=str(path))
