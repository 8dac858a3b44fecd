"""The Word file, read back with python-docx: page, header table and rules, styles, the appendix
section with its repeated header row and merged agency cells, page numbers, the text itself."""
import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from khdesk.errors import InvalidInput
from khdesk.usecases.exporting import export_docx


def close(a, b):
    """Equal within a tenth of a millimetre (Word stores lengths in twips)."""
    return abs(a - b) <= Mm(0.1)


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    from khdesk.usecases.sample_data import new_database

    folder = tmp_path_factory.mktemp("docx")
    with new_database(folder / "k.db", sample=True) as store:
        plan = store.plans.by_month("2024-05")
        tasks = store.tasks.of_plan(plan.id)
        names = {a.id: a.print_name for a in store.agencies.all()}
        export_docx(store, "2024-05", folder / "all.docx", "all")
    return docx.Document(folder / "all.docx"), plan, tasks, names


def all_text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def test_page_size_margins_and_two_sections(word):
    document, *_ = word
    assert len(document.sections) == 2
    for section in document.sections:
        assert close(section.page_width, Mm(210)) and close(section.page_height, Mm(297))
        for got, want in zip((section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
                             (20, 20, 30, 15)):
            assert close(got, Mm(want))
        assert section.different_first_page_header_footer
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        header = section.header.paragraphs[0]
        assert header.alignment == 1                                         # centred
        assert "PAGE" in "".join(t.text for t in header._p.iter(qn("w:instrText")))
        assert not section.first_page_header.paragraphs[0].text                # no number on the first page


def test_header_table_number_date_and_rules(word):
    document, plan, *_ = word
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert left.paragraphs[0].text == "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA"
    assert all(r.bold and r.font.size.pt == 13 for r in left.paragraphs[0].runs)
    assert [p.text for p in right.paragraphs[:2]] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for cell in (left, right):                              # a drawn rule under the agency and the motto
        assert any(p._p.find(qn("w:pPr")) is not None and p._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None
                   for p in cell.paragraphs)
    assert header.cell(1, 0).text == "Số: 4969/KH-UBND"
    assert header.cell(1, 1).text == "Khánh Hòa, ngày 13 tháng 5 năm 2024"
    assert header.cell(1, 1).paragraphs[0].runs[0].italic


def test_body_styles_and_text(word):
    document, plan, *_ = word
    body = document.styles["Nội dung kế hoạch"]
    assert close(body.paragraph_format.first_line_indent, docx.shared.Cm(1))
    assert body.paragraph_format.alignment == 3                               # justified
    assert document.styles["Normal"].font.name == "Times New Roman" and document.styles["Normal"].font.size.pt == 14
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in texts and plan.subject in texts and plan.grounds in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Mục kế hoạch"]
    assert headings == ["I. NHIỆM VỤ CHUNG", "II. CÁC NHIỆM VỤ CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN"]
    for n, item in enumerate(plan.general_tasks, 1):
        first, *rest = item.split("\n")
        assert f"{n}. {first}" in texts and all(r in texts for r in rest)
    signature = document.tables[1]
    assert signature.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in signature.cell(0, 0).paragraphs[1:]] == [f"- {r}" for r in plan.recipients]
    assert [p.text for p in signature.cell(0, 1).paragraphs] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Tấn Tuấn"]


def test_appendix_table_header_repeats_and_agency_cells_merge(word):
    document, plan, tasks, names = word
    table = document.tables[2]
    assert [c.text for c in table.rows[0].cells] == ["TT", "Nội dung", "Cơ quan chủ trì thực hiện"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [table.cell(i, 0).text for i in range(1, 48)] == [str(n) for n in range(1, 48)]
    assert [table.cell(i, 1).text for i in range(1, 48)] == [t.content for t in tasks]
    # a merged cell reads the same from every row of its group; the merge is a vMerge in the XML
    assert [table.cell(i, 2).text for i in range(1, 48)] == [names[t.lead_agency_ids[0]] for t in tasks]
    merges = [tc.tcPr.find(qn("w:vMerge")) for tc in (row._tr.tc_lst[2] for row in table.rows[1:])]
    restarts = [m for m in merges if m is not None and m.get(qn("w:val")) == "restart"]
    assert len(restarts) == 16                     # 17 groups, one of a single row
    assert "KH&CN năm 2024" in table.cell(36, 1).text


def test_appendix_alone_and_bad_input(tmp_path, sample_store):
    export_docx(sample_store, "2024-05", tmp_path / "pl.docx", "appendix")
    document = docx.Document(tmp_path / "pl.docx")
    assert len(document.sections) == 1 and document.paragraphs[0].text == "Phụ lục"
    plan = sample_store.plans.by_month("2024-05")
    # left by an older khdesk or another program (the store refuses it when typed now)
    sample_store.db.execute("UPDATE tasks SET content = ? WHERE id = ?",
                            ["có ký tự \x01 lạ", sample_store.tasks.of_plan(plan.id)[0].id])
    with pytest.raises(InvalidInput):
        export_docx(sample_store, "2024-05", tmp_path / "x.docx", "appendix")
    assert not (tmp_path / "x.docx").exists()


def test_the_word_appendix_has_the_columns_the_printed_one_can_have(tmp_path, sample_store, capsys):
    """«Cơ quan phối hợp» and «Thời hạn hoàn thành», as `print --with-coordinators --with-deadline` prints
    them: the same titles, the same widths, each task's co-ordinators one per line and its deadline."""
    from datetime import date

    from seed_data import reopened

    from khdesk.cli import main
    from khdesk.document.model import AppendixOptions, column_widths

    store = sample_store
    plan = reopened(store)
    tasks = store.tasks.of_plan(plan.id)
    yte, tp = store.agencies.find("Sở Y tế").id, store.agencies.find("Sở Tư pháp").id
    store.tasks.update(tasks[0].id, coordinator_ids=[yte, tp], deadline_text="Trước ngày 20/5/2024")
    store.tasks.update(tasks[1].id, due_date=date(2024, 5, 31))
    db = str(store.path)
    store.close()
    out = tmp_path / "kh.docx"
    assert main(["export-docx", "--db", db, "--plan", "2024-05", "--part", "appendix", "--with-coordinators",
                 "--with-deadline", "-o", str(out)]) == 0
    table = docx.Document(str(out)).tables[-1]
    titles, points = column_widths((210 - 30 - 15) * 72 / 25.4, AppendixOptions(True, True))
    assert [c.text for c in table.rows[0].cells] == titles == ["TT", "Nội dung", "Cơ quan chủ trì thực hiện",
                                                                "Cơ quan phối hợp", "Thời hạn hoàn thành"]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [round(w / 20) for w in grid] == [round(p) for p in points]          # twentieths of a point
    first, second = table.rows[1].cells, table.rows[2].cells
    assert first[3].text == "Sở Y tế\nSở Tư pháp" and first[4].text == "Trước ngày 20/5/2024"
    assert second[3].text == "" and second[4].text == "31/05/2024"
    # 1 mm padding in the narrow columns, as in the PDF (Word's 1.9 mm broke «31/05/2024» over two lines)
    margins = second[4]._tc.tcPr.find(qn("w:tcMar"))
    assert [int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right")] == [57, 57]
    assert first[1]._tc.tcPr.find(qn("w:tcMar")) is None                     # the content column as before
