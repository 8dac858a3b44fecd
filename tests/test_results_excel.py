"""Results from the agencies by Excel: the sheet out, filled in as an agency would, back in — changes
only, all or none, conflicts shown and never overwritten."""
from datetime import date, datetime

import openpyxl
import pytest
from seed_data import reopened

from khdesk.cli import main
from khdesk.errors import InvalidInput
from khdesk.usecases.results import apply_results, export_results, read_results


@pytest.fixture
def sheet_out(sample_store, tmp_path):
    ct = sample_store.agencies.find("Sở Công Thương")
    path = tmp_path / "ket-qua-so-cong-thuong.xlsx"
    assert export_results(sample_store, "2024-05", ct.id, path) == 4
    return sample_store, path


def fill(path, rows):
    """The agency types into the yellow cells: {TT: (status, result, completed, reason)}."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Kết quả"]
    for r in range(5, ws.max_row + 1):
        values = rows.get(ws.cell(r, 2).value)
        if values:
            for c, value in zip((4, 5, 6, 7), values):
                if value is not None:
                    ws.cell(r, c).value = value
    wb.save(path)


def test_the_sheet_holds_the_agencys_tasks_with_a_status_list(sheet_out):
    store, path = sheet_out
    ws = openpyxl.load_workbook(path)["Kết quả"]
    assert [ws.cell(r, 2).value for r in range(5, 9)] == [16, 17, 18, 19]
    # the issued sample plan: Sở Công Thương has reported nothing yet, and the sheet says so
    assert ws.column_dimensions["A"].hidden and ws.cell(5, 4).value == "Chưa có báo cáo"
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and "Hoàn thành" in lists[0].formula1 and "D5" in str(lists[0].sqref)
    assert lists[0].formula1.startswith('"Chưa có báo cáo,Chưa thực hiện,')


def test_filled_in_results_come_back_as_one_change_each(sheet_out):
    store, path = sheet_out
    fill(path, {16: ("Hoàn thành", 'Đã trình UBND tỉnh & "Sở" <ký>', datetime(2024, 5, 28), None),
                17: ("Không thực hiện", None, None, "Gộp vào nhiệm vụ 16"),
                18: ("Đang thực hiện", "Đang chuẩn bị\nhội chợ", None, None)})
    sheet = read_results(store, path)
    assert sheet.month == "2024-05" and sheet.unchanged == 1 and sheet.conflicts == 0
    assert [(c.task.position, c.changes) for c in sheet.changes] == [
        (16, {"status": "done", "result_note": 'Đã trình UBND tỉnh & "Sở" <ký>', "completed_on": date(2024, 5, 28)}),
        (17, {"status": "dropped", "status_reason": "Gộp vào nhiệm vụ 16"}),
        (18, {"status": "doing", "result_note": "Đang chuẩn bị\nhội chợ"})]
    done = apply_results(store, sheet)
    assert len(done) == 3
    task = next(t for t in store.tasks.of_plan(store.plans.by_month("2024-05").id) if t.position == 16)
    assert (task.status, task.completed_on, task.result_note) == ("done", date(2024, 5, 28),
                                                                  'Đã trình UBND tỉnh & "Sở" <ký>')
    assert read_results(store, path).changes == []                       # read again: nothing new


def test_a_field_khdesk_changed_since_the_export_is_a_conflict_kept_as_khdesk_has_it(sheet_out, capsys):
    store, path = sheet_out
    plan = store.plans.by_month("2024-05")
    t16 = next(t for t in store.tasks.of_plan(plan.id) if t.position == 16)
    store.tasks.update(t16.id, result_note="Ghi trong khdesk")                # after the export
    fill(path, {16: ("Hoàn thành", "Ghi của Sở", datetime(2024, 5, 28), None)})
    db = str(store.path)
    store.close()
    # the plan is issued, and results are follow-up: taken without reopening it, the conflict kept
    assert main(["import-results", "--db", db, str(path)]) == 1
    err = capsys.readouterr().err
    assert "nhiệm vụ 16, Kết quả: khdesk đã sửa thành «Ghi trong khdesk», bảng ghi «Ghi của Sở»" in err
    from khdesk.db import Store

    with Store.open(db) as again:
        task = again.tasks.get(t16.id)
        plan = again.plans.by_month("2024-05")
        assert plan.locked and plan.reopened_at is None                       # still issued, not reopened
    assert task.result_note == "Ghi trong khdesk" and task.status == "done"   # the rest was taken


@pytest.mark.parametrize("damage, says", [
    (lambda ws: setattr(ws.cell(6, 4), "value", "Xong rồi"), "Dòng 6: trạng thái «Xong rồi» không có trong danh sách"),
    (lambda ws: setattr(ws.cell(9, 1), "value", "khdesk:99999"), "Dòng 9: cột «Mã» không phải của bảng này"),
    (lambda ws: setattr(ws.cell(7, 6), "value", "31/02/2024"), "Dòng 7, cột «Ngày hoàn thành»"),
])
def test_a_wrong_row_refuses_the_whole_file(sheet_out, damage, says):
    store, path = sheet_out
    fill(path, {16: ("Hoàn thành", "Xong", None, None)})
    wb = openpyxl.load_workbook(path)
    damage(wb["Kết quả"])
    wb.save(path)
    with pytest.raises(InvalidInput, match=says):
        read_results(store, path)


def test_a_sheet_not_from_khdesk_is_refused(sample_store, tmp_path):
    other = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(other)
    with pytest.raises(InvalidInput, match="không phải bảng kết quả do khdesk xuất"):
        read_results(sample_store, other)


def test_a_task_deleted_since_the_export_is_named(sheet_out):
    store, path = sheet_out
    plan = store.plans.by_month("2024-05")
    t17 = next(t for t in store.tasks.of_plan(plan.id) if t.position == 17)
    reopened(store)
    store.tasks.delete(t17.id)
    with pytest.raises(InvalidInput, match="nhiệm vụ số 17 không còn trong kế hoạch"):
        read_results(store, path)


def test_export_by_name_on_the_command_line(sample_store, tmp_path, capsys):
    db = str(sample_store.path)
    sample_store.close()
    assert main(["export-results", "--db", db, "--plan", "2024-05", "--agency", "so y te", "-o",
                 str(tmp_path / "y.xlsx")]) == 0
    assert main(["export-results", "--db", db, "--plan", "2024-05", "--agency", "so tai", "-o",
                 str(tmp_path / "t.xlsx")]) == 1
    assert "«so tai» có thể là 3 cơ quan: Sở Tài nguyên và Môi trường; Sở Tài chính" in capsys.readouterr().err


def test_long_results_fit_the_cells_excel_keeps(sample_store, tmp_path):
    """What the sheet remembers is one cell per value: Excel keeps 32,767 characters a cell, and a
    month of long results must come back unchanged, not as a damaged sheet."""
    plan = sample_store.plans.by_month("2024-05")
    ct = sample_store.agencies.find("Sở Công Thương")
    for t in sample_store.tasks.of_plan(plan.id):
        if ct.id in t.lead_agency_ids:
            sample_store.tasks.update(t.id, result_note="Kết quả & <chi tiết> " * 1000)     # ~21,000 characters
    path = tmp_path / "ct.xlsx"
    export_results(sample_store, "2024-05", ct.id, path)
    wb = openpyxl.load_workbook(path)
    assert max(len(str(c.value)) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value) <= 32_767
    sheet = read_results(sample_store, path)
    assert sheet.changes == [] and sheet.unchanged == 4


def test_a_date_cell_that_lost_its_format_is_still_the_date(sheet_out):
    store, path = sheet_out
    fill(path, {19: ("Hoàn thành", "Xong", 45440, None)})                     # 45440 = 28/05/2024 in Excel
    sheet = read_results(store, path)
    assert sheet.changes[0].changes["completed_on"] == date(2024, 5, 28)


def test_a_task_longer_than_an_excel_cell_is_refused_not_cut(sample_store, tmp_path):
    from khdesk.usecases.exporting import export_plan, export_report

    plan = sample_store.plans.by_month("2024-05")
    t16 = next(t for t in sample_store.tasks.of_plan(plan.id) if t.position == 16)
    # 50,400 characters, as a database written before khdesk's limit of one cell may hold
    sample_store.db.execute("UPDATE tasks SET content = ? WHERE id = ?", ["Nội dung rất dài. " * 2800, t16.id])
    ct = sample_store.agencies.find("Sở Công Thương")
    for write in (lambda p: export_results(sample_store, "2024-05", ct.id, p),
                  lambda p: export_plan(sample_store, "2024-05", p),
                  lambda p: export_report(sample_store, "2024-05", p, date(2024, 6, 5))):
        with pytest.raises(InvalidInput, match="Nhiệm vụ số 16 dài 50.400 ký tự, quá 32.767 ký tự một ô Excel"):
            write(tmp_path / "out.xlsx")
        assert not (tmp_path / "out.xlsx").exists()


def tasks_by_position(store):
    return {t.position: t for t in store.tasks.of_plan(store.plans.by_month("2024-05").id)}


def test_a_sheet_forged_to_write_into_another_agencys_task_is_refused(sample_store, tmp_path):
    """As measured: Sở Y tế's sheet, the hidden id of its first row and the key column changed to
    task 1 (led by Sở Kế hoạch và Đầu tư), set task 1 to «Hoàn thành»."""
    store = sample_store
    yte = store.agencies.find("Sở Y tế")
    path = tmp_path / "so-y-te.xlsx"
    export_results(store, "2024-05", yte.id, path)
    task1 = tasks_by_position(store)[1]
    assert yte.id not in task1.lead_agency_ids
    wb = openpyxl.load_workbook(path)
    wb["khdesk"].cell(2, 1).value = task1.id                         # the hidden id of row 1
    wb["Kết quả"].cell(5, 1).value = f"khdesk:{task1.id}"            # and the key column
    wb["Kết quả"].cell(5, 4).value = "Hoàn thành"
    wb["Kết quả"].cell(5, 5).value = "forged by Sở Y tế"
    wb.save(path)
    with pytest.raises(InvalidInput, match="phần ẩn của nó đã bị sửa"):
        read_results(store, path)
    assert tasks_by_position(store)[1] == task1                      # nothing written


def test_a_sheet_exported_by_another_database_is_refused(sample_store, tmp_path):
    from khdesk.usecases.sample_data import new_database

    other = new_database(tmp_path / "may-khac.db", sample=True)      # the same plan, another office's file
    path = tmp_path / "so-cong-thuong.xlsx"
    export_results(other, "2024-05", other.agencies.find("Sở Công Thương").id, path)
    other.close()
    fill(path, {16: ("Hoàn thành", "Đã trình", datetime(2024, 5, 28), None)})
    with pytest.raises(InvalidInput, match="không phải bảng kết quả do tệp dữ liệu này xuất"):
        read_results(sample_store, path)


def test_a_task_the_agency_no_longer_leads_is_refused_naming_the_row(sheet_out):
    store, path = sheet_out
    t17 = tasks_by_position(store)[17]
    reopened(store)
    store.tasks.update(t17.id, lead_agency_ids=(store.agencies.find("Sở Y tế").id,))
    fill(path, {16: ("Hoàn thành", "Đã trình", datetime(2024, 5, 28), None)})
    with pytest.raises(InvalidInput, match="Dòng 6: nhiệm vụ số 17 không do «Sở Công Thương» chủ trì"):
        read_results(store, path)
    assert tasks_by_position(store)[16].status == "todo"                  # all or none


def test_a_sheet_changes_only_follow_up_fields():
    from khdesk.domain.models import FOLLOW_UP_FIELDS
    from khdesk.formats.excel.results import FIELDS

    assert set(FIELDS) <= FOLLOW_UP_FIELDS and "content" not in FIELDS and "lead_agency_ids" not in FIELDS


def test_a_result_goes_only_to_the_task_that_still_reads_as_the_agency_saw_it(sheet_out, capsys):
    """Replace the plan so that two of the agency's tasks swap places (ids reused): the old sheet's results
    once landed on the other task. Now the rows whose task reads differently are refused, each named."""
    store, path = sheet_out
    fill(path, {16: ("Hoàn thành", "Xong việc 16", None, None), 17: ("Đang thực hiện", "Đang làm 17", None, None)})
    plan = store.plans.by_month("2024-05")
    t16, t17 = (next(t for t in store.tasks.of_plan(plan.id) if t.position == n) for n in (16, 17))
    reopened(store)
    store.tasks.update(t16.id, content=t17.content)                     # as after a replace with the two swapped
    store.tasks.update(t17.id, content=t16.content)
    sheet = read_results(store, path)
    assert [c.task.position for c in sheet.changes] == []
    assert len(sheet.refused) == 2 and sheet.refused[0].startswith("Dòng 5: nhiệm vụ số 16 đã đổi nội dung")
    apply_results(store, sheet)
    assert store.tasks.get(t16.id).result_note == "" and store.tasks.get(t17.id).result_note == ""


def test_a_sheet_exported_before_task_texts_were_recorded_is_refused(sheet_out):
    store, path = sheet_out
    wb = openpyxl.load_workbook(path)
    meta = wb["khdesk"]
    for row in meta.iter_rows(min_row=2):
        row[5].value = None                                              # (no digest column then)
    wb.save(path)
    with pytest.raises(InvalidInput, match="phiên bản khdesk cũ"):
        read_results(store, path)


def test_an_agencys_corrected_resend_of_its_own_sheet_updates_its_earlier_value(sheet_out, capsys):
    """The agency sends its sheet, then corrects a cell and sends the same file again: its second value was
    refused as «khdesk đã sửa thành «v1»» — its own earlier value credited to khdesk — and never landed."""
    store, path = sheet_out
    fill(path, {16: ("Đang thực hiện", "Đã trình bản thảo", None, None)})
    apply_results(store, read_results(store, path))
    fill(path, {16: ("Hoàn thành", "Đã trình UBND tỉnh", datetime(2024, 5, 28), None)})     # the correction
    sheet = read_results(store, path)
    assert sheet.conflicts == 0
    assert [c.changes for c in sheet.changes] == [{"status": "done", "result_note": "Đã trình UBND tỉnh",
                                                   "completed_on": date(2024, 5, 28)}]
    db = str(store.path)
    store.close()
    assert main(["import-results", "--db", db, str(path)]) == 0
    from khdesk.db import Store

    with Store.open(db) as again:
        t16 = tasks_by_position(again)[16]
        assert (t16.status, t16.result_note) == ("done", "Đã trình UBND tỉnh")
        # khdesk's own change after the agency's is still a conflict when the agency corrects the same cell again
        again.tasks.update(t16.id, result_note="Sửa trong khdesk")
        fill(path, {16: (None, "Bản sửa lần ba", None, None)})
        sheet = read_results(again, path)
        assert sheet.changes[0].conflicts == {"result_note": ("Sửa trong khdesk", "Bản sửa lần ba")}


def test_a_sheet_imported_then_undone_comes_in_again_as_new(sheet_out):
    store, path = sheet_out
    fill(path, {16: ("Hoàn thành", "Đã trình", None, None)})
    done = apply_results(store, read_results(store, path))
    for task_id, before, _after in done:                       # what the window's undo does
        store.tasks.update(task_id, **before)
    sheet = read_results(store, path)
    assert sheet.conflicts == 0 and sheet.changes[0].changes == {"status": "done", "result_note": "Đã trình"}


def test_chua_co_bao_cao_left_as_it_was_changes_no_status_and_a_result_ends_it(sheet_out):
    """An agency that writes a result but leaves «Chưa có báo cáo» in Trạng thái: the result is recorded, the
    status stays; the task has a report now. A task with a status is exported with its status."""
    store, path = sheet_out
    plan = store.plans.by_month("2024-05")
    t19 = next(t for t in store.tasks.of_plan(plan.id) if t.position == 19)
    fill(path, {16: (None, "Đã họp với các huyện", None, None)})
    sheet = read_results(store, path)
    assert [(c.task.position, c.changes) for c in sheet.changes] == [(16, {"result_note": "Đã họp với các huyện"})]
    apply_results(store, sheet)
    t16 = next(t for t in store.tasks.of_plan(plan.id) if t.position == 16)
    assert t16.status == "todo" and t16.followed_up_on == date.today()
    store.tasks.update(t19.id, status="doing")
    ct = store.agencies.find("Sở Công Thương")
    export_results(store, "2024-05", ct.id, path)
    ws = openpyxl.load_workbook(path)["Kết quả"]
    assert [ws.cell(r, 4).value for r in range(5, 9)] == ["Chưa thực hiện", "Chưa có báo cáo", "Chưa có báo cáo",
                                                         "Đang thực hiện"]
