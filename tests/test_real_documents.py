"""Task tables as other offices write them: one task on two rows with two leads (the real 2026 reform
plan), a responsibility column under another name with «Lãnh đạo Sở X», a lead cell that names no agency,
and tables that are not task tables at all (an agenda, a score table) — each read as a clerk would."""
from docx import Document
from test_text_tasks import REAL

from khdesk.domain.agency_names import NOT_AN_AGENCY
from khdesk.formats.word.importing import read_word_plan
from khdesk.usecases.importing import apply_import, match_agencies


def word_table(path, header: list[str], rows: list[list[str]], title="KẾ HOẠCH", subject="Nhiệm vụ tháng 6 năm 2026"):
    doc = Document()
    doc.add_paragraph(title)
    doc.add_paragraph(subject)
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)
    return path, table


def test_one_task_on_two_rows_keeps_both_leads_in_the_real_plan():
    plan = read_word_plan(REAL / "kh-cchc-2026.docx", month="2026-01")
    rows = {row.source_row: row for row in plan.table.rows}
    assert rows[52].content == rows[53].content and rows[52].tt == rows[53].tt == "2"
    assert rows[52].leads == ["Sở Nội vụ"] and rows[53].leads == ["Các cơ quan, đơn vị, địa phương"]
    assert rows[53].deadline_text != rows[52].deadline_text                        # its own deadline
    assert {55, 58} <= set(rows) and len(plan.table.rows) == 52
    assert not any("không có nội dung" in note for note in plan.table.notes)
    assert sum("cùng nội dung với dòng" in note for note in plan.table.notes) == 3


def test_a_merged_task_cell_over_rows_with_their_own_leads(tmp_path):
    path, table = word_table(tmp_path / "m.docx", ["TT", "Nội dung", "Chủ trì"],
                             [["1", "Tổ chức kiểm tra công vụ", "Sở Nội vụ"],
                              ["", "", "Các cơ quan, đơn vị, địa phương"], ["2", "Việc khác", "Sở Y tế"]])
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 0).merge(table.cell(2, 0))
    table.part.document.save(path)                                                  # (saved again, merged)
    rows = read_word_plan(path).table.rows
    assert [(r.tt, r.content, r.leads) for r in rows] == [
        ("1", "Tổ chức kiểm tra công vụ", ["Sở Nội vụ"]),
        ("1", "Tổ chức kiểm tra công vụ", ["Các cơ quan, đơn vị, địa phương"]),
        ("2", "Việc khác", ["Sở Y tế"])]


def test_a_responsibility_column_and_leaders_of_agencies(tmp_path, sample_store):
    path, _ = word_table(tmp_path / "r.docx", ["TT", "Nội dung", "Trách nhiệm thực hiện", "Thời gian"],
                         [["1", "Kiểm tra thị trường dịp Tết", "Lãnh đạo Sở Công Thương", "Tháng 1"],
                          ["2", "Rà soát hộ nghèo", "Lãnh đạo UBND xã Cam Hải Đông", "Quý I"]])
    table = read_word_plan(path).table
    assert table.columns["lead"] == 3
    assert [r.leads for r in table.rows] == [["Sở Công Thương"], ["UBND xã Cam Hải Đông"]]
    assert any("«Lãnh đạo Sở Công Thương» hiểu là «Sở Công Thương»" in note for note in table.notes)
    matches = match_agencies(sample_store, table)
    assert sample_store.agencies.get(matches["Sở Công Thương"].agency_id).name == "Sở Công Thương"


def test_a_lead_cell_that_names_no_agency_stays_text_never_a_new_agency(tmp_path, sample_store):
    reference = "Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025"
    path, _ = word_table(tmp_path / "n.docx", ["TT", "Nội dung", "Cơ quan chủ trì"],
                         [["1", "Công bố thủ tục hành chính", reference], ["2", "Cải cách công vụ", "Sở Nội vụ"]])
    table = read_word_plan(path).table
    matches = match_agencies(sample_store, table)
    assert matches[reference].how == NOT_AN_AGENCY and matches[reference].agency_id is None
    before = len(sample_store.agencies.all())
    result = apply_import(sample_store, table, "2026-06", {n: m.agency_id for n, m in matches.items()})
    first = sample_store.tasks.get(result.task_ids[0])
    assert first.lead_agency_ids == () and first.content == f"Công bố thủ tục hành chính\nChủ trì: {reference}"
    assert len(sample_store.agencies.all()) == before and result.created_agency_ids == []


