"""Driving the real window as a clerk does: add, edit, filter, search, reorder, undo, redo."""
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from khdesk.ui import new_plan_dialog, plan_dialogs
from khdesk.ui.task_model import CONTENT, LEAD, STATUS, TaskIdRole


def plan_tasks(window):
    return window.session.store.tasks.of_plan(window.plan_id)


def grid_texts(window, column=CONTENT):
    return [window.proxy.index(r, column).data() for r in range(window.proxy.rowCount())]


def type_into(widget, text):
    """Vietnamese text arrives as an input-method commit (keyClicks cannot type it)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    from PySide6.QtWidgets import QApplication
    QApplication.sendEvent(widget, event)


def leave(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    QApplication.processEvents()              # the box saves on leaving, at the next turn of the event loop


def test_insert_adds_a_task_after_the_agency_last_task_and_undo_redo(window, qtbot):
    window.select_row(24)                                  # task 25, Sở Y tế (23–25)
    qtbot.keyClick(window.table, Qt.Key.Key_Insert)
    tasks = plan_tasks(window)
    assert len(tasks) == 48
    new = tasks[25]
    # placed after Sở Y tế's tasks, but with no lead of its own: the clerk chooses it (a lead copied
    # from the row and forgotten became the wrong agency without a word)
    assert new.position == 26 and new.content == "" and new.lead_agency_ids == ()
    assert "chọn cơ quan chủ trì" in window.statusBar().currentMessage()
    assert window.current_task_id() == new.id
    assert window.proxy.index(25, CONTENT).data(Qt.ItemDataRole.BackgroundRole) is not None   # marked: no content
    window.undo_action.trigger()
    assert len(plan_tasks(window)) == 47 and window.proxy.rowCount() == 47
    window.redo_action.trigger()
    assert [t.id for t in plan_tasks(window)][25] == new.id


def test_the_redo_keys_redo(window, qtbot):
    """Ctrl+Y was given twice to «Làm lại» (as itself and as the platform's Redo), which Qt takes for an
    ambiguous shortcut and ignores: Ctrl+Y redid nothing. Ctrl+Shift+Z too."""
    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    window.select_row(3)
    for keys in ((Qt.Key.Key_Y, control), (Qt.Key.Key_Z, control | shift)):
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_Insert)
        assert len(plan_tasks(window)) == 48
        window.table.setFocus()
        qtbot.keyClick(window.table, Qt.Key.Key_Z, control)
        assert len(plan_tasks(window)) == 47
        qtbot.keyClick(window.table, *keys)
        assert len(plan_tasks(window)) == 48, keys
        qtbot.keyClick(window.table, Qt.Key.Key_Z, control)


def test_insert_with_an_agency_chosen_in_the_tree_gives_it_as_the_lead(window, qtbot):
    store = window.session.store
    y_te = store.agencies.find("Sở Y tế")
    window.tree.select(y_te.id)
    window.table.setFocus()
    window.select_row(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Insert)
    new = store.tasks.get(window.current_task_id())
    assert new.lead_agency_ids == (y_te.id,) and new.position == 26          # after Sở Y tế's tasks (23–25)


def test_edit_in_the_detail_pane_changes_grid_and_database(window, qtbot):
    window.select_row(2)
    task_id = window.current_task_id()
    pane = window.detail
    pane.content.selectAll()
    pane.content.setPlainText("")
    type_into(pane.content, "Tham mưu Kế hoạch đón Đoàn công tác & <chuẩn bị> \"hậu cần\"")
    leave(qtbot, window)
    expected = "Tham mưu Kế hoạch đón Đoàn công tác & <chuẩn bị> \"hậu cần\""
    assert window.session.store.tasks.get(task_id).content == expected
    assert window.proxy.index(2, CONTENT).data() == expected
    assert "Sửa nội dung" in window.undo_action.text()
    window.undo_action.trigger()
    assert window.session.store.tasks.get(task_id).content.startswith("Tham mưu các nhiệm vụ chuẩn bị")
    assert pane.content.toPlainText().startswith("Tham mưu các nhiệm vụ chuẩn bị")
    window.redo_action.trigger()
    assert window.proxy.index(2, CONTENT).data() == expected


def test_pasted_decomposed_text_is_stored_composed(window, qtbot):
    window.select_row(0)
    task_id = window.current_task_id()
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(unicodedata.normalize("NFD", "Nhiệm vụ tổ hợp"))
    window.detail.content.setFocus()
    window.detail.content.selectAll()
    window.detail.content.paste()
    leave(qtbot, window)
    assert window.session.store.tasks.get(task_id).content == "Nhiệm vụ tổ hợp"


def test_lead_agency_by_typing_without_diacritics(window, qtbot):
    window.select_row(0)
    task_id = window.current_task_id()
    picker = window.detail.lead
    picker.setEditText("")
    picker.lineEdit().setFocus()
    qtbot.keyClicks(picker.lineEdit(), "so y te")
    popup = picker.completer().popup()
    assert picker.completer().currentCompletion() == "Sở Y tế"
    picker.completer().activated.emit("Sở Y tế")
    assert window.session.store.agencies.get(window.session.store.tasks.get(task_id).lead_agency_ids[0]).name == "Sở Y tế"
    assert window.proxy.index(0, LEAD).data() == "Sở Y tế"
    assert popup is not None


def test_grid_edit_is_the_same_edit_as_the_pane(window, qtbot):
    window.select_row(4)
    index = window.proxy.index(4, STATUS)
    assert window.proxy.setData(index, "done", Qt.ItemDataRole.EditRole)
    task_id = index.data(TaskIdRole)
    assert window.session.store.tasks.get(task_id).status == "done"
    assert window.detail.status.currentData() == "done"
    window.undo_action.trigger()
    assert window.detail.status.currentData() == "todo"


def test_filter_by_agency_and_by_group(window):
    store = window.session.store
    window.tree.select(store.agencies.find("Sở Công Thương").id)
    assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [16, 17, 18, 19]
    window.tree.select(store.agencies.find("Sở, ban, ngành thuộc tỉnh").id)
    assert window.proxy.rowCount() == 44
    window.tree.select(-1)
    assert window.proxy.rowCount() == 47
    assert "đang hiện" not in window.statusBar().currentMessage()


def test_search_as_you_type_ignores_diacritics(window, qtbot):
    qtbot.keyClicks(window.search, "cho dem")
    assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [16, 17]
    window.search.clear()
    qtbot.keyClicks(window.search, "so y te")
    assert [window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())] == [23, 24, 25]
    window.search.clear()
    assert window.proxy.rowCount() == 47


def test_search_all_months_lists_results_and_opens_one(window, qtbot):
    window.all_months.setChecked(True)
    qtbot.keyClicks(window.search, "truong sa")
    model = window.results_model
    assert model.rowCount() == 1 and "1" in window.results_dock.windowTitle()
    assert [model.index(0, c).data() for c in range(3)] == ["5/2024", "1", "Sở Kế hoạch và Đầu tư"]
    window.proxy.set_query("")
    window._open_result(model.index(0, 0))
    assert window.current_task_id() == plan_tasks(window)[0].id


def test_search_results_are_fetched_a_page_at_a_time(window, qtbot):
    from khdesk.ui.search_results import PAGE

    store = window.session.store
    with store.transaction():
        for i in range(PAGE * 2 + 30):
            store.tasks.add(window.plan_id, f"Rà soát hồ sơ đất đai số {i}", [plan_tasks(window)[0].lead_agency_ids[0]])
    window.all_months.setChecked(True)
    window.search.setText("ra soat ho so")
    model = window.results_model
    assert model.total == PAGE * 2 + 30
    assert model.rowCount() < model.total and model.rowCount() % PAGE == 0     # only the pages shown so far
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE * 2 + 30
    shown = [model.index(r, 3).data() for r in range(model.rowCount())]
    assert len(set(shown)) == len(shown)                       # every hit once, none skipped


def test_move_down_up_and_sort_by_agency_with_undo(window, qtbot):
    window.select_row(0)
    first = window.current_task_id()
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [t.id for t in plan_tasks(window)].index(first) == 1
    assert window.current_task_id() == first
    window.move_task(+1)
    assert [t.id for t in plan_tasks(window)].index(first) == 2
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert plan_tasks(window)[0].id == first
    # put task 47 (UBND huyện) first, then sort by the tree's order: it goes back to the end
    last = plan_tasks(window)[-1].id
    window.select_row(46)
    for _ in range(46):
        window.move_task(-1)
    assert plan_tasks(window)[0].id == last
    window.sort_by_agency()
    # the UBND group is last in the tree; within it the order the clerk made is kept
    assert [t.id for t in plan_tasks(window)][-3:] == [last] + [t.id for t in plan_tasks(window)][-2:]
    assert window.session.store.agencies.get(plan_tasks(window)[-3].lead_agency_ids[0]).kind == "group"
    assert "Sắp xếp theo thứ tự cơ quan" in window.undo_action.text()
    window.undo_action.trigger()
    assert plan_tasks(window)[0].id == last


def test_delete_with_the_delete_key_and_undo_restores_it(window, qtbot):
    window.select_row(5)
    task = plan_tasks(window)[5]
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert len(plan_tasks(window)) == 46 and task.id not in [t.id for t in plan_tasks(window)]
    window.undo_action.trigger()
    assert plan_tasks(window)[5] == task


def test_merge_agencies_is_one_undoable_step(window):
    store = window.session.store
    du_lich = store.agencies.find("Sở Du lịch")
    vhtt = store.agencies.find("Sở Văn hóa và Thể thao")
    from khdesk.ui.commands import MergeAgencies

    assert window.session.execute(MergeAgencies(window.session, [du_lich.id], vhtt.id))
    assert [t.lead_agency_ids[0] for t in plan_tasks(window)][39:42] == [vhtt.id] * 3
    assert not store.agencies.get(du_lich.id).active
    assert window.proxy.index(40, LEAD).data() == "Sở Văn hóa và Thể thao"
    window.undo_action.trigger()
    assert [t.lead_agency_ids[0] for t in plan_tasks(window)][39:42] == [du_lich.id] * 3
    assert store.agencies.get(du_lich.id).active


def test_new_month_carries_over_unfinished_tasks_as_one_step(window, qtbot, monkeypatch, tmp_path):
    from pdf_reader import open_pdf, squash

    from khdesk.ui.new_plan_dialog import ROLLED_COLOUR
    from khdesk.usecases import printing

    store = window.session.store
    tasks = plan_tasks(window)
    store.tasks.update(tasks[0].id, status="done")
    store.tasks.update(tasks[3].id, status="doing", result_note="Đang làm")      # reported: proposed
    seen = {}

    def clerk(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        seen["unfinished"] = dialog.tasks.count()
        items = [dialog.tasks.item(i) for i in range(dialog.tasks.count())]
        seen["checked"] = [i for i, item in enumerate(items) if item.checkState() == Qt.CheckState.Checked]
        seen["unknown"] = sum("[CHƯA CÓ BÁO CÁO]" in item.text() for item in items)
        seen["count"] = dialog.count.text()
        for i, item in enumerate(items):              # the clerk decides: the first two, nothing else
            item.setCheckState(Qt.CheckState.Checked if i < 2 else Qt.CheckState.Unchecked)
        qtbot.keyClick(dialog.month, Qt.Key.Key_Return)            # Enter: step 2, the plan is not made yet
        seen["step"] = dialog.steps.currentIndex()
        seen["open"] = dialog.isVisible()
        grounds = dialog.boxes["grounds"]
        seen["marked"] = [(s.cursor.selectedText(), s.format.background().color())
                          for s in grounds.extraSelections()]
        seen["summary"] = dialog.summary.text()
        seen["deadline"] = dialog.report_deadline.edit.text()
        implementation = dialog.boxes["implementation"]       # the clerk corrects the wording here
        implementation.moveCursor(implementation.textCursor().MoveOperation.End)
        type_into(implementation, " Ghi chú & <mới>")
        qtbot.keyClick(dialog.month, Qt.Key.Key_Return)            # Enter again: "Tạo kế hoạch"
        return dialog.result()

    monkeypatch.setattr(new_plan_dialog.NewPlanDialog, "exec", clerk)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert seen["unfinished"] == 46 and seen["step"] == 1 and seen["open"]
    assert seen["checked"] == [2] and seen["unknown"] == 45          # only the reported one is chosen for the clerk
    assert "45 nhiệm vụ CHƯA CÓ BÁO CÁO" in seen["count"]
    assert seen["marked"] == [("tháng 5 năm 2024", ROLLED_COLOUR), ("tháng 6 năm 2024", ROLLED_COLOUR)]
    assert "<b>4</b> chỗ ngày tháng đã chuyển sang tháng 6/2024" in seen["summary"]
    assert seen["deadline"] == "30/06/2024"
    june = store.plans.by_month("2024-06")
    carried = store.tasks.of_plan(june.id)
    assert [t.carried_from_id for t in carried] == [tasks[1].id, tasks[2].id]
    assert [t.content for t in carried] == [tasks[1].content, tasks[2].content]
    assert june.appendix_title == "NHIỆM VỤ TRỌNG TÂM THÁNG 6/2024"
    assert june.subject.endswith("tháng 6 năm 2024") and june.signer_name == "Nguyễn Tấn Tuấn"
    assert "thường kỳ tháng 5 năm 2024" in june.grounds and "tháng 4 năm 2024" not in june.grounds
    assert june.implementation.endswith("trước ngày 30/6/2024 để theo dõi, tổng hợp./. Ghi chú & <mới>")
    assert june.number == "" and june.issued_on is None and june.status == "draft"
    assert june.general_tasks == store.plans.by_month("2024-05").general_tasks
    assert window.plan_id == june.id and window.proxy.rowCount() == 2
    assert window.plan_box.currentText() == "Tháng 6/2024"
    # printed as a draft: room for the number and the date
    printing.print_plan(store, "2024-06", tmp_path / "june.pdf", "all")
    with open_pdf(tmp_path / "june.pdf") as pdf:
        first = squash(pdf.pages[0].extract_text())
        body = squash(" ".join(page.extract_text() for page in pdf.pages))
    assert "Số: /KH-UBND" in first and "Khánh Hòa, ngày tháng năm 2024" in first
    assert "thường kỳ tháng 5 năm 2024" in body and "trước ngày 30/6/2024" in body and "tháng 4 năm 2024" not in body
    window.undo_action.trigger()
    assert [s.plan.month for s in store.plans.summaries()] == ["2024-05"]
    window.redo_action.trigger()
    assert [t.id for t in store.tasks.of_plan(june.id)] == [t.id for t in carried]


def test_plan_header_edit_is_undoable(window, monkeypatch):

    def fake_exec(dialog):
        dialog.number.setText("5000")
        dialog.signer_name.setText("Nguyễn Văn A")
        return True

    monkeypatch.setattr(plan_dialogs.PlanHeaderDialog, "exec", fake_exec)
    window.edit_plan_header()
    plan = window.session.store.plans.get(window.plan_id)
    assert (plan.number, plan.signer_name) == ("5000", "Nguyễn Văn A")
    assert plan.recipients[-1] == "Lưu: VT, HP, HT." and len(plan.general_tasks) == 10    # untouched
    window.undo_action.trigger()
    assert window.session.store.plans.get(window.plan_id).number == "4969"


def test_a_failed_write_is_a_message_and_the_grid_shows_the_file(window, monkeypatch):
    import sqlite3

    messages = []
    monkeypatch.setattr("khdesk.ui.main_window.show_error", lambda parent, message, *a: messages.append(message))
    original = window.session.store.tasks.update

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(window.session.store.tasks, "update", full_disk)
    index = window.proxy.index(0, STATUS)
    assert not window.proxy.setData(index, "done", Qt.ItemDataRole.EditRole)
    assert messages and "ổ đĩa đã đầy" in messages[0]
    monkeypatch.setattr(window.session.store.tasks, "update", original)
    assert window.proxy.index(0, STATUS).data() == "Chưa có báo cáo"        # as it was: nothing recorded
    assert window.proxy.setData(index, "done", Qt.ItemDataRole.EditRole)     # the next edit works
    assert window.proxy.index(0, STATUS).data() == "Hoàn thành"


def test_typing_an_unknown_agency_in_the_grid_keeps_the_lead(window, qtbot, monkeypatch):
    from khdesk.ui import main_window as mw
    from khdesk.ui.delegates import AgencyDelegate

    messages = []
    monkeypatch.setattr(mw, "show_error", lambda parent, message, *a: messages.append(message))
    delegate = window.table.itemDelegateForColumn(LEAD)
    assert isinstance(delegate, AgencyDelegate)
    index = window.proxy.index(0, LEAD)
    editor = delegate.createEditor(window.table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    editor.setEditText("Sở Không Có Thật")
    delegate.setModelData(editor, window.proxy, index)
    assert window.proxy.index(0, LEAD).data() == "Sở Kế hoạch và Đầu tư"
    assert messages and "chưa có trong danh mục" in messages[-1]              # refused visibly, not dropped
    editor.setEditText("so tai")
    delegate.setModelData(editor, window.proxy, index)
    assert "Sở Tài chính" in messages[-1] and window.proxy.index(0, LEAD).data() == "Sở Kế hoạch và Đầu tư"
    editor.setEditText("so noi vu")
    delegate.setModelData(editor, window.proxy, index)
    assert window.proxy.index(0, LEAD).data() == "Sở Nội vụ"
    editor.deleteLater()


def test_plan_body_parts_are_edited_in_the_dialog(window, monkeypatch):
    from datetime import date

    from PySide6.QtCore import QDate


    store = window.session.store

    def fill(dialog):
        assert dialog.tabs.count() == 3
        dialog.grounds.setPlainText("Căn cứ mới.\nĐoạn hai của căn cứ.")
        dialog.general.setPlainText("Nhiệm vụ chung một.\nĐoạn phụ.\n\nNhiệm vụ chung hai.")
        dialog.implementation.setPlainText("Báo cáo trước ngày 30/6.")
        dialog.report_deadline.setDate(QDate(2024, 6, 30))
        dialog.report_via.set_agency_id(store.agencies.find("Sở Tài chính").id)
        return True

    monkeypatch.setattr(plan_dialogs.PlanHeaderDialog, "exec", fill)
    window.edit_plan_header()
    plan = store.plans.get(window.plan_id)
    assert plan.grounds == "Căn cứ mới.\nĐoạn hai của căn cứ."
    assert plan.general_tasks == ("Nhiệm vụ chung một.\nĐoạn phụ.", "Nhiệm vụ chung hai.")
    assert plan.implementation == "Báo cáo trước ngày 30/6." and plan.report_deadline == date(2024, 6, 30)
    assert store.agencies.get(plan.report_via_agency_id).name == "Sở Tài chính"
    assert plan.signer_name == "Nguyễn Tấn Tuấn" and len(plan.recipients) == 12        # untouched
    window.undo_action.trigger()
    assert store.plans.get(window.plan_id).grounds.startswith("Thực hiện Chương trình công tác")


def test_a_due_date_is_typed_as_a_clerk_types_it_and_may_stay_empty(window, qtbot):
    from datetime import date

    store = window.session.store
    window.select_row(0)
    task_id = window.current_task_id()
    field = window.detail.due.edit
    assert field.text() == "" and store.tasks.get(task_id).due_date is None       # empty until typed
    for typed, meant in (("14/06/2024", date(2024, 6, 14)), ("1/7/24", date(2024, 7, 1)),
                         ("31122024", date(2024, 12, 31)), ("14-6-2024", date(2024, 6, 14))):
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert store.tasks.get(task_id).due_date == meant, typed
        assert field.text() == meant.strftime("%d/%m/%Y")
    field.selectAll()
    qtbot.keyClicks(field, "31/02/2024")                                      # no such day: said, not changed
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "không có ngày 31 tháng 2" in window.detail.due.problem.text() and window.detail.due.problem.isVisible()
    assert store.tasks.get(task_id).due_date == date(2024, 6, 14) and field.text() == "31/02/2024"
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert store.tasks.get(task_id).due_date is None and not window.detail.due.problem.isVisible()
    assert window.proxy.index(0, 4).data() == ""


def test_joint_leads_in_the_detail_pane_grid_tree_and_filter(window, qtbot, monkeypatch):
    from khdesk.ui import agency_list

    store = window.session.store
    first = plan_tasks(window)[0]
    noi_vu, tu_phap = store.agencies.find("Sở Nội vụ"), store.agencies.find("Sở Tư pháp")
    lead_name = store.agencies.get(first.lead_agency_ids[0]).print_name

    def tree_text(agency_id):
        window.tree.select(agency_id)
        return window.tree.model.itemFromIndex(window.tree.view.currentIndex()).text()

    led_before = len(store.agencies.tasks_led(window.plan_id).get(noi_vu.id, ()))
    window.select_row(0)
    for agency in (noi_vu, tu_phap):                         # "+" then pick, as the clerk does
        monkeypatch.setattr(agency_list.PickAgencyDialog, "exec",
                            lambda dialog, a=agency: dialog.picker.set_agency_id(a.id) or True)
        window.detail.other_leads.buttons[0].click()
    assert store.tasks.get(first.id).lead_agency_ids == (first.lead_agency_ids[0], noi_vu.id, tu_phap.id)
    assert window.model.index(0, LEAD).data() == f"{lead_name}; Sở Nội vụ; Sở Tư pháp"
    assert [window.detail.other_leads.list.item(i).text() for i in range(2)] == ["Sở Nội vụ", "Sở Tư pháp"]
    window.detail.other_leads.list.setCurrentRow(1)
    window.detail.other_leads.buttons[2].click()              # ▲: Sở Tư pháp before Sở Nội vụ
    window.detail.other_leads.list.setCurrentRow(0)
    window.detail.other_leads.buttons[2].click()              # ▲ again: Sở Tư pháp becomes the first lead
    assert store.tasks.get(first.id).lead_agency_ids == (tu_phap.id, first.lead_agency_ids[0], noi_vu.id)
    assert window.detail.lead.currentText() == "Sở Tư pháp"
    # the tree counts the task under each of its leads; selecting any one shows it
    assert tree_text(noi_vu.id) == f"Sở Nội vụ ({led_before + 1})"
    assert first.id in [window.proxy.index(r, 0).data(TaskIdRole) for r in range(window.proxy.rowCount())]
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert store.tasks.get(first.id).lead_agency_ids == first.lead_agency_ids


def test_tab_goes_from_the_content_to_the_lead_agency(window, qtbot):
    window.select_row(0)
    window.detail.content.setFocus()
    qtbot.keyClick(window.detail.content, Qt.Key.Key_Tab)
    focused = window.focusWidget()
    assert focused in (window.detail.lead, window.detail.lead.lineEdit())


def test_a_typed_name_that_is_not_one_agency_is_said_never_dropped(window, qtbot, monkeypatch):
    from khdesk.ui import agency_tree

    store = window.session.store
    window.select_row(0)
    task_id = window.current_task_id()
    before = store.tasks.get(task_id).lead_agency_ids
    line = window.detail.lead.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "so tai")                                  # Sở Tài chính, Sở Tài nguyên và Môi trường
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: window.detail.lead_problem.isVisible())
    assert "Sở Tài chính" in window.detail.lead_problem.text() and "chưa được đổi" in window.detail.lead_problem.text()
    assert store.tasks.get(task_id).lead_agency_ids == before and line.text() == "so tai"
    assert not window.detail.add_typed_agency.isVisible()

    line.setFocus()
    line.selectAll()
    type_into(line, "Trung tâm Xúc tiến Đầu tư")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "chưa có trong danh mục" in window.detail.lead_problem.text()
    assert store.tasks.get(task_id).lead_agency_ids == before
    offer = window.detail.add_typed_agency
    assert offer.isVisible() and offer.text() == "Thêm cơ quan mới «Trung tâm Xúc tiến Đầu tư»…"
    group = store.agencies.find("Các đơn vị sự nghiệp trực thuộc tỉnh")

    def pick_group(dialog):
        assert dialog.name.text() == "Trung tâm Xúc tiến Đầu tư"
        dialog.group.setCurrentIndex(dialog.group.findData(group.id))
        return True

    monkeypatch.setattr(agency_tree.AgencyDialog, "exec", pick_group)
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    new = store.agencies.find("Trung tâm Xúc tiến Đầu tư")
    assert new.parent_id == group.id
    assert store.tasks.get(task_id).lead_agency_ids[0] == new.id
    assert window.proxy.index(0, LEAD).data().startswith("Trung tâm Xúc tiến Đầu tư")
    assert not window.detail.lead_problem.isVisible()


def test_a_typed_name_that_is_one_agency_is_taken_on_tab(window, qtbot):
    store = window.session.store
    window.select_row(0)
    task_id = window.current_task_id()
    line = window.detail.lead.lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "tu phap")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: store.tasks.get(task_id).lead_agency_ids[0] == store.agencies.find("Sở Tư pháp").id)


def test_one_enter_in_the_grid_lead_editor_saves_the_chosen_agency(window, qtbot):
    store = window.session.store
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(2, LEAD))
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = window.table.indexWidget(window.proxy.index(2, LEAD)) or window.table.focusWidget()
    line = editor.lineEdit() if hasattr(editor, "lineEdit") else editor
    line.selectAll()
    qtbot.keyClicks(line, "so y te")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)                           # one Enter
    qtbot.waitUntil(lambda: window.proxy.index(2, LEAD).data() == "Sở Y tế")
    qtbot.waitUntil(lambda: window.table.state() != window.table.State.EditingState)
    assert store.agencies.get(store.tasks.get(window.proxy.index(2, 0).data(TaskIdRole)).lead_agency_ids[0]).name \
        == "Sở Y tế"


def test_the_plan_dialog_keeps_a_date_that_is_not_a_date_and_says_why(window, qtbot):
    from khdesk.ui.plan_dialogs import PlanHeaderDialog

    store = window.session.store
    plan = store.plans.get(window.plan_id)
    dialog = PlanHeaderDialog(window, plan, store.agencies.all())
    qtbot.addWidget(dialog)
    dialog.issued_on.edit.setText("32/5/2024")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "không có ngày 32" in dialog.issued_on.problem.text()
    dialog.issued_on.edit.setText("")                                         # a draft: no issue date yet
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.changes()["issued_on"] is None


def test_keeping_three_of_many_carry_over_tasks_takes_a_few_keys(window, qtbot, monkeypatch):

    store = window.session.store
    tasks = plan_tasks(window)
    seen = {}

    def pick(dialog):
        qtbot.mouseClick(dialog.uncheck_all, Qt.MouseButton.LeftButton)
        seen["none"] = dialog.count.text()
        qtbot.keyClicks(dialog.filter, "cho dem")                      # the night-market tasks (16 and 17)
        seen["shown"] = [dialog.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.tasks.count())
                         if not dialog.tasks.item(i).isHidden()]
        qtbot.mouseClick(dialog.check_all, Qt.MouseButton.LeftButton)
        dialog.filter.clear()
        seen["after"] = dialog.count.text()
        return True

    monkeypatch.setattr(new_plan_dialog.NewPlanDialog, "exec", pick)
    window.new_plan()
    night = [t.id for t in tasks if "chợ đêm" in t.content]
    assert seen["none"].startswith(f"Chuyển sang tháng mới: 0 / {len(tasks)} được chọn")
    assert seen["shown"] == night and len(night) >= 2
    assert seen["after"].startswith(f"Chuyển sang tháng mới: {len(night)} / {len(tasks)} được chọn")
    assert f"({len(night)} đã chọn)" in seen["after"]          # both had no report: chosen by the clerk
    june = store.plans.by_month("2024-06")
    assert [t.carried_from_id for t in store.tasks.of_plan(june.id)] == night


def test_the_new_month_step_names_carried_tasks_that_still_say_last_month(window):
    """Step 2 said «0 chỗ cần xem» while June's carried tasks kept «tháng 5» and «16-17/5/2024»."""
    from khdesk.ui.new_plan_dialog import NewPlanDialog

    store = window.session.store
    may = store.plans.by_month("2024-05")
    tasks = store.tasks.of_plan(may.id)
    dialog = NewPlanDialog(window, may, tasks, [], lambda a: "", {"2024-05"})
    try:
        assert dialog.chosen_month() == "2024-06"
        assert [(p, w) for p, w in dialog.stale_tasks()] == [(27, ["tháng 5"]), (28, ["16-17/5/2024"])]
        assert not dialog.stale.isHidden()                                 # (on step 2)
        assert "nhiệm vụ 27 của tháng trước: «tháng 5»; nhiệm vụ 28 của tháng trước: «16-17/5/2024»" \
            in dialog.stale.text()
        before = dialog.steps.tabText(1)
        dialog.tasks.item(26).setCheckState(Qt.CheckState.Unchecked)         # task 27 not carried over
        assert dialog.stale_tasks() == [(28, ["16-17/5/2024"])] and "nhiệm vụ 27" not in dialog.stale.text()
        count = int(before.split("(")[1].rstrip(")"))
        assert dialog.steps.tabText(1) == f"2. Xem lại ngày tháng ({count - 1})"
    finally:
        dialog.reject()


def test_esc_in_the_plan_information_asks_before_dropping_what_was_typed(window, qtbot, monkeypatch):
    """Esc in «Thông tin kế hoạch» dropped what was typed without a word."""
    from khdesk.ui import plan_dialogs
    from khdesk.ui.plan_dialogs import PlanHeaderDialog

    store = window.session.store
    plan = store.plans.by_month("2024-05")
    asked = []
    answer = [False]
    monkeypatch.setattr(plan_dialogs, "confirm", lambda parent, message, **kw: asked.append(message) or answer[0])
    dialog = PlanHeaderDialog(window, plan, store.agencies.all())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)                     # nothing typed: closes, nothing asked
    assert asked == [] and not dialog.isVisible()
    dialog = PlanHeaderDialog(window, plan, store.agencies.all())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.subject.setFocus()
    type_into(dialog.subject, " (sửa đổi)")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)
    assert len(asked) == 1 and "chưa được lưu" in asked[0] and dialog.isVisible()     # «Tiếp tục sửa»
    assert dialog.subject.text().endswith(" (sửa đổi)")
    answer[0] = True
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Escape)                                # «Bỏ thay đổi»
    assert len(asked) == 2 and not dialog.isVisible()
    assert store.plans.by_month("2024-05").subject == plan.subject


def test_an_empty_file_shows_an_empty_task_pane(window, tmp_path):
    """Opening a database with no plan left the last file's agency in the (disabled) pane."""
    from khdesk.usecases.sample_data import new_database

    window.select_row(0)
    assert window.detail.lead.lineEdit().text() == "Sở Kế hoạch và Đầu tư"
    new_database(tmp_path / "trong.db", sample=False).close()
    window.open_file(str(tmp_path / "trong.db"))
    pane = window.detail
    assert window.session.store.path == tmp_path / "trong.db" and not pane.isEnabled()
    assert pane.lead.lineEdit().text() == "" and pane.content.toPlainText() == "" and pane.due.date() is None
