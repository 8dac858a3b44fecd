"""The end of the month in the window: overdue rows marked and filtered, statuses with their dates."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from seed_data import reopened

from khdesk.ui.task_model import STATUS, TT, OverdueRole


@pytest.fixture
def window(issued_window):
    """The month's end is done on the plan as issued (it always is by then): status, results, the
    agencies' sheets — with no «Sửa kế hoạch đã ban hành…»."""
    assert issued_window.session.store.plans.get(issued_window.plan_id).locked
    return issued_window


def test_overdue_rows_are_marked_with_colour_icon_and_words_and_can_be_filtered(window, qtbot):
    store = window.session.store
    tasks = store.tasks.of_plan(window.plan_id)
    today = date(2024, 5, 20)                       # in the plan's month: the others are due on 31/5
    window.model.today = lambda: today
    yesterday = today - timedelta(days=1)
    reopened(store)
    store.tasks.update(tasks[0].id, due_date=yesterday)                       # overdue
    store.tasks.update(tasks[1].id, due_date=today)                           # due today: not yet
    store.tasks.update(tasks[2].id, due_date=yesterday, status="done", completed_on=today)   # done late
    window.session.refresh_all()
    index = window.proxy.index(0, TT)
    assert index.data(OverdueRole) and index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    # the issued plan's agencies have reported nothing on these two yet
    assert window.proxy.index(0, STATUS).data() == "Quá hạn — chưa có báo cáo"
    assert not window.proxy.index(1, TT).data(OverdueRole) and window.proxy.index(1, STATUS).data() == "Chưa có báo cáo"
    box = window.kind_box
    box.setFocus()
    box.setCurrentIndex(box.findText("Quá hạn"))                               # as picked from the list
    assert window.proxy.rowCount() == 1 and window.current_task_id() in (None, tasks[0].id)
    assert "đang hiện 1" in window.statusBar().currentMessage()
    box.setCurrentIndex(box.findText("Hoàn thành quá hạn"))
    assert [window.proxy.index(r, TT).data() for r in range(window.proxy.rowCount())] == [3]
    box.setCurrentIndex(box.findText("Tất cả"))
    assert window.proxy.rowCount() == 47


def test_done_takes_today_as_the_completion_day_and_dropped_asks_the_reason(window, qtbot):
    window.select_row(4)
    pane = window.detail
    task_id = window.current_task_id()
    assert not pane.completed_on.isVisibleTo(pane) and not pane.status_reason.isVisibleTo(pane)
    pane.status.setFocus()
    pane.status.setCurrentIndex(pane.status.findData("done"))
    pane.status.activated.emit(pane.status.currentIndex())                    # chosen from the list
    task = window.session.store.tasks.get(task_id)
    assert task.status == "done" and task.completed_on == date.today()
    assert pane.completed_on.isVisibleTo(pane) and pane.completed_on.edit.text() == f"{date.today():%d/%m/%Y}"
    assert window.undo_action.text() == "Hoàn tác Sửa trạng thái, ngày hoàn thành"
    pane.completed_on.edit.setFocus()
    pane.completed_on.edit.selectAll()
    qtbot.keyClicks(pane.completed_on.edit, "03062024")
    qtbot.keyClick(pane.completed_on.edit, Qt.Key.Key_Tab)
    assert window.session.store.tasks.get(task_id).completed_on == date(2024, 6, 3)
    pane.status.setCurrentIndex(pane.status.findData("dropped"))
    pane.status.activated.emit(pane.status.currentIndex())
    assert pane.status_reason.isVisibleTo(pane)
    pane.status_reason.setFocus()
    qtbot.keyClicks(pane.status_reason, "Trung uong chua huong dan")
    qtbot.keyClick(pane.status_reason, Qt.Key.Key_Tab)
    assert window.session.store.tasks.get(task_id).status_reason == "Trung uong chua huong dan"


def set_month_end(store, plan_id):
    """Statuses, due dates and results as the clerk has them on 20 May 2024 (the tests' today), six days after
    the May period's cut-off (Khánh Hòa counts 15/4–14/5)."""
    reopened(store)                                  # (due dates are the plan's; set as before it was issued)
    tasks = store.tasks.of_plan(plan_id)
    due = date(2024, 5, 10)
    for t in tasks[:6]:                                                          # Sở KH-ĐT, Sở TN-MT
        store.tasks.update(t.id, due_date=due)
    store.tasks.update(tasks[0].id, status="done", completed_on=date(2024, 5, 8), result_note="Đã trình")
    store.tasks.update(tasks[1].id, status="done", completed_on=date(2024, 5, 12))         # late
    store.tasks.update(tasks[2].id, status="doing")                                        # overdue
    store.tasks.update(tasks[4].id, status="dropped", status_reason="Chờ Trung ương")
    store.tasks.update(tasks[6].id, status="done", completed_on=date(2024, 5, 16))         # after the cut-off
    return tasks


