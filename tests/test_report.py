"""The month's report: the same figures in the PDF, the Word file, the .xlsx and the panel's rule,
read back; the report PDF passes the plan's layout checks."""
from datetime import date

import docx
import openpyxl
import pypdf
import pytest
from pdf_reader import open_pdf, squash
from reportlab.lib.units import mm
from seed_data import reopened

from khdesk.cli import main
from khdesk.document.model import PageSetup
from khdesk.document.month_report import number_in_words
from khdesk.domain.progress import Counting, agency_figures, plan_figures
from khdesk.domain.progress import month_end as last_day
from khdesk.usecases.loading import report_of

TODAY = date(2024, 5, 20)           # the report written six days after the May period's cut-off (14/5)
SETUP = PageSetup()


def month_end(store):
    plan = reopened(store)                             # (due dates are the plan's; set as before it was issued)
    tasks = store.tasks.of_plan(plan.id)
    for t in tasks[:6]:
        store.tasks.update(t.id, due_date=date(2024, 5, 10))
    store.tasks.update(tasks[0].id, status="done", completed_on=date(2024, 5, 10), result_note="Đã trình & ký")
    store.tasks.update(tasks[1].id, status="done", completed_on=date(2024, 5, 11))       # a day late
    store.tasks.update(tasks[2].id, status="doing", result_note="Đang lấy ý kiến <các sở>")
    store.tasks.update(tasks[4].id, status="dropped", status_reason="Chờ hướng dẫn của Trung ương",
                       result_note="Đã xin ý kiến Bộ & chờ trả lời")
    store.tasks.update(tasks[5].id, due_date=date(2024, 5, 14))                  # due on the cut-off: not overdue
    for t in tasks[10:30]:
        store.tasks.update(t.id, status="done", completed_on=date(2024, 5, 13))
    store.tasks.update(tasks[30].id, status="done", completed_on=date(2024, 5, 17))    # after the cut-off
    return plan, store.tasks.of_plan(plan.id)


@pytest.fixture
def reported(sample_store, tmp_path):
    plan, tasks = month_end(sample_store)
    path = str(sample_store.path)
    sample_store.close()
    for args in (["report", "-o", str(tmp_path / "r.pdf")], ["export-docx", "--part", "report", "-o",
                 str(tmp_path / "r.docx")], ["export-xlsx", "--report", "-o", str(tmp_path / "r.xlsx")]):
        assert main([args[0], "--db", path, "--plan", "2024-05", "--today", "20/05/2024", *args[1:]]) == 0
    from khdesk.db import Store

    with Store.open(path, read_only=True) as store:
        agencies = store.agencies.all()
        as_of = Counting(date(2024, 5, 14), last_day("2024-05"), True, date(2024, 5, 13))     # the cut-off
        expected = plan_figures(tasks, as_of)
        by_agency = agency_figures(tasks, as_of, [a.id for a in agencies])
        names = {a.id: a.print_name for a in agencies}
        report = report_of(store, "2024-05", TODAY)
    return tmp_path, expected, [(names[a], f) for a, f in by_agency], report


def test_the_figures_are_the_panels_rule_counted_to_the_period_s_cut_off(reported):
    _, expected, _, report = reported
    # 47 tasks as of 14/5/2024: done on time 21 (one on its due day), done late 1 (the day after); being done
    # 2 (one of them finished on 17/5, after the cut-off); nothing reported on 22 — counted apart from «chưa
    # thực hiện» (0) — 1 dropped; overdue: the two not done that were due on 10/5; the one due on 14/5 is not
    assert expected.as_row() == (47, 21, 1, 2, 0, 22, 1, 2)
    assert report.figures.as_row() == expected.as_row()
    assert "Kế hoạch giao 47 (bốn mươi bảy) nhiệm vụ. Đã hoàn thành 22 (hai mươi hai) nhiệm vụ, đạt 46,8 %" \
        in report.overall
    assert "chưa có báo cáo 22 (hai mươi hai) nhiệm vụ" in report.overall
    assert "Số nhiệm vụ đã quá hạn mà chưa hoàn thành: 2 (hai) nhiệm vụ." in report.overall
    # the period by Khánh Hòa's rule, in words, and the rule used for a task with no due date
    assert "(số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024)" in report.opening
    assert "Nhiệm vụ không ghi hạn hoàn thành được tính hạn là ngày cuối tháng của kế hoạch (31/05/2024)" \
        in report.overall
    states = {late.position: late.state for late in report.late}
    assert states[3] == "Quá hạn 2 ngày làm việc (hạn 10/05/2024); đang thực hiện"        # 13 and 14 May
    assert states[4].startswith("Quá hạn 2 ngày làm việc") and states[4].endswith("chưa có báo cáo")
    assert states[31] == "Đang thực hiện" and states[33] == "Chưa có báo cáo"


