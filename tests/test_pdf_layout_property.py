"""The appendix layout cannot fail: whatever the rows and the agency names, the PDF is written and
keeps every rule of Nghị định 30 that khdesk prints (read back from the PDF).

Each task's words carry its number ("việc7") and each group's name its own ("Cơ quan 3 …"), so
the text of every page tells which tasks and which groups are on it."""
import re
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pdf_reader import (
    A4_H,
    column_text,
    columns,
    continued_numbers,
    header_cell,
    open_pdf,
    squash,
    table_bottom,
    tt_numbers,
)
from reportlab.lib.units import mm

from khdesk.document import fonts
from khdesk.document.model import AppendixOptions, PageSetup, appendix_of
from khdesk.domain.models import Agency, Plan, Task
from khdesk.formats.pdf.appendix import appendix_story
from khdesk.formats.pdf.document import write_pdf

SETUP = PageSetup()
FRAME_TOP, FRAME_BOTTOM = SETUP.top * mm, A4_H - SETUP.bottom * mm
REAL_NAME = "Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh"
NAME_WORDS = REAL_NAME.split() + ["Sở", "Ban", "Quản", "lý", "dự", "án", "đầu", "tư", "xây", "dựng"]
SHORT_NAME = 150          # characters: a name this long fits the quarter page that may be left, so it is
                          # never split but repeated whole


def name(g: int, n_words: int) -> str:
    return " ".join([f"Cơ quan {g}"] + [NAME_WORDS[(g + i) % len(NAME_WORDS)] for i in range(n_words)])


def content(n: int, n_words: int, lines: bool = False) -> str:
    return ("\n" if lines else " ").join([f"việc{n}"] * n_words)


def build(tmp_path, groups: list[tuple[str, list[str]]]):
    """groups: (agency name, the contents of its tasks). Returns (path, tasks, name of each task)."""
    agencies, tasks, lead_of = {}, [], {}
    for g, (agency_name, contents) in enumerate(groups, 1):
        agencies[g] = Agency(id=g, name=agency_name, short_name=None, kind="department", parent_id=None, position=g)
        for text in contents:
            n = len(tasks) + 1
            tasks.append(Task(id=n, plan_id=1, position=n, content=text, lead_agency_ids=(g,)))
            lead_of[n] = g
    plan = Plan(id=1, month="2026-01", number="12", issued_on=date(2026, 1, 9), issuer_name="UBND tỉnh")
    family = fonts.choose_family()
    path = tmp_path / "layout.pdf"
    write_pdf(path, appendix_story(appendix_of(plan, tasks, {a.id: a.print_name for a in agencies.values()}, AppendixOptions(),
                                           SETUP.frame_width), family, SETUP), family, SETUP)
    return path, tasks, {n: agencies[g].name for n, g in lead_of.items()}


def check_layout(path, tasks, lead_name):
    cols = columns()
    long_names = [x for x in lead_name.values() if len(x) > SHORT_NAME]
    with open_pdf(path) as pdf:
        pages = pdf.pages
        tts, all_content, all_leads = [], [], []
        for number, page in enumerate(pages, 1):
            assert [header_cell(page, cols, c) for c in range(3)] == ["TT", "Nội dung", "Cơ quan chủ trì thực hiện"]
            # a task going on from the page before is named in TT as «N (tiếp)», never an empty cell
            going_on = continued_numbers(page, cols)
            assert going_on in ([], tts[-1:]), (number, going_on)
            tts += tt_numbers(page, cols)
            text = column_text(page, cols, 1)
            all_content.append(text)
            here = list(dict.fromkeys(int(n) for n in re.findall(r"việc(\d+)", text)))
            leads_text = squash(column_text(page, cols, 2))
            assert here or leads_text, f"page {number} is empty"   # (only the rest of a long name)
            all_leads.append(leads_text)
            names_here = [lead_name[n] for i, n in enumerate(here) if i == 0 or lead_name[here[i - 1]] != lead_name[n]]
            if here and all(len(x) <= SHORT_NAME for x in names_here):
                # every group on the page is named there, whole, in order: continued groups too;
                # above them may stand only the rest of a long name cut on the page before
                expected = squash(" ".join(names_here))
                assert leads_text.endswith(expected), number
                rest = leads_text[:len(leads_text) - len(expected)].strip()
                assert not rest or any(rest in squash(x) for x in long_names), number
            if number < len(pages):
                assert (table_bottom(page) - FRAME_TOP) / (FRAME_BOTTOM - FRAME_TOP) >= 0.75, number
    assert tts == list(range(1, len(tasks) + 1))
    assert squash(" ".join(all_content)) == squash(" ".join(t.content for t in tasks))
    leads = squash(" ".join(all_leads))
    position = 0
    for i, n in enumerate(sorted(lead_name)):        # every name, whole, in order of the groups
        if i and lead_name[n] == lead_name[n - 1]:
            continue
        found = leads.find(squash(lead_name[n]), position)
        assert found >= 0, lead_name[n]
        position = found


ROW_WORDS = st.one_of(st.integers(4, 60), st.integers(4, 600))
GROUPS = st.lists(st.tuples(st.integers(0, 60), st.lists(ROW_WORDS, min_size=1, max_size=3)),
                  min_size=1, max_size=8)


@settings(max_examples=25)
@given(shape=GROUPS)
# the 2026 administrative-reform plan's shape: one-row groups with an 83-character name next to
# long rows near a page break (it used to end in reportlab's "Splitting error")
@example(shape=[(14, [40]), (14, [600]), (14, [9]), (14, [350]), (14, [4]), (14, [520]), (14, [60])])
@example(shape=[(60, [4]), (60, [4]), (60, [4]), (60, [4]), (60, [4]), (60, [4]), (60, [4]), (60, [4])])
def test_any_table_prints_with_every_rule(shape, tmp_path_factory):
    groups = []
    n = 0
    for g, (name_words, rows) in enumerate(shape, 1):
        contents = []
        for words in rows:
            n += 1
            contents.append(content(n, words))
        groups.append((name(g, name_words), contents))
    check_layout(*build(tmp_path_factory.mktemp("p"), groups))


def test_the_real_long_name_one_row_groups_print(tmp_path):
    groups = [(REAL_NAME if g % 2 else f"Sở số {g}", [content(g + 1, [12, 600, 30, 450, 8][g % 5])])
              for g in range(52)]
    check_layout(*build(tmp_path, groups))


def test_a_name_longer_than_a_page_flows_over_the_pages(tmp_path):
    long_name = name(2, 400)                         # about 1.4 pages in the 47 mm column
    groups = [("Sở Y tế", [content(1, 300)]), (long_name, [content(2, 5)]), ("Sở Tư pháp", [content(3, 20)])]
    check_layout(*build(tmp_path, groups))


def test_rows_about_a_page_tall_fit_or_split(tmp_path):
    # one line each: from a few lines short of a page to a few lines over it
    for lines in range(42, 49):
        groups = [("Sở Y tế", [content(1, lines, lines=True)]), ("Sở Tư pháp", [content(2, lines, lines=True)])]
        folder = tmp_path / str(lines)
        folder.mkdir()
        check_layout(*build(folder, groups))


def test_two_thousand_one_row_groups(tmp_path):
    groups = [(f"Sở số {g}", [content(g + 1, 4)]) for g in range(2000)]
    path, tasks, lead_name = build(tmp_path, groups)
    cols = columns()
    with open_pdf(path) as pdf:
        assert [n for page in pdf.pages for n in tt_numbers(page, cols)] == list(range(1, 2001))
