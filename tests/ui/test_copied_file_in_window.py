"""A file found away from where it was made (copied, moved, a backup opened as a file): the window asks
what it is when it matters — before a result sheet goes out or comes in — and does what the clerk says."""
import shutil

import pytest

from khdesk.db import Store
from khdesk.ui import identity_question
from khdesk.ui.identity_question import MOVED, NEW
from khdesk.ui.main_window import MainWindow


@pytest.fixture
def copied_window(qtbot, sample_store, settings, tmp_path):
    original = sample_store.path
    sample_store.close()
    copy = tmp_path / "ban-sao.db"
    shutil.copy(original, copy)
    store = Store.open(copy)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    yield window, original
    store.close()


def answer(monkeypatch, choice, seen):
    from PySide6.QtWidgets import QMessageBox

    def clerk(box):
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        chosen = next((b for b in box.buttons() if b.text() == choice), None)
        if chosen is not None:
            chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", clerk)


def test_a_copy_is_asked_about_before_a_sheet_goes_out_and_becomes_a_new_database(copied_window, monkeypatch,
                                                                                   tmp_path):
    window, original = copied_window
    store = window.session.store
    window.tree.select(store.agencies.find("Sở Công Thương").id)
    seen = []
    answer(monkeypatch, "Hủy", seen)
    window.export_results(path=str(tmp_path / "ct.xlsx"))
    assert not (tmp_path / "ct.xlsx").exists()                     # the clerk did not answer: nothing went out
    assert "là bản sao của" in seen[0][0] and str(original) in seen[0][0]
    assert MOVED not in seen[0][1]                                 # the original is still there: only a copy
    answer(monkeypatch, NEW, seen)
    window.export_results(path=str(tmp_path / "ct.xlsx"))
    assert (tmp_path / "ct.xlsx").exists() and store.identity().settled
    with Store.open(original) as first:
        from khdesk.errors import InvalidInput
        from khdesk.usecases.results import read_results

        with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
            read_results(first, tmp_path / "ct.xlsx")


def test_a_moved_file_asked_before_a_sheet_comes_in_keeps_its_key_when_the_clerk_says_so(copied_window, monkeypatch,
                                                                                       tmp_path):
    window, original = copied_window
    original.unlink()                                              # moved: the file where it was made is gone
    seen = []
    answer(monkeypatch, MOVED, seen)
    monkeypatch.setattr("khdesk.ui.results_area.ask", lambda *a, **k: "")     # then the clerk cancels the file dialog
    window.import_results()
    assert MOVED in seen[0][1] and "đã được chép hoặc chuyển sang" in seen[0][0]
    assert window.session.store.identity().settled
    assert identity_question.settle_identity(window, window.session.store)   # asked once: settled now