def test_pdf_word_and_excel_give_the_same_figures(reported):
    folder, expected, by_agency, report = reported
    wanted = [[name, *map(str, f.as_row())] for name, f in by_agency] + [["Cả kế hoạch",
                                                                           *map(str, expected.as_row())]]
    book = openpyxl.load_workbook(folder / "r.xlsx")
    sheet = book["Theo cơ quan"]
    xlsx = [[str(c.value) for c in row[1:]] for row in sheet.iter_rows(min_row=5) if row[1].value]
    assert xlsx == wanted
    late = book["Quá hạn, chưa hoàn thành"]
    assert [r[0].value for r in late.iter_rows(min_row=5)] == [t.position for t in report.late]
    tables = docx.Document(folder / "r.docx").tables
    figures = next(t for t in tables if t.rows[0].cells[1].text == "Cơ quan chủ trì" and len(t.columns) == 10)
    assert [[c.text for c in row.cells[1:]] for row in figures.rows[1:]] == wanted
    # eight columns of figures: laid out as the PDF's (1 mm margins, a 10 pt head) so «Không TH» stays whole
    head = figures.rows[0].cells[8]
    assert head.text == "Không TH" and {r.font.size.pt for r in head.paragraphs[0].runs} == {10}
    assert 'w:w="57"' in head._tc.xml
    with open_pdf(folder / "r.pdf") as pdf:
        text = squash(" ".join(p.extract_text() for p in pdf.pages))
        lines = [squash(line["text"]) for p in pdf.pages for line in p.extract_text_lines()]
        for i, (name, *numbers) in enumerate(wanted, 1):
            if len(name) < 24:                         # (a longer name wraps in its cell)
                row = f"{i} {name} " if name != "Cả kế hoạch" else f"{name} "
                assert row + " ".join(numbers) in lines, (row, numbers)
        assert squash(report.overall) in text
        assert "BÁO CÁO Kết quả thực hiện nhiệm vụ trọng tâm tháng 5/2024" in text
        assert "Số: /BC-UBND" in text and "Cả kế hoạch 47 21 1 2 0 22 1 2" in text
        # dated the day it is written; counted to the period's cut-off, as its opening says
        assert "Khánh Hòa, ngày 20 tháng 5 năm 2024" in text
        assert "(số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024)" in text
        # the short column heads whole on their lines («Khôn / g TH» before)
        head = [w["text"] for w in pdf.pages[0].extract_words() + pdf.pages[1].extract_words()]
        assert "Không" in head and "Khôn" not in head and "Đang" in head
        width = (210 - SETUP.left - SETUP.right) * mm                # the last column: «Kết quả, lý do»
        x0 = SETUP.left * mm + 1.0 * 28.3465 + width * 0.77
        results = squash(" ".join(p.crop((x0, 0, SETUP.left * mm + width, p.height)).extract_text() or ""
                                  for p in pdf.pages))
        assert "Lý do: Chờ hướng dẫn của Trung ương" in results and "Đang lấy ý kiến <các sở>" in results
        assert "Đã xin ý kiến Bộ & chờ trả lời" in results          # a dropped task's result too, not only its reason
    results = {r[0].value: r[4].value for r in late.iter_rows(min_row=5)}
    assert results[3] == "Đang lấy ý kiến <các sở>"
    assert results[5] == "Lý do: Chờ hướng dẫn của Trung ương\nĐã xin ý kiến Bộ & chờ trả lời"


def test_the_report_pdf_passes_the_plans_layout_checks(reported):
    folder, *_ = reported
    reader = pypdf.PdfReader(folder / "r.pdf")
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
    left, right = SETUP.left * mm, (210 - SETUP.right) * mm
    with open_pdf(folder / "r.pdf") as pdf:
        frame_top = SETUP.top * mm
        numbers = ["".join(c["text"] for c in p.chars if c["bottom"] < frame_top) for p in pdf.pages]
        assert len(pdf.pages) >= 3 and numbers == [""] + [str(n) for n in range(2, len(pdf.pages) + 1)]
        for page in pdf.pages:
            body = [c for c in page.chars if c["bottom"] >= frame_top]
            assert min(c["x0"] for c in body) >= left - 1 and max(c["x1"] for c in body) <= right + 1
            assert max(c["bottom"] for c in body) <= page.height - SETUP.bottom * mm + 1
        last = squash(pdf.pages[-1].extract_text())
        assert "Nơi nhận:" in last and "Nguyễn Tấn Tuấn" in last