def test_the_panel_counts_the_period_to_its_cut_off_and_a_click_filters_the_grid(window, qtbot):
    from khdesk.domain.progress import plan_figures
    from khdesk.usecases.loading import period_count

    store = window.session.store
    today = date(2024, 5, 20)
    window.model.today = lambda: today
    tasks = set_month_end(store, window.plan_id)
    window.session.refresh_all()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.progress
    assert window.progress_dock.isVisible()
    table = panel.table
    assert [table.horizontalHeaderItem(c).text() for c in (5, 6)] == ["Chưa TH", "Chưa có BC"]
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    plan = store.plans.get(window.plan_id)
    expected = plan_figures(store.tasks.of_plan(window.plan_id), period_count(store, plan, today).counting).as_row()
    # as of 14/5: one done on time, one late, two being done (one of them finished on 16/5, after the cut-off),
    # 42 with nothing reported, one dropped; overdue: the three not done that were due on 10/5
    assert row == ["Cả kế hoạch"] + [str(v) for v in expected] and expected == (47, 1, 1, 2, 0, 42, 1, 3)
    summary = panel.summary.text()
    assert "Số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024" in summary and "ngày 16/5/2024" in summary
    assert "hạn gửi đã qua" in summary                       # 20/5: the report was due on Thursday 16/5
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    kh = names.index("Sở Kế hoạch và Đầu tư")
    assert [table.item(kh, c).text() for c in range(1, 9)] == ["3", "1", "1", "1", "0", "0", "0", "1"]
    overdue_col = 8
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, overdue_col)).center())
    shown = [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())]
    assert shown == [3, 4, 6] and window.kind_box.currentText() == "Quá hạn"
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, 4)).center())               # being done on 14/5
    assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [3, 7]
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(kh, 2)).center())            # Sở KH-ĐT, done on time
    assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [1]
    assert window.kind_box.currentText() == "Hoàn thành đúng hạn" and window.proxy.kind() == "done_on_time"
    window.tree.select(-1)                                                          # the whole plan
    window.kind_box.setCurrentIndex(window.kind_box.findText("Chưa có báo cáo"))     # the grid's own filter
    assert window.proxy.rowCount() == 42
    panel.tabs.setCurrentIndex(1)
    panel.agency_box.setCurrentIndex(panel.agency_box.findText("Sở Kế hoạch và Đầu tư"))
    assert panel.history.item(0, 0).text() == "Tháng 5/2024" and panel.history.item(0, 1).text() == "3"
    assert tasks


def test_check_plan_lists_findings_and_takes_the_clerk_to_the_task(window, qtbot, monkeypatch):
    from khdesk.ui import check_dialog

    seen = {}

    def look(dialog):
        seen["lines"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        seen["summary"] = dialog.summary.text()
        dialog.list.setCurrentRow(0)
        dialog.list.itemActivated.emit(dialog.list.item(0))                # Enter on the first line
        return True

    monkeypatch.setattr(check_dialog.CheckDialog, "exec", look)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen["lines"][0].startswith("Cảnh báo: Nhiệm vụ 16, 17: trùng hoặc gần trùng")
    assert seen["summary"].startswith("0 lỗi, 2 cảnh báo.")
    assert window.detail.title.text() == "Nhiệm vụ số 16"


def test_the_report_opens_in_the_preview(window, qtbot):
    window.model.today = lambda: date(2024, 6, 5)
    set_month_end(window.session.store, window.plan_id)
    preview = window.print_report()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20000)
    assert preview.pages >= 3 and preview.windowTitle().endswith("báo cáo kết quả")
    preview.reject()


def test_an_agencys_results_come_back_through_the_window_as_one_undo_step(window, qtbot, tmp_path, monkeypatch):
    import openpyxl

    from khdesk.ui import results_dialog

    store = window.session.store
    ct = store.agencies.find("Sở Công Thương")
    window.tree.select(ct.id)
    sheet_path = tmp_path / "ct.xlsx"
    window.export_results(path=str(sheet_path))
    wb = openpyxl.load_workbook(sheet_path)
    ws = wb["Kết quả"]
    ws.cell(5, 4).value, ws.cell(5, 5).value = "Hoàn thành", "Đã trình"
    wb.save(sheet_path)
    t16 = next(t for t in store.tasks.of_plan(window.plan_id) if t.position == 16)
    seen = {}

    def review(dialog):
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        return True

    monkeypatch.setattr(results_dialog.ResultsDialog, "exec", review)
    window.import_results(str(sheet_path))
    assert seen["rows"] == [["16", "Trạng thái", "Chưa thực hiện", "Hoàn thành"], ["16", "Kết quả", "", "Đã trình"]]
    assert store.tasks.get(t16.id).status == "done"
    assert window.undo_action.text() == "Hoàn tác Nhập kết quả của «Sở Công Thương»"
    window.undo_action.trigger()
    assert store.tasks.get(t16.id).status == "todo" and store.tasks.get(t16.id).result_note == ""
    assert store.tasks.get(t16.id).followed_up_on is None              # «chưa có báo cáo» again


