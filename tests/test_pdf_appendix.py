"""The appendix PDF, read back: page, fonts, headings, table, page breaks, text."""
import re
import unicodedata
from datetime import date

import pypdf
import pytest
from pdf_reader import (
    A4_H,
    A4_W,
    cell_lines,
    column_text,
    columns,
    header_cell,
    header_row_bottom,
    open_pdf,
    squash,
    table_bottom,
    table_top,
    tt_numbers,
)
from reportlab.lib.units import mm

from khdesk.document import fonts
from khdesk.document.model import AppendixOptions, PageSetup, PlanDocument, appendix_of
from khdesk.domain.models import Agency, Plan, Task
from khdesk.errors import InvalidInput, KhdeskError
from khdesk.formats.pdf.appendix import appendix_story
from khdesk.formats.pdf.document import write_pdf
from khdesk.formats.pdf.story import document_story
from khdesk.usecases import printing

SETUP = PageSetup()
FRAME_TOP = SETUP.top * mm                         # in pdfplumber's top-down coordinates
FRAME_BOTTOM = A4_H - SETUP.bottom * mm


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    from khdesk.usecases.sample_data import new_database

    folder = tmp_path_factory.mktemp("pdf")
    with new_database(folder / "k.db", sample=True) as store:
        plan = store.plans.by_month("2024-05")
        tasks = store.tasks.of_plan(plan.id)
        names = {a.id: a.print_name for a in store.agencies.all()}
        pages = printing.print_appendix(store, "2024-05", folder / "phu-luc.pdf")
    return folder / "phu-luc.pdf", tasks, names, pages


def test_a4_pages_with_text_inside_the_margins(sample_pdf):
    path, tasks, names, n = sample_pdf
    with open_pdf(path) as pdf:
        assert len(pdf.pages) == n >= 4
        for page in pdf.pages:
            assert (round(page.width, 1), round(page.height, 1)) == (round(A4_W, 1), round(A4_H, 1))
            body = [c for c in page.chars if c["top"] >= FRAME_TOP - 1]
            assert min(c["x0"] for c in body) >= SETUP.left * mm - 0.01
            assert max(c["x1"] for c in body) <= A4_W - SETUP.right * mm + 0.01
            assert max(c["bottom"] for c in body) <= FRAME_BOTTOM + 0.01
            for line in page.lines:
                assert SETUP.left * mm - 0.5 <= line["x0"] and line["x1"] <= A4_W - SETUP.right * mm + 0.5
                assert FRAME_TOP - 0.5 <= line["top"] and line["bottom"] <= FRAME_BOTTOM + 0.5
            assert {c["non_stroking_color"] for c in page.chars} <= {(0,), (0.0, 0.0, 0.0), 0}


def test_one_embedded_font_family_and_nothing_else(sample_pdf):
    path, *_ = sample_pdf
    family = fonts.choose_family()
    expected = {"LiberationSerif": "LiberationSerif", "TimesNewRoman": "TimesNewRomanPS"}[family.name]
    reader = pypdf.PdfReader(path)
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            base = str(font["/BaseFont"])
            seen.add(base.split("+")[-1])
            assert "Helvetica" not in base
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), f"{base} is not embedded"
    assert seen and all(name.startswith(expected) for name in seen)
    assert b"Helvetica" not in path.read_bytes()


def test_headings_read_as_the_decree_says(sample_pdf):
    path, *_ = sample_pdf
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        heading = {squash(line["text"]): line for line in lines[:3]}
        label, title, ref = (heading[t] for t in (
            "Phụ lục", "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024",
            "(Ban hành kèm theo Kế hoạch số 4969/KH-UBND ngày 13/5/2024 của UBND tỉnh)"))
        for line, style in ((label, "Bold"), (title, "Bold"), (ref, "Italic")):
            assert {c["size"] for c in line["chars"]} == {14}
            assert all(c["fontname"].endswith(style) for c in line["chars"] if c["text"].strip())
            centre = (line["x0"] + line["x1"]) / 2
            assert abs(centre - (SETUP.left * mm + SETUP.frame_width / 2)) < 1.5
        assert label["top"] < title["top"] < ref["top"]
        # a short drawn rule under the reference line, centred, about a third of its width
        rules = [ln for ln in page.lines if ln["top"] > ref["bottom"] and ln["top"] < table_top(page) and ln["height"] == 0]
        assert len(rules) == 1
        rule = rules[0]
        assert abs((rule["x0"] + rule["x1"]) / 2 - (ref["x0"] + ref["x1"]) / 2) < 1.5
        assert 0.28 < rule["width"] / (ref["x1"] - ref["x0"]) < 0.4
        assert rule["top"] - ref["bottom"] < 12


