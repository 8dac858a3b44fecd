"""Carried tasks as their own part of the appendix (issue 30), as real monthly plans print them: «I. NHIỆM VỤ
THÁNG TRƯỚC CHUYỂN SANG», «II. NHIỆM VỤ MỚI TRONG THÁNG» — in the PDF (read back: the headings above their
rows), in Word and in Excel (both read back by khdesk's own importers: every task, nothing more)."""
from __future__ import annotations

import docx
import openpyxl
import pytest
from pdf_reader import open_pdf
from test_month_compare import june_from_may

from khdesk.document.model import AppendixOptions
from khdesk.errors import InvalidInput
from khdesk.formats.excel.reading import read_table
from khdesk.formats.word.importing import read_word_plan
from khdesk.usecases.exporting import export_docx, export_plan
from khdesk.usecases.printing import print_plan

APART = AppendixOptions(carried_apart=True)


def test_the_pdf_prints_each_part_under_its_heading(sample_store, tmp_path):
    june, _, _ = june_from_may(sample_store)             # tasks 1–2 carried from May, 3–4 new
    print_plan(sample_store, "2024-06", tmp_path / "pl.pdf", "appendix", options=APART)
    with open_pdf(tmp_path / "pl.pdf") as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        top = {line["text"]: line["top"] for line in lines}
        first = next(t for text, t in top.items() if text.startswith("I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG"))
        second = next(t for text, t in top.items() if text.startswith("II. NHIỆM VỤ MỚI TRONG THÁNG"))
        tt = {w["text"]: w["top"] for w in page.extract_words() if w["x1"] < 120 and w["text"].isdigit()}   # TT
    assert first < tt["1"] < tt["2"] < second < tt["3"] < tt["4"]
    assert [t for t in top if t.startswith(("I. ", "II. "))] == ["I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG",
                                                                 "II. NHIỆM VỤ MỚI TRONG THÁNG"]
    print_plan(sample_store, "2024-06", tmp_path / "lien.pdf", "appendix")          # without the option: one table
    with open_pdf(tmp_path / "lien.pdf") as pdf:
        assert "CHUYỂN SANG" not in pdf.pages[0].extract_text()


def test_word_and_excel_carry_the_parts_and_read_back_every_task(sample_store, tmp_path):
    june, _, _ = june_from_may(sample_store)
    tasks = sample_store.tasks.of_plan(june.id)
    export_docx(sample_store, "2024-06", tmp_path / "pl.docx", "all", options=APART)
    document = docx.Document(tmp_path / "pl.docx")
    headings = [p.text for p in document.paragraphs if p.text.endswith(("CHUYỂN SANG", "MỚI TRONG THÁNG"))]
    assert headings == ["I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG", "II. NHIỆM VỤ MỚI TRONG THÁNG"]
    plan = read_word_plan(tmp_path / "pl.docx", "2024-06")
    assert [r.content for r in plan.table.rows] == [t.content for t in tasks]
    assert plan.unplaced == []                        # the parts' headings and the «(Kèm theo …)» line are known
    assert plan.fields["appendix_reference"].startswith("Kèm theo Kế hoạch số 5512/KH-UBND")
    export_plan(sample_store, "2024-06", tmp_path / "pl.xlsx", APART)
    sheet = openpyxl.load_workbook(tmp_path / "pl.xlsx").active
    assert [sheet.cell(r, 1).value for r in range(6, 12)] == [
        "I. NHIỆM VỤ THÁNG TRƯỚC CHUYỂN SANG", 1, 2, "II. NHIỆM VỤ MỚI TRONG THÁNG", 3, 4]
    assert any(str(m) == "A6:C6" for m in sheet.merged_cells.ranges)
    assert [r.content for r in read_table(tmp_path / "pl.xlsx").rows] == [t.content for t in tasks]


def test_scattered_carried_tasks_are_refused_and_a_plan_of_one_kind_has_no_heading(sample_store, tmp_path):
    june, _, _ = june_from_may(sample_store)
    tasks = sample_store.tasks.of_plan(june.id)
    sample_store.plans.update(june.id, status="draft")
    sample_store.tasks.move(tasks[0].id, 4)                  # carried, new, new, carried
    with pytest.raises(InvalidInput, match=r"Nhiệm vụ chuyển tiếp không liền nhau \(nhiệm vụ 4\)"):
        print_plan(sample_store, "2024-06", tmp_path / "x.pdf", "appendix", options=APART)
    assert not (tmp_path / "x.pdf").exists()
    print_plan(sample_store, "2024-05", tmp_path / "may.pdf", "appendix", options=APART)     # nothing carried
    with open_pdf(tmp_path / "may.pdf") as pdf:
        assert "NHIỆM VỤ MỚI TRONG THÁNG" not in pdf.pages[0].extract_text()