def test_the_panel_and_the_report_give_the_same_figures(window, qtbot):
    from khdesk.usecases.loading import report_of

    window.model.today = lambda: date(2024, 6, 5)
    set_month_end(window.session.store, window.plan_id)
    window.session.refresh_all()
    window.progress_dock.show()
    table = window.progress.table
    panel = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    report = report_of(window.session.store, "2024-05", date(2024, 6, 5))
    assert panel[0][1:] == [str(v) for v in report.figures.as_row()]
    assert panel[1:] == [[name, *map(str, f.as_row())] for name, f in report.by_agency]


def test_printing_says_what_the_checker_found_without_blocking(window, qtbot):
    preview = window.print_plan()
    qtbot.addWidget(preview)
    assert preview.note.text().startswith("Kiểm tra kế hoạch: 0 lỗi, 2 cảnh báo.")
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20000)
    preview.reject()


def test_a_status_recorded_then_undone_is_again_chua_co_bao_cao(window, qtbot):
    store = window.session.store
    index = window.proxy.index(0, STATUS)
    assert index.data() == "Chưa có báo cáo"
    window.select_row(0)
    assert "Chưa có báo cáo: cơ quan chưa gửi" in window.detail.overdue.text()        # said in the task pane
    assert window.proxy.setData(index, "doing", Qt.ItemDataRole.EditRole)
    assert window.proxy.index(0, STATUS).data() == "Đang thực hiện"
    assert "Chưa có báo cáo" not in window.detail.overdue.text()
    assert store.tasks.get(window.model.task(0).id).followed_up_on == date.today()
    window.undo_action.trigger()
    assert window.proxy.index(0, STATUS).data() == "Chưa có báo cáo"
    assert store.tasks.get(window.model.task(0).id).followed_up_on is None
    window.redo_action.trigger()
    assert window.proxy.index(0, STATUS).data() == "Đang thực hiện"


def test_the_panel_sets_the_month_beside_the_one_before_and_exports_it(window, qtbot, tmp_path, monkeypatch):
    import openpyxl
    from test_month_compare import june_from_may

    store = window.session.store
    june, _, _ = june_from_may(store)
    window.model.today = lambda: date(2024, 6, 20)
    window.session.refresh_all()
    window.select_plan(june.id)
    window.progress_dock.show()
    panel = window.progress
    panel.tabs.setCurrentIndex(2)
    tab = panel.comparison
    assert "SO SÁNH KẾ HOẠCH THÁNG 6/2024 VỚI THÁNG 5/2024" in tab.summary.text()
    assert "Số liệu tính từ ngày 15/5/2024 đến ngày 14/6/2024" in tab.summary.text()
    assert [tab.agencies.item(0, c).text() for c in range(7)] == ["1", "Sở Kế hoạch và Đầu tư", "2", "2", "0", "1",
                                                                   "50 %"]
    assert [tab.which.itemText(i) for i in range(tab.which.count())] == [
        "Nhiệm vụ chuyển tiếp (2)", "Nhiệm vụ mới (2)",
        "Nhiệm vụ tháng 5/2024 chưa hoàn thành, không chuyển sang (42)", "Nhiệm vụ quá hạn lâu nhất (2)"]  # May's, due 31/5
    tab.which.setCurrentIndex(1)
    assert tab.tasks.item(0, 1).text() == "Tổ chức Hội nghị xúc tiến đầu tư & <du lịch> 2024"
    monkeypatch.setattr("khdesk.ui.import_export_area.ask", lambda *a, **k: str(tmp_path / "so-sanh.xlsx"))
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert openpyxl.load_workbook(tmp_path / "so-sanh.xlsx")["Mới"].cell(5, 2).value == \
        "Tổ chức Hội nghị xúc tiến đầu tư & <du lịch> 2024"
    assert "Đã xuất so sánh với tháng trước" in window.statusBar().currentMessage()


