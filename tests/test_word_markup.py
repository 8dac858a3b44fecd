"""Word read as Word shows it: a tracked insertion is text and a tracked deletion is not, hidden text is
not text, and what fields, content controls (inline, around a row, a cell or the whole table), smart
tags, mc:AlternateContent and a table nested in a cell show is read — each in a task table of a Word
file made here, since python-docx alone dropped or changed every one of them."""
from docx import Document
from docx.oxml import parse_xml

from khdesk.formats.word.importing import read_word_plan

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
TRACKED = 'w:id="{}" w:author="Chuyên viên" w:date="2026-01-20T08:00:00Z"'


def run(text: str, hidden: bool = False) -> str:
    props = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    return f'<w:r {NS}>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def plan_with_cells(path, rows: list[tuple[str, str, str]]):
    """A plan of June 2026 whose task table has ``rows`` (TT, Nội dung, Cơ quan chủ trì) as plain text;
    the tests then replace a cell's paragraph with Word markup."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Triển khai nhiệm vụ trọng tâm tháng 6 năm 2026")
    table = doc.add_table(rows=1 + len(rows), cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return doc, table


def set_paragraph(cell, inner_xml: str) -> None:
    """The cell's paragraph becomes ``<w:p>inner_xml</w:p>``."""
    old = cell.paragraphs[0]._p
    old.getparent().replace(old, parse_xml(f"<w:p {NS}>{inner_xml}</w:p>"))


def tasks(path):
    plan = read_word_plan(path)
    return [(row.content, row.leads) for row in plan.table.rows], plan


def test_tracked_insertions_are_text_and_deletions_are_not(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "x", "Sở Y tế"), ("2", "x", "Sở Tư pháp")])
    set_paragraph(table.cell(1, 1), run("Xây dựng ") + f'<w:ins {TRACKED.format(1)}>{run("Nha Trang ")}</w:ins>'
                  + f'<w:del {TRACKED.format(2)}><w:r><w:delText>Cam Ranh </w:delText></w:r></w:del>'
                  + run("thành trung tâm du lịch."))
    set_paragraph(table.cell(2, 1), f'<w:ins {TRACKED.format(3)}>{run("Một việc thêm cả câu.")}</w:ins>')
    path = tmp_path / "track.docx"
    doc.save(path)
    found, plan = tasks(path)
    assert found == [("Xây dựng Nha Trang thành trung tâm du lịch.", ["Sở Y tế"]),
                     ("Một việc thêm cả câu.", ["Sở Tư pháp"])]
    assert any("3 thay đổi chưa chấp nhận (Track Changes)" in note for note in plan.notes)


def test_a_row_deleted_with_tracking_is_no_task(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "Việc còn", "Sở Y tế"), ("2", "Việc đã xóa", "Sở Tư pháp")])
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(f"<w:del {NS} {TRACKED.format(9)}/>"))
    path = tmp_path / "row.docx"
    doc.save(path)
    assert tasks(path)[0] == [("Việc còn", ["Sở Y tế"])]


def test_hidden_text_is_not_text(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "x", "Sở Y tế")])
    set_paragraph(table.cell(1, 1), run("Kiểm tra ") + run("(ghi chú ẩn của người soạn) ", hidden=True)
                  + run("an toàn thực phẩm."))
    path = tmp_path / "hidden.docx"
    doc.save(path)
    assert tasks(path)[0] == [("Kiểm tra an toàn thực phẩm.", ["Sở Y tế"])]


def test_fields_smart_tags_and_alternate_content_show_their_text_once(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "x", "Sở Y tế"), ("2", "x", "x"), ("3", "x", "Sở Nội vụ")])
    complex_field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY Han '
                     '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                     + run("30/6/2026") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    set_paragraph(table.cell(1, 1), run("Báo cáo trước ngày ") + complex_field + run("."))
    set_paragraph(table.cell(2, 1), f'<w:fldSimple w:instr=" MERGEFIELD noi_dung ">{run("Tổng kết năm")}</w:fldSimple>')
    set_paragraph(table.cell(2, 2), f'<w:smartTag w:uri="urn:x" w:element="place">{run("Sở Tư pháp")}</w:smartTag>')
    set_paragraph(table.cell(3, 1), '<mc:AlternateContent><mc:Choice Requires="w14">' + run("Rà soát văn bản.")
                  + "</mc:Choice><mc:Fallback>" + run("Rà soát văn bản.") + "</mc:Fallback></mc:AlternateContent>")
    path = tmp_path / "fields.docx"
    doc.save(path)
    assert tasks(path)[0] == [("Báo cáo trước ngày 30/6/2026.", ["Sở Y tế"]), ("Tổng kết năm", ["Sở Tư pháp"]),
                              ("Rà soát văn bản.", ["Sở Nội vụ"])]


