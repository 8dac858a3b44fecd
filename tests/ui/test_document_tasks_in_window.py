"""Tệp › Nhập nhiệm vụ từ văn bản Word…: the tasks a conclusion notice gives in its text, previewed with
their item labels (each can be left out), added to the last draft as one undo step; the task pane says
where each was given; a document of another province matches no agency until the clerk chooses."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from test_document_tasks import NOTICE, our_notice

from khdesk.ui import import_dialog


def test_a_notice_s_tasks_are_previewed_left_out_one_by_one_and_undone_at_once(window, qtbot, monkeypatch, tmp_path):

    store = window.session.store
    june = store.plans.create("2024-06")                         # the month's draft: the default target
    seen = {}

    def review(dialog):
        seen["title"] = dialog.windowTitle()
        seen["text"] = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        seen["labels"] = [dialog.rows.item(r, 0).text() for r in range(dialog.rows.rowCount())]
        seen["month"] = dialog.chosen_month()
        dialog.rows.item(1, 0).setCheckState(Qt.CheckState.Unchecked)       # «b)» left out
        seen["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
        return True

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.import_document_tasks(str(our_notice(tmp_path / "tb-125.docx")))
    assert seen["title"] == "Nhập nhiệm vụ từ văn bản — tb-125.docx"
    assert seen["labels"] == ["II.1.a", "II.1.b", "II.2"] and seen["month"] == "2024-06"
    assert "Thông báo số 125/TB-UBND ngày 20/06/2024: 3 nhiệm vụ." in seen["text"]
    assert "lời văn" in seen["text"] and seen["ok"] == "Nhập 2 nhiệm vụ"
    tasks = store.tasks.of_plan(june.id)
    assert [t.given_in for t in tasks] == ["Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.1.a",
                                           "Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.2"]
    assert window.plan_id == june.id
    window.select_task(tasks[0].id)
    assert "Giao tại: Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.1.a." in window.detail.origin.text()
    assert window.undo_action.text() == "Hoàn tác Nhập 2 nhiệm vụ từ văn bản"
    window.undo_action.trigger()
    assert store.tasks.of_plan(june.id) == []


def test_another_province_s_agencies_wait_for_the_clerk(window, monkeypatch):

    seen = {}

    def review(dialog):
        seen["text"] = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        seen["chosen"] = {name: picker.current_agency_id() for name, picker in dialog.pickers.items()}
        seen["how"] = {dialog.agencies.item(r, 1).text() for r in range(dialog.agencies.rowCount())}
        return False                                                           # the clerk cancels

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    before = len(window.session.store.plans.summaries())
    window.import_document_tasks(str(NOTICE))
    assert "⚠ Văn bản của tỉnh Lâm Đồng" in seen["text"]
    assert "Sở Tư pháp" in seen["chosen"] and set(seen["chosen"].values()) == {None}   # not folded in silently
    assert seen["how"] == {"tỉnh khác"}
    assert len(window.session.store.plans.summaries()) == before                      # nothing written


def test_a_notice_opened_as_a_plan_offers_its_tasks_instead(window, monkeypatch):

    asked, previewed = [], []
    monkeypatch.setattr("khdesk.ui.import_export_area.confirm", lambda parent, message, *a: asked.append(message) or True)
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda dialog: previewed.append(dialog.windowTitle()) or False)
    window.import_word(str(NOTICE))
    assert "không có bảng nhiệm vụ nên không thành một kế hoạch tháng" in asked[0] and "23 nhiệm vụ" in asked[0]
    assert previewed == ["Nhập nhiệm vụ từ văn bản — tb-ket-luan-cchc-2026-01.docx"]
