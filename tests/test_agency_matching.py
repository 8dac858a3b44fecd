"""Agency names matched on meaning: an import never lands a task on a different agency."""
import openpyxl
import pytest
from pdf_reader import column_text, columns, open_pdf, squash

from khdesk.domain.agency_names import (
    ABBREVIATED,
    AMBIGUOUS,
    CLOSE,
    EXACT,
    NEW,
    Candidate,
    match,
    sentence_case,
    split_agencies,
)
from khdesk.formats.excel.reading import read_table
from khdesk.usecases.exporting import export_plan
from khdesk.usecases.importing import apply_import, loose_matches, match_agencies
from khdesk.usecases.printing import print_appendix


@pytest.fixture
def catalogue(sample_store):
    agencies = sample_store.agencies.all()
    return sample_store, [Candidate(a.id, a.active, (a.name, a.print_name, *a.aliases)) for a in agencies]


@pytest.mark.parametrize("name", ["Bộ Tư pháp", "Bộ Nội vụ", "UBND thành phố Hà Nội", "Sở Y tế tỉnh Lâm Đồng",
                                  "Bộ Y tế", "Cục Thuế tỉnh Lâm Đồng", "Sở Tư pháp tỉnh Đắk Lắk"])
def test_a_body_of_another_kind_or_place_is_new(catalogue, name):
    _, candidates = catalogue
    assert match(name, candidates).how == NEW


