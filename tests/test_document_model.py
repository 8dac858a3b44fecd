"""One document model (``khdesk.document.model``) for every output: built once from a plan, written by the Word
writer, read back by the Word reader — the same document, field for field and row for row. And the PDF, the
Word file and the Excel file say the same words where the model gives them."""
from __future__ import annotations

import dataclasses
from datetime import date

import openpyxl
import pytest
from docx import Document
from pdf_reader import columns, header_row_bottom, open_pdf, squash, table_top
from seed_data import reopened

from khdesk.document.model import (
    COLUMN_TITLES,
    AppendixOptions,
    PageSetup,
    PlanDocument,
    plan_document,
)
from khdesk.domain.models import Plan, Task
from khdesk.formats.word.export import write_docx
from khdesk.formats.word.importing import read_word_plan
from khdesk.usecases.exporting import export_docx, export_plan
from khdesk.usecases.loading import plan_tasks_names
from khdesk.usecases.printing import print_plan

ALL_COLUMNS = AppendixOptions(with_coordinators=True, with_deadline=True)


def differences(a: PlanDocument, b: PlanDocument) -> list[str]:
    """Where two documents differ, in words a failing test shows (empty when they are equal)."""
    found = []
    for part in ("head", "body", "signature", "setup"):
        if getattr(a, part) != getattr(b, part):
            found.append(f"{part}: {getattr(a, part)!r} ≠ {getattr(b, part)!r}")
    if (a.appendix is None) != (b.appendix is None):
        return found + ["appendix: one has none"]
    if a.appendix is not None and b.appendix is not None:
        for f in dataclasses.fields(a.appendix):
            x, y = getattr(a.appendix, f.name), getattr(b.appendix, f.name)
            if f.name == "rows":
                found += [f"row {r1.position}: {r1!r} ≠ {r2!r}" for r1, r2 in zip(x, y) if r1 != r2]
                if len(x) != len(y):
                    found.append(f"rows: {len(x)} ≠ {len(y)}")
            elif x != y:
                found.append(f"appendix.{f.name}: {x!r} ≠ {y!r}")
    return found


def test_the_sample_plan_with_every_column_comes_back_from_its_word_file(sample_store, tmp_path):
    store = sample_store
    tasks = store.tasks.of_plan(reopened(store).id)                  # co-ordinators and deadlines on a few tasks
    agencies = [a for a in store.agencies.all() if a.kind != "group"]
    store.tasks.update(tasks[0].id, coordinator_ids=[agencies[3].id, agencies[5].id], deadline_text="Quý II/2024")
    store.tasks.update(tasks[4].id, due_date=date(2024, 5, 31))
    plan, tasks, names = plan_tasks_names(sample_store, "2024-05")
    model = plan_document(plan, tasks, names, "all", options=ALL_COLUMNS)
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all", options=ALL_COLUMNS)

    back = read_word_plan(tmp_path / "kh.docx").document(options=ALL_COLUMNS)

    assert differences(model, back) == []
    assert model == back
    rows = model.appendix.rows
    assert len(rows) == 47 and rows[0].coordinators.count("\n") == 1 and rows[4].deadline == "31/05/2024"
    assert rows[0].deadline == "Quý II/2024"


def synthetic() -> tuple[Plan, list[Task], dict[int, str]]:
    """A draft (no number, no date) with a parent body, characters that are markup elsewhere, line breaks,
    joint leads, a long name, items of several paragraphs."""
    names = {1: "Sở Tài chính", 2: "Sở Kế hoạch và Đầu tư", 3: "Ban Quản lý dự án đầu tư xây dựng các công trình "
             "giao thông tỉnh", 4: "UBND các huyện, thị xã, thành phố"}
    plan = Plan(id=1, month="2025-01", symbol="KH-UBND", place="Khánh Hòa", parent_body="",
                issuing_body="ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA", issuer_name="Ủy ban nhân dân tỉnh Khánh Hòa",
                subject="Triển khai nhiệm vụ <trọng tâm> & \"cấp bách\" tháng 01/2025",
                grounds="Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Quy chế làm việc của UBND tỉnh;",
                general_tasks=("Tập trung chỉ đạo quyết liệt;\ntheo dõi sát tiến độ.", "Báo cáo kết quả trước 25/01."),
                specific_tasks_text="(Có Phụ lục kèm theo)",
                implementation="Các sở, ban, ngành báo cáo về Sở Kế hoạch và Đầu tư.",
                recipients=("Bộ Kế hoạch và Đầu tư (b/c);", "TT Tỉnh ủy, TT HĐND tỉnh (b/c);", "Lưu: VT."),
                signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                signer_name="Nguyễn Văn A")
    tasks = [
        Task(id=1, plan_id=1, position=1, content="Giải ngân vốn <đầu tư công> & 'trái phiếu'", lead_agency_ids=(1,),
             deadline_text="Trước 31/01/2025"),
        Task(id=2, plan_id=1, position=2, content="Thẩm định dự án;\ndòng hai\ndòng ba", lead_agency_ids=(1,),
             coordinator_ids=(2, 4)),
        Task(id=3, plan_id=1, position=3, content="Khởi công cao tốc Vân Phong - Nha Trang", lead_agency_ids=(3,)),
        Task(id=4, plan_id=1, position=4, content="Rà soát quy hoạch chung", lead_agency_ids=(2, 4),
             due_date=date(2025, 1, 20)),
    ]
    return plan, tasks, names