def test_header_row_on_every_page_bold_13(sample_pdf):
    path, *_ = sample_pdf
    cols = columns()
    with open_pdf(path) as pdf:
        for page in pdf.pages:
            hb = header_row_bottom(page)
            assert [header_cell(page, cols, c) for c in range(3)] == ["TT", "Nội dung", "Cơ quan chủ trì thực hiện"]
            header = page.crop((cols.edges[0], table_top(page), cols.edges[-1], hb))
            assert {(round(c["size"], 2), c["fontname"].split("-")[-1]) for c in header.chars} == {(13, "Bold")}
            assert table_bottom(page) - hb > 20           # never a header alone


def test_page_numbers_from_two_centred_in_the_top_margin(sample_pdf):
    path, *_ = sample_pdf
    with open_pdf(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            top = [c for c in page.chars if c["bottom"] < FRAME_TOP]
            if number == 1:
                assert top == []
                continue
            assert "".join(c["text"] for c in top) == str(number)
            assert {c["size"] for c in top} == {14} and not any("Bold" in c["fontname"] for c in top)
            centre = (min(c["x0"] for c in top) + max(c["x1"] for c in top)) / 2
            assert abs(centre - (SETUP.left * mm + SETUP.frame_width / 2)) < 1
            assert 5 * mm < top[0]["top"] < FRAME_TOP


def test_every_task_text_in_order_with_tt_1_to_n(sample_pdf):
    path, tasks, names, _ = sample_pdf
    cols = columns()
    with open_pdf(path) as pdf:
        numbers = [n for page in pdf.pages for n in tt_numbers(page, cols)]
        content = " ".join(column_text(page, cols, 1) for page in pdf.pages)
        sizes = {c["size"] for page in pdf.pages for c in page.crop(cols.bbox(1, page)).chars
                 if c["top"] > header_row_bottom(page)}
    assert numbers == list(range(1, len(tasks) + 1))
    assert squash(content) == squash(" ".join(t.content for t in tasks))
    assert {round(s, 2) for s in sizes} == {13}
    assert "KH&CN năm 2024" in content and "KH&CN;" not in content


def test_each_page_names_the_lead_agency_of_its_rows(sample_pdf):
    path, tasks, names, _ = sample_pdf
    cols = columns()
    by_tt = {t.position: names[t.lead_agency_ids[0]] for t in tasks}
    with open_pdf(path) as pdf:
        for page in pdf.pages:
            agencies_text = squash(column_text(page, cols, 2))
            expected = []
            for tt in tt_numbers(page, cols):
                if not expected or expected[-1] != by_tt[tt]:
                    expected.append(by_tt[tt])
            assert agencies_text == squash(" ".join(expected)), page.page_number


def test_merged_agency_cells_have_no_rule_inside_the_group(sample_pdf):
    """Rows 16–19 share Sở Công Thương: inside the agency column, no rule between them."""
    path, tasks, names, _ = sample_pdf
    cols = columns()
    with open_pdf(path) as pdf:
        for page in pdf.pages:
            x0, x1 = cols.edges[2], cols.edges[3]
            rules = sorted(ln["top"] for ln in page.lines if ln["height"] == 0 and abs(ln["x0"] - x0) < 1
                           and abs(ln["x1"] - x1) < 1)
            content_rules = sorted(ln["top"] for ln in page.lines if ln["height"] == 0
                                   and abs(ln["x0"] - cols.edges[1]) < 1 and abs(ln["x1"] - cols.edges[2]) < 1)
            groups_here = []
            for tt in tt_numbers(page, cols):
                lead = names[tasks[tt - 1].lead_agency_ids[0]]
                if not groups_here or groups_here[-1] != lead:
                    groups_here.append(lead)
            # one rule under each group fragment in the agency column, one under each row in the content column
            assert len(rules) == len(groups_here)
            assert len(content_rules) == len(tt_numbers(page, cols))


def test_no_page_but_the_last_is_less_than_three_quarters_full(sample_pdf):
    path, *_ = sample_pdf
    with open_pdf(path) as pdf:
        for page in pdf.pages[:-1]:
            assert (table_bottom(page) - FRAME_TOP) / (FRAME_BOTTOM - FRAME_TOP) >= 0.75, page.page_number


# ----- synthetic plans ---------------------------------------------------------------------------
def build(tmp_path, contents_and_leads, options=AppendixOptions(), **plan_fields):
    agencies = {}
    for _, lead in contents_and_leads:
        if lead not in agencies:
            agencies[lead] = Agency(id=len(agencies) + 1, name=lead, short_name=None, kind="department",
                                    parent_id=None, position=len(agencies) + 1)
    plan = Plan(id=1, month="2024-05", number="4969", issued_on=date(2024, 5, 13),
                issuer_name="Ủy ban nhân dân tỉnh Khánh Hòa", **plan_fields)
    tasks = [Task(id=i, plan_id=1, position=i, content=text, lead_agency_ids=(agencies[lead].id,))
             for i, (text, lead) in enumerate(contents_and_leads, 1)]
    family = fonts.choose_family()
    names = {a.id: a.print_name for a in agencies.values()}
    appendix = appendix_of(plan, tasks, names, options, SETUP.frame_width)
    story = document_story(PlanDocument(None, (), None, appendix, SETUP), family)     # (checks every text first)
    path = tmp_path / "out.pdf"
    write_pdf(path, story, family, SETUP)
    return path, tasks


def words(n, seed=0):
    vocabulary = ("triển khai thực hiện nhiệm vụ trọng tâm phát triển kinh tế xã hội quy hoạch đầu tư công "
                  "giải ngân vốn đường bộ cao tốc Vân Phong Nha Trang Khánh Hòa đẩy nhanh tiến độ").split()
    return " ".join(vocabulary[(i * 7 + seed) % len(vocabulary)] for i in range(n))


def test_a_20000_character_task_splits_over_pages_without_losing_text(tmp_path):
    long = words(3000)[:20000]
    rows = [("Nhiệm vụ ngắn đầu tiên.", "Sở Y tế"), (long, "Sở Y tế"), ("Nhiệm vụ cuối.", "Sở Tư pháp")]
    path, tasks = build(tmp_path, rows)
    cols = columns()
    with open_pdf(path) as pdf:
        assert len(pdf.pages) >= 4
        content = " ".join(column_text(p, cols, 1) for p in pdf.pages)
        assert squash(content) == squash(" ".join(t.content for t in tasks))
        # every page the long task goes on to says whose text it is: «2 (tiếp)» in TT, not an empty cell
        tt = [re.sub(r"\s", "", column_text(p, cols, 0)) for p in pdf.pages]
        assert tt[0] == "12" and tt[1:-1] == ["2(tiếp)"] * (len(pdf.pages) - 2) and tt[-1] == "2(tiếp)3", tt
        for page in pdf.pages[:-1]:
            assert (table_bottom(page) - FRAME_TOP) / (FRAME_BOTTOM - FRAME_TOP) >= 0.9
            assert "Sở Y tế" in column_text(page, cols, 2)     # the group's name on every page


def test_groups_of_every_size_fill_the_pages_and_repeat_the_agency(tmp_path):
    rows = []
    for g, size in enumerate([1, 5, 20, 60, 2, 1, 33] * 2):
        lead = f"Sở số {g} của tỉnh"
        rows += [(words(10 + (i * 13) % 70, seed=i + g), lead) for i in range(size)]
    path, tasks = build(tmp_path, rows)
    cols = columns()
    with open_pdf(path) as pdf:
        numbers = [n for p in pdf.pages for n in tt_numbers(p, cols)]
        # a row split across a page shows its TT once, on its first part
        assert numbers == list(range(1, len(rows) + 1))
        for page in pdf.pages[:-1]:
            assert (table_bottom(page) - FRAME_TOP) / (FRAME_BOTTOM - FRAME_TOP) >= 0.75
        for page in pdf.pages:
            shown = squash(column_text(page, cols, 2))
            leads_here = []
            for n in tt_numbers(page, cols):
                if not leads_here or leads_here[-1] != rows[n - 1][1]:
                    leads_here.append(rows[n - 1][1])
            for lead in leads_here:
                assert lead in shown
        content = " ".join(column_text(p, cols, 1) for p in pdf.pages)
        assert squash(content) == squash(" ".join(t.content for t in tasks))


def test_markup_characters_and_line_breaks_print_exactly(tmp_path):
    text = 'A & B < C > D "ngoặc kép" \'đơn\' <b>không đậm</b> &amp; KH&CN;\nDòng hai\n\nDòng bốn'
    path, _ = build(tmp_path, [(text, "Sở KH&CN")])
    cols = columns()
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        lines = cell_lines(page, cols, 1)
        assert squash(" ".join(lines)) == squash(text)
        assert lines[-2:] == ["Dòng hai", "Dòng bốn"]
        assert "Sở KH&CN" in column_text(page, cols, 2)
        assert not any("Bold" in c["fontname"] for c in page.crop(cols.bbox(1, page)).chars
                       if c["top"] > header_row_bottom(page))


def test_decomposed_input_prints_composed(tmp_path):
    text = "Tiếp tục triển khai nhiệm vụ của Ủy ban nhân dân tỉnh Khánh Hòa"
    nfd = unicodedata.normalize("NFD", text)
    path, _ = build(tmp_path, [(nfd, unicodedata.normalize("NFD", "Sở Tư pháp"))])
    cols = columns()
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        printed = squash(column_text(page, cols, 1))
        assert printed == text
        assert not any(unicodedata.combining(c["text"]) for c in page.chars)
        assert squash(column_text(page, cols, 2)) == "Sở Tư pháp"


def test_every_vietnamese_letter_is_extractable(tmp_path):
    letters = fonts.vietnamese_letters()
    path, _ = build(tmp_path, [(letters, "Sở Y tế")])
    with open_pdf(path) as pdf:
        assert squash(column_text(pdf.pages[0], columns(), 1)).replace(" ", "") == letters


def test_optional_columns(tmp_path):
    options = AppendixOptions(with_coordinators=True, with_deadline=True)
    path, _ = build(tmp_path, [("Một nhiệm vụ", "Sở Y tế")], options=options)
    with open_pdf(path) as pdf:
        page = pdf.pages[0]
        cols = columns(options)
        assert [header_cell(page, cols, c) for c in range(5)] == [
            "TT", "Nội dung", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp", "Thời hạn hoàn thành"]
        assert squash(" ".join(cell_lines(page, cols, 1))) == "Một nhiệm vụ"


def test_a_draft_without_number_prints_blanks(tmp_path):
    path, _ = build(tmp_path, [("x", "Sở Y tế")])
    plan_draft_path = tmp_path / "draft.pdf"
    family = fonts.choose_family()
    plan = Plan(id=1, month="2025-01", issuer_name="Ủy ban nhân dân tỉnh Khánh Hòa")
    appendix = appendix_of(plan, [], {}, AppendixOptions(), SETUP.frame_width)
    write_pdf(plan_draft_path, appendix_story(appendix, family, SETUP), family, SETUP)
    with open_pdf(plan_draft_path) as pdf:
        text = squash(pdf.pages[0].extract_text())
    assert "NHIỆM VỤ TRỌNG TÂM THÁNG 1/2025" in text
    assert "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2025 của Ủy ban nhân dân tỉnh Khánh Hòa)" in text
    assert "Kế hoạch chưa có nhiệm vụ nào" in text and len(pdf.pages) == 1


def test_a_character_the_font_lacks_is_refused_with_the_task_number(tmp_path):
    with pytest.raises(InvalidInput, match="nhiệm vụ số 2"):
        build(tmp_path, [("bình thường", "Sở Y tế"), ("có biểu tượng 😀", "Sở Y tế")])
    assert not (tmp_path / "out.pdf").exists()


def test_missing_bundled_font_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KHDESK_FONT", "liberation")
    monkeypatch.setattr(fonts, "bundled_files", lambda: {s: tmp_path / f"{s}.ttf" for s in fonts.STYLES})
    with pytest.raises(KhdeskError, match="Thiếu tệp phông chữ"):
        fonts.choose_family()


def test_times_new_roman_is_preferred_when_installed(tmp_path, monkeypatch):
    """A machine with Times New Roman (here: files at the Windows names) prints in it."""
    fake = {s: tmp_path / n for s, n in zip(fonts.STYLES, ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"))}
    for style, target in fake.items():
        target.write_bytes(fonts.bundled_files()[style].read_bytes())
    monkeypatch.delenv("KHDESK_FONT", raising=False)
    monkeypatch.setattr(fonts, "_times_new_roman_candidates", lambda: [fake])
    monkeypatch.setattr(fonts, "_registered", {})
    assert fonts.choose_family().name == "TimesNewRoman"
    monkeypatch.setenv("KHDESK_FONT", "liberation")
    assert fonts.choose_family().name == "LiberationSerif"


def test_margins_outside_the_decree_are_refused():
    with pytest.raises(InvalidInput, match="Lề trái"):
        PageSetup(left=25)
    with pytest.raises(InvalidInput, match="Lề trên"):
        PageSetup(top=30)