@pytest.mark.parametrize("written, meant", [
    ("Sở Tư pháp", "Sở Tư pháp"), ("SỞ TƯ PHÁP", "Sở Tư pháp"), ("so tu phap", "Sở Tư pháp"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"), ("Sở KH-ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"), ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("UBND TP. Nha Trang", "UBND thành phố Nha Trang"), ("Sở Y tế tỉnh Khánh Hòa", "Sở Y tế"),
    ("Sở  Tư   pháp", "Sở Tư pháp"), ("Sở Tài chính tỉnh", "Sở Tài chính"),
])
def test_abbreviations_case_spacing_and_diacritics_may_differ(catalogue, written, meant):
    store, candidates = catalogue
    found = match(written, candidates)
    assert found.how in (EXACT, ABBREVIATED)
    agency = store.agencies.get(found.agency_id)
    assert meant in (agency.name, agency.print_name)


def test_a_slip_of_the_pen_in_the_same_body_is_a_close_match(catalogue):
    store, candidates = catalogue
    found = match("Sở Tài chíhn", candidates)
    assert found.how == CLOSE and store.agencies.get(found.agency_id).name == "Sở Tài chính"
    assert match("Bộ Tài chíhn", candidates).how == NEW                        # not when the kind differs


def test_a_name_two_agencies_answer_is_ambiguous():
    candidates = [Candidate(1, True, ("Sở Văn hóa và Thể thao", "Sở VH&TT")),
                  Candidate(2, True, ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH&TT"))]
    found = match("Sở VH&TT", candidates)
    assert found.how == AMBIGUOUS and found.agency_id is None and found.candidates == [1, 2]


def test_import_never_folds_look_alike_agencies_and_reports_what_it_did(sample_store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    names = ["Bộ Tư pháp", "Bộ Nội vụ", "UBND thành phố Hà Nội", "Sở Tài chíhn", "Sở KH&ĐT"]
    for i, name in enumerate(names, 1):
        ws.append([i, f"Nhiệm vụ {i}", name])
    wb.save(tmp_path / "in.xlsx")
    table = read_table(tmp_path / "in.xlsx")
    matches = match_agencies(sample_store, table)
    result = apply_import(sample_store, table, "2026-03", {n: m.agency_id for n, m in matches.items()})
    tasks = [sample_store.tasks.get(t) for t in result.task_ids]
    printed = [sample_store.agencies.get(t.lead_agency_ids[0]).print_name for t in tasks]
    assert printed == ["Bộ Tư pháp", "Bộ Nội vụ", "UBND thành phố Hà Nội", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"]
    assert "3 cơ quan mới" in result.summary(sample_store)
    assert loose_matches(sample_store, matches) == ["«Sở Tài chíhn» được hiểu là «Sở Tài chính» (gần đúng)"]


def test_cli_prints_loose_matches_and_created_agencies(sample_store, tmp_path, capsys):
    from khdesk.cli import main

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    ws.append([1, "Một", "Bộ Tư pháp"])
    ws.append([2, "Hai", "Sở Tài chíhn"])
    wb.save(tmp_path / "in.xlsx")
    path = sample_store.path
    sample_store.close()
    assert main(["import-xlsx", "--db", str(path), "--plan", "2026-03", str(tmp_path / "in.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "cơ quan mới trong «Chưa phân loại»: Bộ Tư pháp" in out
    assert "«Sở Tài chíhn» được hiểu là «Sở Tài chính» (gần đúng)" in out


@pytest.mark.parametrize("cell, parts", [
    ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("Các sở, ban, ngành; UBND các xã, phường, đặc khu", ["Các sở, ban, ngành", "UBND các xã, phường, đặc khu"]),
    ("Sở Tư pháp\nSở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"]),
    ("Sở Tư pháp;\nSở Nội vụ", ["Sở Tư pháp", "Sở Nội vụ"]),
    ("Ban Quản lý Khu kinh tế\nVân Phong", ["Ban Quản lý Khu kinh tế Vân Phong"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
])
def test_a_lead_cell_is_split_only_between_agencies(cell, parts):
    assert split_agencies(cell) == parts


@pytest.mark.parametrize("capitals, sentence", [
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"), ("BỘ Y TẾ", "Bộ Y tế"),
    ("UBND HUYỆN CAM LÂM", "UBND huyện Cam Lâm"), ("UBND THÀNH PHỐ NHA TRANG", "UBND thành phố Nha Trang"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
    ("CÁC SỞ, BAN, NGÀNH", "Các sở, ban, ngành"), ("SỞ KH&ĐT", "Sở KH&ĐT"),
])
def test_section_capitals_become_sentence_case(capitals, sentence):
    assert sentence_case(capitals) == sentence


def test_section_rows_in_capitals_name_new_agencies_as_written_elsewhere(sample_store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"])
    ws.append(["I", "BỘ Y TẾ", None, None])
    ws.append([1, "Hướng dẫn chuyên môn", None, None])
    ws.append(["II", "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", None, None])
    ws.append([1, "Hỗ trợ lễ hội", None, "Bộ Y tế"])
    wb.save(tmp_path / "s.xlsx")
    table = read_table(tmp_path / "s.xlsx")
    assert [r.leads for r in table.rows] == [["Bộ Y tế"], ["Bộ Văn hóa, Thể thao và Du lịch"]]


def test_joint_leads_print_in_one_cell_and_come_back_from_excel(sample_store, tmp_path):
    store = sample_store
    plan = store.plans.create("2026-04")
    tp, nv, yt = (store.agencies.find(n).id for n in ("Sở Tư pháp", "Sở Nội vụ", "Sở Y tế"))
    store.tasks.add(plan.id, "Rà soát văn bản", [tp, nv])
    store.tasks.add(plan.id, "Cải cách hành chính", [tp, nv])
    store.tasks.add(plan.id, "Y tế cơ sở", [yt])
    store.tasks.add(plan.id, "Phối hợp liên ngành", [nv, tp])
    print_appendix(store, "2026-04", tmp_path / "p.pdf")
    with open_pdf(tmp_path / "p.pdf") as pdf:
        leads = squash(column_text(pdf.pages[0], columns(), 2))
    # one cell per group of the same leads in the same order, the leads in order, ";" between them
    assert leads == "Sở Tư pháp; Sở Nội vụ Sở Y tế Sở Nội vụ; Sở Tư pháp"
    export_plan(store, "2026-04", tmp_path / "p.xlsx")
    table = read_table(tmp_path / "p.xlsx")
    assert [r.leads for r in table.rows] == [["Sở Tư pháp", "Sở Nội vụ"]] * 2 + [["Sở Y tế"], ["Sở Nội vụ", "Sở Tư pháp"]]
    matches = match_agencies(store, table)
    result = apply_import(store, table, "2026-05", {n: m.agency_id for n, m in matches.items()})
    again = [store.tasks.get(t).lead_agency_ids for t in result.task_ids]
    assert again == [(tp, nv), (tp, nv), (yt,), (nv, tp)] and not result.created_agency_ids
    assert [h.task.content for h in store.tasks.search("so noi vu", plan_id=plan.id)] == [
        "Rà soát văn bản", "Cải cách hành chính", "Phối hợp liên ngành"]