@pytest.mark.parametrize("options", [AppendixOptions(), ALL_COLUMNS, AppendixOptions(with_deadline=True)])
def test_a_draft_with_joint_leads_and_markup_characters_round_trips(tmp_path, options):
    plan, tasks, names = synthetic()
    model = plan_document(plan, tasks, names, "all", options=options, setup=PageSetup(left=35, top=25))
    write_docx(model, tmp_path / "nhap.docx")

    back = read_word_plan(tmp_path / "nhap.docx", month="2025-01").document(options=options,
                                                                           setup=PageSetup(left=35, top=25))

    assert differences(model, back) == []
    assert model.head.number_line.startswith("Số: ") and model.head.number_line.endswith("/KH-UBND")
    assert [r.group for r in model.appendix.rows] == [0, 0, 1, 2]
    assert model.appendix.lead_cells[2] == "Sở Kế hoạch và Đầu tư;\nUBND các huyện, thị xã, thành phố"


def test_pdf_word_and_excel_say_what_the_model_says(sample_store, tmp_path):
    """The column titles, the appendix's title and reference, and the number: one wording in three files."""
    plan, tasks, names = plan_tasks_names(sample_store, "2024-05")
    model = plan_document(plan, tasks, names, "all", options=ALL_COLUMNS)
    print_plan(sample_store, "2024-05", tmp_path / "kh.pdf", "all", options=ALL_COLUMNS)
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all", options=ALL_COLUMNS)
    export_plan(sample_store, "2024-05", tmp_path / "kh.xlsx", ALL_COLUMNS)

    with open_pdf(tmp_path / "kh.pdf") as pdf:
        pdf_text = squash(" ".join(page.extract_text() for page in pdf.pages))
        first_table_page = next(page for page in pdf.pages if "Nội dung" in page.extract_text())
        cols = columns(ALL_COLUMNS)
        bottom = header_row_bottom(first_table_page)
        pdf_titles = [" ".join(w["text"] for w in first_table_page.crop(cols.bbox(c, first_table_page)).extract_words()
                               if w["top"] < bottom and w["top"] > table_top(first_table_page))
                      for c in range(len(model.appendix.columns))]
    word = Document(str(tmp_path / "kh.docx"))
    word_text = squash(" ".join([p.text for p in word.paragraphs] +
                                [c.text for t in word.tables for row in t.rows for c in row.cells]))
    sheet = openpyxl.load_workbook(tmp_path / "kh.xlsx").active
    excel_text = squash(" ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None))
    titles = [COLUMN_TITLES[c] for c in model.appendix.columns]
    words = [model.head.number_line, model.head.place_date, model.appendix.title, model.appendix.reference, *titles]
    assert pdf_titles == titles                 # each title in its own column of the printed header
    for text in words[:4]:
        assert squash(text) in pdf_text, text
    for text in words:
        assert squash(text) in word_text, text
    for text in words[2:]:                      # the Excel file is the appendix alone
        assert squash(text) in excel_text, text


def test_every_text_of_the_document_is_checked_before_writing(tmp_path):
    """The Word writer refuses what it cannot keep wherever it stands — the signer too (it did not look there)."""
    from khdesk.errors import InvalidInput

    plan, tasks, names = synthetic()
    plan = dataclasses.replace(plan, signer_name="Nguyễn Văn \x07A")
    with pytest.raises(InvalidInput, match="phần ký"):
        write_docx(plan_document(plan, tasks, names), tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()


def test_the_appendix_alone_is_a_document_without_head_body_or_signature():
    plan, tasks, names = synthetic()
    doc = plan_document(plan, tasks, names, "appendix")
    assert doc.head is None and doc.body == () and doc.signature is None
    assert doc.appendix.lead_cells[0] == "Sở Tài chính" and doc.title == "NHIỆM VỤ TRỌNG TÂM THÁNG 1/2025"


def test_the_excel_only_column_is_refused_on_a_page_not_dropped(tmp_path):
    """«Giao tại» is the Excel file's column: the Word and PDF writers say so rather than print without it."""
    from khdesk.document.fonts import choose_family
    from khdesk.errors import InvalidInput
    from khdesk.formats.pdf.story import document_story

    plan, tasks, names = synthetic()
    doc = plan_document(plan, tasks, names, "appendix", options=AppendixOptions(with_given_in=True))
    for write in (lambda: write_docx(doc, tmp_path / "x.docx"), lambda: document_story(doc, choose_family())):
        with pytest.raises(InvalidInput, match="Giao tại"):
            write()
    assert not (tmp_path / "x.docx").exists()