def test_content_controls_inline_around_a_cell_a_row_and_the_table(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "x", "Sở Y tế"), ("2", "Việc hai", "Sở Tư pháp"),
                                            ("3", "Việc ba", "Sở Nội vụ")])
    set_paragraph(table.cell(1, 1), f"<w:sdt><w:sdtPr><w:alias w:val=\"Nội dung\"/></w:sdtPr><w:sdtContent>"
                  f"{run('Việc một trong ô điều khiển.')}</w:sdtContent></w:sdt>")
    tr, third = table.rows[2]._tr, table.rows[3]._tr
    # row 2 inside a content control
    sdt = parse_xml(f"<w:sdt {NS}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tr.addprevious(sdt)
    sdt[1].append(tr)
    tc = third.tc_lst[1]                                     # row 3's Nội dung cell inside one
    cell_sdt = parse_xml(f"<w:sdt {NS}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tc.addprevious(cell_sdt)
    cell_sdt[1].append(tc)
    tbl = table._tbl                                         # and the whole table inside one
    outer = parse_xml(f"<w:sdt {NS}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tbl.addprevious(outer)
    outer[1].append(tbl)
    path = tmp_path / "sdt.docx"
    doc.save(path)
    assert tasks(path)[0] == [("Việc một trong ô điều khiển.", ["Sở Y tế"]), ("Việc hai", ["Sở Tư pháp"]),
                              ("Việc ba", ["Sở Nội vụ"])]


def test_a_table_nested_in_a_cell_is_read(tmp_path):
    doc, table = plan_with_cells(tmp_path, [("1", "Tổ chức các đoàn kiểm tra:", "Sở Nội vụ")])
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    for r, (unit, when) in enumerate([("Sở Y tế", "Tháng 6"), ("Sở Tư pháp", "Tháng 7")]):
        inner.cell(r, 0).text, inner.cell(r, 1).text = unit, when
    path = tmp_path / "nested.docx"
    doc.save(path)
    assert tasks(path)[0] == [("Tổ chức các đoàn kiểm tra:\nSở Y tế – Tháng 6\nSở Tư pháp – Tháng 7", ["Sở Nội vụ"])]


def test_paragraphs_outside_tables_are_read_the_same_way(tmp_path):
    """The subject (where the month is) in a tracked insertion inside a content control."""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    body = doc.element.body
    sdt = parse_xml(f"<w:sdt {NS}><w:sdtPr/><w:sdtContent><w:p>{run('Triển khai nhiệm vụ trọng tâm ')}"
                    f"<w:ins {TRACKED.format(4)}>{run('tháng 7 năm 2026')}</w:ins></w:p></w:sdtContent></w:sdt>")
    body.insert(1, sdt)
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    path = tmp_path / "subject.docx"
    doc.save(path)
    plan = read_word_plan(path)
    assert plan.month == "2026-07" and plan.fields["subject"] == "Triển khai nhiệm vụ trọng tâm tháng 7 năm 2026"


def test_word_s_automatic_numbering_is_read_as_shown(tmp_path):
    """«1.», «2.» drawn by Word's list numbering (not typed): the items and their labels are seen."""
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "THÔNG BÁO", "Kết luận phiên họp tháng 6/2024", "II. NHIỆM VỤ",
                 "Giao Sở Y tế chủ trì, phối hợp với UBND thành phố Nha Trang:"):
        doc.add_paragraph(line)
    doc.add_paragraph("Kiểm tra an toàn thực phẩm.", style="List Number")
    doc.add_paragraph("Báo cáo kết quả trước ngày 30/6/2024.", style="List Number")
    doc.add_paragraph("Trân trọng thông báo./.")
    doc.save(tmp_path / "so-tu-dong.docx")
    plan = read_word_plan(tmp_path / "so-tu-dong.docx", month_required=False)
    assert [(t.label, t.leads, t.content, t.deadline_text) for t in plan.text_tasks] == [
        ("II.1", ["Sở Y tế"], "Kiểm tra an toàn thực phẩm.", ""),
        ("II.2", ["Sở Y tế"], "Báo cáo kết quả trước ngày 30/6/2024.", "trước ngày 30/6/2024")]


def test_the_real_reform_plan_s_numbered_headings_part_its_general_tasks():
    from test_text_tasks import REAL

    plan = read_word_plan(REAL / "kh-cchc-2026.docx", month="2026-01")
    heads = [item.splitlines()[0] for item in plan.fields["general_tasks"]]
    assert heads[:3] == ["Cải cách thể chế", "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước"]
    assert len(heads) == 7 and not any("không nhận ra" in u or u.startswith("I. ") for u in plan.unplaced)
