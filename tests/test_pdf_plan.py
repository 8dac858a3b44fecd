"""The plan itself as a PDF, read back: header, rules, number and date, body, signature, pages."""
from datetime import date

import pytest
from pdf_reader import open_pdf, squash
from reportlab.lib.units import cm, mm
from seed_data import reopened

from khdesk.document.model import PageSetup
from khdesk.usecases import printing

SETUP = PageSetup()
LEFT = SETUP.left * mm
RIGHT = LEFT + SETUP.frame_width
COL = 65 * mm


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    from khdesk.usecases.sample_data import new_database

    folder = tmp_path_factory.mktemp("plan")
    with new_database(folder / "k.db", sample=True) as store:
        plan = store.plans.by_month("2024-05")
        pages = printing.print_plan(store, "2024-05", folder / "all.pdf", "all")
        body_pages = printing.print_plan(store, "2024-05", folder / "plan.pdf", "plan")
    return folder, plan, pages, body_pages


def lines_of(page, x0=None, x1=None):
    """Text lines of the page, or of the column between x0 and x1 (pdfplumber joins columns)."""
    if x0 is not None:
        page = page.crop((x0, 0, x1, page.height))
    return [dict(line, text=squash(line["text"])) for line in page.extract_text_lines()]


def find(lines, text):
    matches = [line for line in lines if line["text"] == text]
    assert matches, (text, [line["text"] for line in lines][:20])
    return matches[0]


def style_of(line):
    chars = [c for c in line["chars"] if c["text"].strip()]
    sizes = {round(c["size"], 1) for c in chars}
    faces = {c["fontname"].split("-")[-1] if "-" in c["fontname"] else "Regular" for c in chars}
    return sizes, faces


def centre(line):
    return (line["x0"] + line["x1"]) / 2


def rule_under(page, line, within=12):
    rules = [r for r in page.lines if r["height"] == 0 and 0 < r["top"] - line["bottom"] < within
             and r["x0"] < centre(line) < r["x1"]]
    assert len(rules) == 1, (line["text"], rules)
    return rules[0]


