"""Ctrl+V in the grid: rows from Excel or Word shown in the import preview, written as one undo
step; Ctrl+C gives the selected tasks back in the same shape."""
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from test_pasting import EXCEL_TSV, WORD_HTML

from khdesk.ui import import_dialog


def put_on_clipboard(text="", html_text=""):
    mime = QMimeData()
    if text:
        mime.setText(text)
    if html_text:
        mime.setHtml(html_text)
    QApplication.clipboard().setMimeData(mime)


def paste(window, qtbot, monkeypatch, choose=None):

    seen = {}

    def review(dialog):
        seen["title"] = dialog.windowTitle()
        seen["rows"] = dialog.rows.rowCount()
        seen["agencies"] = {name: p.current_agency_id() for name, p in dialog.pickers.items()}
        if choose:
            choose(dialog)
        return True

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return seen


def test_rows_pasted_under_a_filter_are_shown(window, qtbot, monkeypatch):
    """Pasted while «Hiện: Hoàn thành» was chosen, the rows were added but not shown."""
    window.show_kind("done")
    assert window.proxy.rowCount() == 0
    put_on_clipboard("STT\tNội dung nhiệm vụ\t…", WORD_HTML)
    paste(window, qtbot, monkeypatch)
    assert window.proxy.rowCount() == 49 and window.kind_box.currentData() == "total"
    assert "Đã bỏ lọc để hiện các nhiệm vụ vừa nhập" in window.statusBar().currentMessage()


def test_word_rows_pasted_into_the_plan_as_one_undo_step(window, qtbot, monkeypatch):
    store = window.session.store
    before = [t.id for t in store.tasks.of_plan(window.plan_id)]
    put_on_clipboard("STT\tNội dung nhiệm vụ\t…", WORD_HTML)
    seen = paste(window, qtbot, monkeypatch)
    assert seen["title"] == "Dán nhiệm vụ — xem trước khi nhập" and seen["rows"] == 2
    cong_thuong = store.agencies.find("Sở Công Thương")
    assert seen["agencies"] == {"Sở Công Thương": cong_thuong.id}
    tasks = store.tasks.of_plan(window.plan_id)
    assert len(tasks) == len(before) + 2
    assert tasks[-2].content == 'Xây dựng & trình Đề án «chợ đêm» <Nha Trang>\n\nGhi chú: "gấp"'
    assert tasks[-1].lead_agency_ids == (cong_thuong.id,) and tasks[-1].deadline_text == "Quý III"
    assert window.undo_action.text() == "Hoàn tác Dán 2 nhiệm vụ"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t.id for t in store.tasks.of_plan(window.plan_id)] == before


def test_excel_text_rows_match_agencies_as_the_import_does(window, qtbot, monkeypatch):
    store = window.session.store
    put_on_clipboard(EXCEL_TSV + '7\tKiểm tra\tBộ Tư pháp\r\n')
    seen = paste(window, qtbot, monkeypatch)
    assert seen["agencies"]["Sở Y tế"] == store.agencies.find("Sở Y tế").id
    assert seen["agencies"]["Bộ Tư pháp"] is None                          # not Sở Tư pháp: a new agency
    tasks = store.tasks.of_plan(window.plan_id)
    assert [t.content for t in tasks[-3:]] == ["Việc có\nhai dòng", 'Tên "Dự án" A', "Kiểm tra"]
    assert store.agencies.get(tasks[-1].lead_agency_ids[0]).name == "Bộ Tư pháp"


def test_copy_then_paste_gives_the_same_rows_back(window, qtbot, monkeypatch):
    store = window.session.store
    first = store.tasks.of_plan(window.plan_id)[0]
    store.tasks.update(first.id, content='A & B <c> "d"\n  hai  dấu cách\tTab')
    window.model.reload()
    window.select_row(0)
    window.table.selectionModel().select(window.proxy.index(1, 0), window.table.selectionModel().SelectionFlag.Select
                                         | window.table.selectionModel().SelectionFlag.Rows)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and "<table" in mime.html() and mime.text().startswith("TT\tNội dung\tCơ quan chủ trì")
    originals = store.tasks.of_plan(window.plan_id)[:2]
    paste(window, qtbot, monkeypatch)
    pasted = store.tasks.of_plan(window.plan_id)[-2:]
    assert [(t.content, t.lead_agency_ids) for t in pasted] == [(t.content, t.lead_agency_ids) for t in originals]


def test_an_empty_clipboard_is_a_message(window, qtbot, monkeypatch):

    messages = []
    monkeypatch.setattr("khdesk.ui.import_export_area.show_error", lambda parent, message, *a: messages.append(message))
    put_on_clipboard("   ")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "không có bảng hay chữ" in messages[0]


def test_ctrl_v_in_a_text_box_is_the_text_boxs_own(window, qtbot, monkeypatch):

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda d: (_ for _ in ()).throw(AssertionError("no import")))
    put_on_clipboard("Sở Y tế\tViệc")
    window.select_row(0)
    window.detail.content.setFocus()
    window.detail.content.moveCursor(window.detail.content.textCursor().MoveOperation.End)
    qtbot.keyClick(window.detail.content, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.detail.content.toPlainText().endswith("Sở Y tế\tViệc")


def test_a_cell_khdesk_cannot_keep_is_shown_with_the_rest_and_blocks_the_import(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    store = window.session.store
    before = len(store.tasks.of_plan(window.plan_id))
    put_on_clipboard("TT\tNội dung\tCơ quan chủ trì\r\n1\tViệc một\tSở Y tế\r\n2\tChuông \x07 kêu\tSở Y tế\r\n")


    def look(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        text = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        look.seen = (dialog.rows.rowCount(), ok.isEnabled(), "⚠ Dòng 3, cột B «Nội dung»" in text,
                     dialog.rows.item(1, 1).background().color().name())
        return False                                              # (Nhập cannot be pressed)

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", look)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert look.seen == (2, False, True, "#ffcdcd")                 # both rows shown, the bad one red, no «Nhập»
    assert len(store.tasks.of_plan(window.plan_id)) == before