def test_an_agenda_and_a_score_table_are_not_task_tables(tmp_path):
    agenda, _ = word_table(tmp_path / "a.docx", ["STT", "Nội dung", "Thời gian", "Người thực hiện"],
                           [["1", "Khai mạc hội nghị", "8h00", "Đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh"],
                            ["2", "Báo cáo kết quả", "8h15", "Đồng chí Trần Thị B, Giám đốc Sở Nội vụ"]],
                           title="CHƯƠNG TRÌNH", subject="Hội nghị tổng kết năm 2025")
    plan = read_word_plan(agenda, month_required=False)
    assert plan.table is None and plan.text_tasks == []
    assert any("Người thực hiện" in note and "không phải bảng nhiệm vụ" in note for note in plan.notes)
    scores, _ = word_table(tmp_path / "s.docx", ["STT", "Nội dung", "Điểm tối đa", "Điểm đạt"],
                           [["1", "Công tác chỉ đạo, điều hành", "10", "9,5"], ["2", "Cải cách thể chế", "8", "7"]])
    plan = read_word_plan(scores, month_required=False)
    assert plan.table is None
    assert any("không có cột «Cơ quan chủ trì»" in note for note in plan.notes)


def test_a_draft_leaves_its_unfilled_signer_and_day_empty_and_keeps_month_and_year(tmp_path):
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "Số:      /KH-UBND", "Khánh Hòa, ngày ___ tháng 12 năm 2025",
                 "KẾ HOẠCH", "Triển khai nhiệm vụ trọng tâm", "Nơi nhận:", "- Như trên;", "TM. ỦY BAN NHÂN DÂN",
                 "CHỦ TỊCH"):                                           # (the name not written yet)
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=3)                                # the appendix
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    doc.save(tmp_path / "du-thao.docx")
    plan = read_word_plan(tmp_path / "du-thao.docx")
    assert plan.issued_on is None and plan.issued_month == (2025, 12) and plan.month == "2025-12"
    assert "signer_name" not in plan.fields and plan.fields["signer_title"] == "CHỦ TỊCH"


def test_a_row_with_its_own_lead_under_an_empty_content_cell_is_never_dropped(tmp_path):
    path, _ = word_table(tmp_path / "e.docx", ["TT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"],
                         [["1", "Tổng kết năm", "Sở Nội vụ", "Tháng 12"], ["", "", "Sở Tài chính", "Tháng 11"],
                          ["7", "", "", ""]])
    table = read_word_plan(path).table
    assert [(r.content, r.leads, r.deadline_text) for r in table.rows] == [
        ("Tổng kết năm", ["Sở Nội vụ"], "Tháng 12"), ("Tổng kết năm", ["Sở Tài chính"], "Tháng 11")]
    assert any("Dòng 3: ô Nội dung trống nhưng có cơ quan hoặc thời hạn riêng" in n and "hãy kiểm tra" in n
               for n in table.notes)
    assert any("Dòng 4: không có nội dung (chỉ có «7»), không nhập." in n for n in table.notes)   # said, with its text


def test_another_province_s_whole_plan_waits_for_the_clerk_on_the_command_line(tmp_path):
    from test_cli import assert_one_line_error, khdesk

    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    refused = khdesk("import-docx", "--db", db, "--plan", "2026-01", REAL / "kh-cchc-2026.docx")
    assert_one_line_error(refused, 1, "tỉnh Lâm Đồng", "--other-province")
    done = khdesk("import-docx", "--db", db, "--plan", "2026-01", "--other-province", REAL / "kh-cchc-2026.docx")
    assert done.returncode == 0 and "52 nhiệm vụ" in done.stdout, done.stderr


def test_a_sheet_whose_tasks_have_no_lead_says_which_columns_were_not_understood(tmp_path):
    from openpyxl import Workbook
    from test_cli import khdesk

    book = Workbook()
    book.active.append(["TT", "Nội dung", "Bộ phận làm"])
    book.active.append([1, "Việc một", "Sở Y tế"])
    book.save(tmp_path / "t.xlsx")
    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    result = khdesk("import-xlsx", "--db", db, "--plan", "2026-06", tmp_path / "t.xlsx")
    assert result.returncode == 0
    assert "Không nhiệm vụ nào có cơ quan chủ trì" in result.stderr and "«Bộ phận làm»" in result.stderr


def test_a_signer_typed_with_tabs_beside_the_recipients(tmp_path):
    doc = Document()
    for line in ("KẾ HOẠCH", "Nhiệm vụ tháng 6 năm 2026", "Nơi nhận:\t\t\tTM. ỦY BAN NHÂN DÂN",
                 "- Như trên;\t\t\t\tKT. CHỦ TỊCH", "- Lưu: VT.\t\t\t\tPHÓ CHỦ TỊCH", "\t\t\t\t\tNguyễn Văn An"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    doc.save(tmp_path / "tab.docx")
    fields = read_word_plan(tmp_path / "tab.docx").fields
    assert fields["recipients"] == ("Như trên;", "Lưu: VT.")
    assert fields["signer_name"] == "Nguyễn Văn An" and fields["signer_authority"] == "TM. ỦY BAN NHÂN DÂN"
    assert fields["signer_title"] == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
