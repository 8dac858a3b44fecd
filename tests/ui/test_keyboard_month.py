"""A whole month with the keyboard alone: Ctrl+Shift+N, ten tasks typed with their lead agencies,
Ctrl+P, Ctrl+S — and the PDF holds them. Keys go where the focus is, as on the clerk's PC."""
from pdf_reader import column_text, columns, open_pdf, squash
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from test_editing import type_into

TASKS = [("Rà soát, hoàn thiện hồ sơ dự án A", "so y te", "Sở Y tế"),
         ("Báo cáo tình hình giải ngân vốn đầu tư công", "so tai chinh", "Sở Tài chính"),
         ("Tổ chức Lễ hội Biển Nha Trang & «chợ đêm»", "so van hoa", "Sở Văn hóa và Thể thao"),
         ("Kiểm tra công tác phòng cháy <mùa khô>", "cong an tinh", "Công an tỉnh"),
         ("Đôn đốc tiến độ các công trình trọng điểm", "so xay dung", "Sở Xây dựng"),
         ("Xây dựng kế hoạch chuyển đổi số năm 2025", "so thong tin", "Sở Thông tin và Truyền thông"),
         ("Tham mưu phương án phòng, chống thiên tai", "so nong nghiep", "Sở Nông nghiệp và PTNT"),
         ("Rà soát thủ tục hành chính \"một cửa\"", "so noi vu", "Sở Nội vụ"),
         ("Tuyển sinh đầu cấp năm học mới", "so giao duc", "Sở Giáo dục và Đào tạo"),
         ("Giải quyết kiến nghị của doanh nghiệp", "so ke hoach", "Sở Kế hoạch và Đầu tư")]


def focused():
    return QApplication.focusWidget()


def test_a_ten_task_month_from_new_plan_to_pdf_with_the_keyboard(window, qtbot, monkeypatch, tmp_path):
    from khdesk.ui import new_plan_dialog

    store = window.session.store
    seen = []

    def new_month(dialog):                               # the dialog, driven by keys
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()                          # (exec would; the offscreen screen does not)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.uncheck_all.setFocus()                    # (reached with Tab)
        qtbot.keyClick(focused(), Qt.Key.Key_Space)                    # carry nothing over
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)   # back to the filter box
        qtbot.keyClick(focused(), Qt.Key.Key_Return)                   # «Tiếp»: the dates to review
        seen.append(dialog.steps.currentIndex())
        qtbot.keyClick(focused(), Qt.Key.Key_Return)                   # «Tạo kế hoạch»
        return dialog.result()

    monkeypatch.setattr(new_plan_dialog.NewPlanDialog, "exec", new_month)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.activateWindow()                              # (the dialog's exec gives the window back)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and focused() is not None)
    june = store.plans.by_month("2024-06")
    assert seen == [1] and window.plan_id == june.id and window.proxy.rowCount() == 0

    for content, typed, _name in TASKS:
        qtbot.keyClick(focused(), Qt.Key.Key_Insert)                   # a new task; the cursor in Nội dung
        assert focused() is window.detail.content
        type_into(focused(), content)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)                      # → Cơ quan chủ trì
        line = focused()
        assert line in (window.detail.lead, window.detail.lead.lineEdit())
        qtbot.keyClicks(line, typed)
        qtbot.keyClick(line, Qt.Key.Key_Tab)                           # → the next field: the name is taken
        qtbot.waitUntil(lambda: focused() not in (window.detail.lead, window.detail.lead.lineEdit()))
        QApplication.processEvents()                                   # the typed name is taken at the next turn
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)                   # Esc: back to the grid
        assert focused() is window.table
    tasks = store.tasks.of_plan(june.id)
    names = {a.id: a.print_name for a in store.agencies.all()}
    # each task after the last one of its agency, so the order is the typing order here (all differ)
    assert [(t.content, [names[a] for a in t.lead_agency_ids]) for t in tasks] == [(c, [n]) for c, _t, n in TASKS]

    target = tmp_path / "ke-hoach-2024-06.pdf"

    def save_as(dialog):
        dialog.selectFile(str(target))
        return 1

    monkeypatch.setattr(QFileDialog, "exec", save_as)
    monkeypatch.setattr("khdesk.ui.print_preview.show_info", lambda *a, **k: None)
    qtbot.keyClick(window.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = next(w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith("Xem trước bản in"))
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20000)
    preview.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    qtbot.keyClick(preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    cols = columns()
    with open_pdf(target) as pdf:
        text = squash(" ".join(page.extract_text() for page in pdf.pages))
        appendix = [p for p in pdf.pages if "NHIỆM VỤ TRỌNG TÂM THÁNG 6/2024" in p.extract_text()]
        contents = squash(" ".join(column_text(p, cols, 1) for p in appendix))
        leads = squash(" ".join(column_text(p, cols, 2) for p in appendix))
    assert contents == squash(" ".join(c for c, _t, _n in TASKS))
    assert leads == squash(" ".join(n for _c, _t, n in TASKS))
    assert "Số: /KH-UBND" in text
    preview.reject()


def test_f6_moves_between_tree_grid_and_task_and_esc_returns_to_the_grid(window, qtbot):
    window.select_row(0)
    window.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.detail.content
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is window.tree.view
    qtbot.keyClick(focused(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is window.detail.content
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert focused() is window.table