def test_header_two_columns_with_their_rules(plan_pdf):
    folder, plan, *_ = plan_pdf
    with open_pdf(folder / "plan.pdf") as pdf:
        page = pdf.pages[0]
        lines = lines_of(page, LEFT - 1, LEFT + COL)
        right_lines = lines_of(page, LEFT + COL, RIGHT + 1)
    agency1, agency2 = find(lines, "ỦY BAN NHÂN DÂN"), find(lines, "TỈNH KHÁNH HÒA")
    for line in (agency1, agency2):
        assert style_of(line) == ({13}, {"Bold"})
        assert abs(centre(line) - (LEFT + COL / 2)) < 1.5
    rule = rule_under(page, agency2)
    assert 1 / 3 - 0.02 <= rule["width"] / (agency2["x1"] - agency2["x0"]) <= 1 / 2 + 0.02
    assert abs((rule["x0"] + rule["x1"]) / 2 - centre(agency2)) < 1.5

    national = find(right_lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = find(right_lines, "Độc lập - Tự do - Hạnh phúc")
    assert style_of(national) == ({13}, {"Bold"}) and style_of(motto) == ({14}, {"Bold"})
    assert abs(centre(national) - (LEFT + COL + (SETUP.frame_width - COL) / 2)) < 1.5
    assert RIGHT - (LEFT + COL) >= 96 * mm - 0.5
    motto_rule = rule_under(page, motto)
    assert abs(motto_rule["x0"] - motto["x0"]) < 1 and abs(motto_rule["x1"] - motto["x1"]) < 1

    number = find(lines, "Số: 4969/KH-UBND")
    when = find(right_lines, "Khánh Hòa, ngày 13 tháng 5 năm 2024")
    assert style_of(number) == ({13}, {"Regular"}) and style_of(when) == ({14}, {"Italic"})
    assert abs(number["bottom"] - when["bottom"]) < 3              # on one line
    assert abs(centre(number) - (LEFT + COL / 2)) < 1.5 and abs(centre(when) - centre(motto)) < 1.5


def test_document_type_subject_and_rule(plan_pdf):
    folder, plan, *_ = plan_pdf
    with open_pdf(folder / "plan.pdf") as pdf:
        page = pdf.pages[0]
        lines = lines_of(page)
    kind = find(lines, "KẾ HOẠCH")
    assert style_of(kind) == ({14}, {"Bold"}) and abs(centre(kind) - (LEFT + RIGHT) / 2) < 1.5
    subject_lines = [line for line in lines if line["top"] > kind["bottom"] and style_of(line) == ({14}, {"Bold"})][:2]
    assert squash(" ".join(line["text"] for line in subject_lines)) == plan.subject
    rule = rule_under(page, subject_lines[-1])
    widest = max(line["x1"] - line["x0"] for line in subject_lines)
    assert 1 / 3 - 0.02 <= rule["width"] / widest <= 1 / 2 + 0.02


def test_body_14pt_justified_with_first_line_indent(plan_pdf):
    folder, plan, *_ = plan_pdf
    with open_pdf(folder / "plan.pdf") as pdf:
        text = squash(" ".join(p.extract_text() for p in pdf.pages))
        page = pdf.pages[0]
        lines = lines_of(page)
    grounds_first = next(line for line in lines if line["text"].startswith("Thực hiện Chương trình công tác"))
    assert style_of(grounds_first) == ({14}, {"Regular"})
    assert abs(grounds_first["x0"] - (LEFT + 1 * cm)) < 1
    following = [line for line in lines if line["top"] > grounds_first["top"]][:3]
    assert abs(following[0]["x0"] - LEFT) < 1                       # second line: no indent
    assert abs(grounds_first["x1"] - RIGHT) < 1.5 and abs(following[0]["x1"] - RIGHT) < 1.5   # justified
    heading = find(lines, "I. NHIỆM VỤ CHUNG")
    assert style_of(heading)[1] == {"Bold"}
    item1 = next(line for line in lines if line["text"].startswith("1. Tiếp tục triển khai"))
    last_of_grounds = max((line for line in lines if line["top"] < heading["top"]), key=lambda line: line["top"])
    assert heading["top"] - last_of_grounds["bottom"] >= 6 and item1["top"] - heading["bottom"] >= 6
    for part in (plan.grounds, *[p for item in plan.general_tasks for p in item.split("\n")],
                 plan.specific_tasks_text, plan.implementation):
        assert squash(part) in text


def test_signature_block_and_recipients(plan_pdf):
    folder, plan, *_ = plan_pdf
    with open_pdf(folder / "plan.pdf") as pdf:
        page = pdf.pages[-1]
        lines = lines_of(page, LEFT - 1, (LEFT + RIGHT) / 2)
        right_lines = lines_of(page, (LEFT + RIGHT) / 2, RIGHT + 1)
    label = next(line for line in lines if line["text"].startswith("Nơi nhận:"))
    authority = next(line for line in right_lines if "TM. ỦY BAN NHÂN DÂN" in line["text"])
    label_chars = [c for c in label["chars"] if c["text"].strip()][:9]
    assert {round(c["size"], 1) for c in label_chars} == {12}
    assert all(c["fontname"].endswith("BoldItalic") for c in label_chars)
    assert abs(label["top"] - authority["top"]) < 3
    assert label["x0"] < LEFT + 2 and min(c["x0"] for c in authority["chars"] if c["text"] == "T") > (LEFT + RIGHT) / 2
    items = [c for c in page.chars if round(c["size"], 1) == 11]
    listed = squash(" ".join(line["text"] for line in lines if line["chars"] and round(line["chars"][0]["size"], 1) == 11))
    assert listed.startswith("- Thường trực Tỉnh ủy;") and listed.endswith("- Lưu: VT, HP, HT.")
    assert items and all(not c["fontname"].endswith(("Bold", "Italic")) for c in items)
    name = next(line for line in right_lines if "Nguyễn Tấn Tuấn" in line["text"])
    title = next(line for line in right_lines if "CHỦ TỊCH" in line["text"])
    assert name["top"] - title["bottom"] > 50                    # room for the signature
    quarter = LEFT + 3 * (RIGHT - LEFT) / 4                       # centred in the right half
    for line in (authority, title, name):
        assert abs(centre(line) - quarter) < 1.5
        assert style_of(line)[1] == {"Bold"} and style_of(line)[0] == {14}


def test_page_numbers_plan_from_2_appendix_restarts(plan_pdf):
    folder, plan, pages, body_pages = plan_pdf
    frame_top = SETUP.top * mm
    with open_pdf(folder / "all.pdf") as pdf:
        numbers = ["".join(c["text"] for c in p.chars if c["bottom"] < frame_top) for p in pdf.pages]
        appendix_first = next(i for i, p in enumerate(pdf.pages) if "Phụ lục" in (p.extract_text() or "")[:20])
    assert appendix_first == body_pages
    assert numbers[:body_pages] == [""] + [str(n) for n in range(2, body_pages + 1)]
    assert numbers[body_pages:] == [""] + [str(n) for n in range(2, pages - body_pages + 1)]


def test_decree_forms_of_number_and_date(tmp_path, sample_store):
    plan = reopened(sample_store)
    sample_store.plans.update(plan.id, number="5", issued_on=date(2025, 1, 5))
    printing.print_plan(sample_store, "2024-05", tmp_path / "p.pdf", "plan")
    with open_pdf(tmp_path / "p.pdf") as pdf:
        text = squash(pdf.pages[0].extract_text())
    assert "Số: 05/KH-UBND" in text and "Khánh Hòa, ngày 05 tháng 01 năm 2025" in text


def gap_between(page, before: str, after: str) -> float:
    """The empty width (points) between the end of ``before`` and the start of ``after`` on one line."""
    chars = [c for c in page.chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    start = text.index(before + after) if before + after in text else None
    assert start is not None, (before, after, text[:300])
    return chars[start + len(before)]["x0"] - chars[start + len(before) - 1]["x1"]


@pytest.mark.parametrize("part", ["plan", "appendix", "report"])
def test_a_draft_has_room_to_write_its_number_and_date_by_hand(tmp_path, sample_store, part):
    """The văn thư fills a draft's number and date with a pen: «Số:  …  /KH-UBND», «ngày … tháng … năm»
    (the blanks used to fold into one space, about 1 mm, in every PDF)."""
    plan = reopened(sample_store)
    sample_store.plans.update(plan.id, number="", issued_on=None, appendix_reference="")
    if part == "report":
        printing.print_report(sample_store, "2024-05", tmp_path / "p.pdf")
        symbol = "/BC-UBND"
    else:
        printing.print_plan(sample_store, "2024-05", tmp_path / "p.pdf", part)
        symbol = "/KH-UBND"
    with open_pdf(tmp_path / "p.pdf") as pdf:
        page = pdf.pages[0]
        before = "số" if part == "appendix" else "Số:"
        assert gap_between(page, before, symbol) >= 15 * mm
        if part != "report":
            assert gap_between(page, "ngày", "tháng") >= 6 * mm and gap_between(page, "tháng", "năm") >= 6 * mm


def test_the_signature_never_leaves_its_recipients(tmp_path, sample_store):
    """However long the body, the block moves whole to the next page."""
    plan = reopened(sample_store)
    for extra in range(0, 12):
        sample_store.plans.update(plan.id, implementation=plan.implementation + " Bổ sung." * (extra * 25))
        printing.print_plan(sample_store, "2024-05", tmp_path / "p.pdf", "plan")
        with open_pdf(tmp_path / "p.pdf") as pdf:
            holders = [i for i, p in enumerate(pdf.pages) for t in ["Nơi nhận:", "Nguyễn Tấn Tuấn", "Lưu: VT"]
                       if t in (p.extract_text() or "")]
        assert len(set(holders)) == 1, (extra, holders)


@pytest.mark.parametrize("name", ["plan.pdf", "all.pdf"])
def test_the_plan_embeds_its_fonts_and_names_no_other(plan_pdf, name):
    """A reportlab Table sets its cells' font itself (Helvetica, not embedded) unless told."""
    import pypdf

    folder, *_ = plan_pdf
    reader = pypdf.PdfReader(folder / name)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object(), f"{font['/BaseFont']} is not embedded"
    assert b"Helvetica" not in (folder / name).read_bytes()