def test_the_task_pane_says_how_many_times_a_task_was_carried(window):
    from khdesk.usecases.new_month import create_month

    store = window.session.store
    source = store.tasks.of_plan(window.plan_id)[7]
    for month in ("2024-06", "2024-07", "2024-08"):
        plan = create_month(store, month, {}, [source.id])
        source = store.tasks.of_plan(plan.id)[0]
    window.session.refresh_all()
    window.select_plan(plan.id)
    window.select_row(0)
    assert window.detail.origin.text() == ("Chuyển tiếp từ nhiệm vụ số 1, kế hoạch tháng 7/2024 (chuyển tiếp lần 3, "
                                           "giao từ tháng 5/2024).")


def test_the_reporting_rule_and_the_days_off_are_set_in_one_undoable_step(window, monkeypatch):
    from khdesk.domain.periods import ReportingRule
    from khdesk.domain.working_days import OFF
    from khdesk.ui import reporting_dialog

    store = window.session.store
    window.model.today = lambda: date(2024, 5, 20)
    seen = {}

    def clerk(dialog):
        seen["example"] = dialog.example.text()
        dialog.day.edit.setText("15/05/2024")
        dialog.day.edit.editingFinished.emit()
        dialog.note.setText("Nghỉ theo Quyết định & <Thông báo> của UBND tỉnh")
        dialog.add_off.click()
        seen["after_day"] = dialog.example.text()
        seen["rows"] = [dialog.days.item(r, 0).text() for r in range(dialog.days.rowCount())]
        dialog.cutoff.setValue(0)                                           # calendar months
        return True

    monkeypatch.setattr(reporting_dialog.ReportingDialog, "exec", clerk)
    window.reporting_action.trigger()
    assert seen["example"] == ("Báo cáo tháng 5/2024: số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024; gửi chậm "
                               "nhất ngày 16/5/2024.")
    assert seen["after_day"].endswith("gửi chậm nhất ngày 17/5/2024.") and "15/05/2024" in seen["rows"]
    assert store.reporting.rule() == ReportingRule(0, 2)
    assert store.reporting.calendar().edits == {date(2024, 5, 15): (OFF, "Nghỉ theo Quyết định & <Thông báo> của "
                                                                         "UBND tỉnh")}
    window.progress_dock.show()
    assert "Số liệu tính từ ngày 1/5/2024 đến ngày 31/5/2024" in window.progress.summary.text()
    window.undo_action.trigger()
    assert store.reporting.rule() == ReportingRule(14, 2) and store.reporting.calendar().edits == {}
    assert "Số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024" in window.progress.summary.text()


def test_a_period_report_opens_from_the_menu(window, qtbot, monkeypatch):
    """Kế hoạch › Báo cáo theo kỳ › quý, 6 tháng, 9 tháng, năm: each in the print preview, with its title."""
    opened = []
    monkeypatch.setattr("khdesk.ui.print_preview.PrintPreview.show", lambda self: opened.append(self))
    for action in window.period_report_actions.values():
        action.trigger()
    assert [p.job.title for p in opened] == [f"Kết quả thực hiện nhiệm vụ trọng tâm {name}" for name in (
        "quý II/2024", "6 tháng đầu năm 2024", "9 tháng đầu năm 2024", "năm 2024")]
    for preview in opened:
        qtbot.waitUntil(lambda p=preview: p.save_button.isEnabled(), timeout=20000)
        preview.reject()


def test_the_carried_part_is_chosen_once_in_the_menu_and_kept(window, tmp_path):
    import openpyxl
    from test_month_compare import june_from_may

    june, _, _ = june_from_may(window.session.store)
    window.session.refresh_all()
    window.select_plan(june.id)
    assert not window.carried_apart_action.isChecked()
    window.carried_apart_action.trigger()
    assert window.settings.value("print/carried_apart", False, bool)        # remembered for the next time
    window.export_excel(str(tmp_path / "pl.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "pl.xlsx").active
    assert sheet.cell(6, 1).value == "I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG"


def test_a_day_s_note_too_long_is_refused_in_words_not_cut(window, monkeypatch):
    from khdesk.ui import reporting_dialog

    errors = []
    monkeypatch.setattr("khdesk.ui.reporting_dialog.show_error", lambda parent, text, *a: errors.append(text))
    seen = {}

    def clerk(dialog):
        dialog.day.edit.setText("15/05/2024")
        dialog.day.edit.editingFinished.emit()
        dialog.note.setText("Theo " + "văn bản " * 60)
        dialog.add_off.click()
        seen["edits"] = dict(dialog.edits)
        seen["note"] = dialog.note.text()
        return False

    monkeypatch.setattr(reporting_dialog.ReportingDialog, "exec", clerk)
    window.reporting_action.trigger()
    assert errors and "quá 300 ký tự" in errors[0] and seen["edits"] == {}
    assert seen["note"].startswith("Theo văn bản văn bản")                  # what the clerk typed is still there