@pytest.mark.parametrize("n, words", [(0, "không"), (15, "mười lăm"), (21, "hai mươi mốt"), (105, "một trăm linh năm"),
                                      (1005, "một nghìn không trăm linh năm"), (2024, "hai nghìn không trăm hai mươi bốn")])
def test_numbers_in_words(n, words):
    assert number_in_words(n) == words


def test_a_task_longer_than_a_page_prints_whole_in_the_report(sample_store, tmp_path):
    """A task as long as khdesk keeps (32,767 characters, one Excel cell) and a long result go on across
    pages; every word is in the PDF."""
    from khdesk.usecases.printing import print_report

    plan = sample_store.plans.by_month("2024-05")
    t16 = sample_store.tasks.of_plan(plan.id)[15]
    content = " ".join(f"Nội dung {i} & <ý {i}>." for i in range(1300))
    result = " ".join(f"Kết quả {i}." for i in range(2300))
    assert 30_000 < len(content) <= 32_767 and 30_000 < len(result) <= 32_767
    reopened(sample_store)
    sample_store.tasks.update(t16.id, content=content, result_note=result)
    pages = print_report(sample_store, "2024-05", tmp_path / "r.pdf", TODAY)
    width = (210 - SETUP.left - SETUP.right) * mm
    left = SETUP.left * mm + 1.0 * 28.3465
    with open_pdf(tmp_path / "r.pdf") as pdf:
        assert len(pdf.pages) == pages
        def column(x0, x1):          # the column's words as written, without the bold header repeated on each page
            return squash(" ".join(w["text"] for p in pdf.pages
                                   for w in p.crop((x0, SETUP.top * mm, x1, p.height)).extract_words(
                                       use_text_flow=True, extra_attrs=["fontname"]) if "Bold" not in w["fontname"]))
        contents = column(left, left + width * 0.40)
        results = column(left + width * 0.77, SETUP.left * mm + width)
    assert squash(content) in contents and squash(result) in results


def test_a_quarter_s_report_counts_each_task_once_over_its_plans(sample_store, tmp_path, capsys):
    """Quý II/2024 by Khánh Hòa's rule: 15/3–14/6; May's plan and June's made from it — a task carried from May
    into June is counted once, as June's; the late list says which month a position belongs to."""
    from test_month_compare import june_from_may

    june, may_tasks, _ = june_from_may(sample_store)
    report = report_of(sample_store, "2024-05", date(2024, 6, 20), "quarter")
    assert report.document.subject == "Kết quả thực hiện nhiệm vụ trọng tâm quý II/2024"
    assert report.period.words() == "Số liệu tính từ ngày 15/3/2024 đến ngày 14/6/2024"
    assert report.figures.total == 47 + 2                      # 47 of May (2 of them now June's) + 2 new in June
    assert "Thực hiện các Kế hoạch số 4969/KH-UBND ngày 13 tháng 5 năm 2024 (tháng 5); số 5512/KH-UBND ngày 12 " \
           "tháng 6 năm 2024 (tháng 6)" in report.opening
    states = [late.state for late in report.late]
    assert [late.position for late in report.late] == list(range(1, len(states) + 1))     # a running number
    assert not any(s.startswith("Kế hoạch tháng 5/2024, nhiệm vụ 4:") for s in states)   # May's 4 went on …
    assert "Kế hoạch tháng 6/2024, nhiệm vụ 1: chưa có báo cáo" in states      # … as June's 1, not reported yet
    month = report_of(sample_store, "2024-06", date(2024, 6, 20))
    assert month.figures.total == 4 and [late.position for late in month.late] == [1, 2, 3]
    db = str(sample_store.path)
    sample_store.close()
    assert main(["report", "--db", db, "--plan", "2024-06", "--period", "quarter", "--today", "20/06/2024",
                 "-o", str(tmp_path / "q2.pdf")]) == 0
    assert capsys.readouterr().out.startswith("Đã in báo cáo quý II/2024 (")
    with open_pdf(tmp_path / "q2.pdf") as pdf:
        text = squash(" ".join(p.extract_text() for p in pdf.pages))
    assert "Kết quả thực hiện nhiệm vụ trọng tâm quý II/2024" in text and "Khánh Hòa, ngày 20 tháng 6 năm 2024" in text
    assert main(["report", "--db", db, "--plan", "2024-06", "--period", "year", "-o", str(tmp_path / "y.pdf")]) == 0
    assert "Đã in báo cáo năm 2024" in capsys.readouterr().out
