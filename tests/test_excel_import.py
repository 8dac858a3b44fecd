"""Importing the tables agencies actually send."""
import zipfile

import openpyxl
import pytest
from excel_fixtures import merged_column_workbook, sample_rows, section_workbook, to_legacy
from seed_data import expected_leads

from khdesk.domain.text import fold
from khdesk.errors import InvalidInput, KhdeskError
from khdesk.formats.excel import reading
from khdesk.formats.excel.reading import read_table
from khdesk.usecases.exporting import export_plan
from khdesk.usecases.importing import UNSORTED_GROUP, apply_import, match_agencies


def seed_pairs(seed_rows):
    leads = expected_leads(seed_rows)
    return [(seed_rows[n][0], leads[n]) for n in range(1, 48)]


def import_all(store, table, month="2024-06"):
    matches = match_agencies(store, table)
    return apply_import(store, table, month, {k: m.agency_id for k, m in matches.items()})


def test_merged_lead_column_is_filled_down_and_every_row_matches_the_seed(tmp_path, seed_rows, sample_store):
    pairs = seed_pairs(seed_rows)
    pairs[1] = ("Dòng một\nDòng hai của cùng một ô & <b>không đậm</b>", pairs[1][1])
    table = read_table(merged_column_workbook(tmp_path / "seed.xlsx", pairs))
    assert table.header_row == 4 and table.columns == {"tt": 1, "content": 2, "lead": 3}
    assert table.unplaced == ["Ghi chú"]
    assert [(r.content, "; ".join(r.leads)) for r in table.rows] == pairs
    assert table.converted_cells == 0
    matches = match_agencies(sample_store, table)
    assert all(m.agency_id is not None for m in matches.values()), matches
    result = import_all(sample_store, table)
    tasks = sample_store.tasks.of_plan(result.plan_id)
    assert [t.content for t in tasks] == [p[0] for p in pairs]
    assert [sample_store.agencies.get(t.lead_agency_ids[0]).print_name for t in tasks] == [p[1] for p in pairs]
    assert result.summary(sample_store) == "47 nhiệm vụ, 17 cơ quan, 0 ô chuyển mã"


def test_section_rows_give_the_lead_agency_of_the_rows_below(tmp_path, sample_store):
    rows = sample_rows("03")
    table = read_table(section_workbook(tmp_path / "sections.xlsx", rows))
    assert set(table.columns) == {"tt", "content", "coordinators", "deadline"}
    assert [r.content for r in table.rows] == [r["noi_dung"] for r in sorted(
        rows, key=lambda r: list(dict.fromkeys(x["co_quan_chu_tri"] for x in rows)).index(r["co_quan_chu_tri"]))]
    by_content = {r["noi_dung"]: r for r in rows}
    for row in table.rows:
        source = by_content[row.content]
        leads = [x.strip() for x in source["co_quan_chu_tri"].split(";")]
        assert [fold(x) for x in row.leads] == [fold(x) for x in leads]      # joint leads, in order
        assert not set(map(fold, row.coordinators)) & set(map(fold, leads))   # a lead is never a co-ordinator
        assert row.deadline_text == source["thoi_han"]
    result = import_all(sample_store, table)
    assert len(result.task_ids) == len(rows)
    new = [sample_store.agencies.get(a) for a in result.created_agency_ids]
    assert new and all(sample_store.agencies.get(a.parent_id).name == UNSORTED_GROUP for a in new)
    assert "cơ quan mới trong «Chưa phân loại»" in result.summary(sample_store)


@pytest.mark.parametrize("encoding, font", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_font_cells_are_converted(tmp_path, seed_rows, sample_store, encoding, font):
    pairs = seed_pairs(seed_rows)[:12]
    table = read_table(merged_column_workbook(tmp_path / f"{encoding}.xlsx", pairs, font=font, encoding=encoding))
    assert [r.content for r in table.rows] == [p[0] for p in pairs]
    assert ["; ".join(r.leads) for r in table.rows] == [p[1] for p in pairs]
    groups = len({p[1] for p in pairs})
    assert table.converted_cells == len(pairs) + groups
    assert import_all(sample_store, table).summary(sample_store).endswith(f"{len(pairs) + groups} ô chuyển mã")


def test_tcvn3_capitals_font(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    ws.append([1, to_legacy("kiểm tra an toàn thực phẩm", "tcvn3"), to_legacy("sở y tế", "tcvn3")])
    ws["B2"].font = openpyxl.styles.Font(name=".VnTime")
    ws["C2"].font = openpyxl.styles.Font(name=".VnTimeH")
    wb.save(tmp_path / "h.xlsx")
    row = read_table(tmp_path / "h.xlsx").rows[0]
    assert row.content == "kiểm tra an toàn thực phẩm" and row.leads == ["SỞ Y TẾ"]


def test_a_sheet_typed_in_tcvn3_is_converted_without_its_fonts(tmp_path, seed_rows):
    """The fonts were lost (pasted as values into a new workbook): the text itself is the evidence,
    column by column, even under a header row typed later in Unicode."""
    pairs = seed_pairs(seed_rows)[:6]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    for i, (content, lead) in enumerate(pairs, 1):
        ws.append([i, to_legacy(content, "tcvn3"), to_legacy(lead, "tcvn3")])
    wb.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert [(r.content, "; ".join(r.leads)) for r in table.rows] == pairs
    assert table.converted_cells == 12


UNICODE_WITH_LATIN1 = ["KÈ SÔNG CÁI", "THÈM LỤC ĐỊA", "Khung 10×20 m", "Tỷ lệ 1÷2", "Hội thảo tại Zürich",
                       "Ông Müller", "ÈÈÈ", "Xây kè ÑÖÔØNG"]


@pytest.mark.parametrize("font", ["Times New Roman", None])
def test_unicode_text_with_latin1_letters_is_never_converted(tmp_path, font):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    for i, text in enumerate(UNICODE_WITH_LATIN1, 1):
        ws.append([i, text, "Sở Xây dựng"])
        if font:
            ws.cell(i + 1, 2).font = openpyxl.styles.Font(name=font)
    wb.save(tmp_path / "u.xlsx")
    table = read_table(tmp_path / "u.xlsx")
    assert [r.content for r in table.rows] == UNICODE_WITH_LATIN1
    assert table.converted_cells == 0


def test_khdesk_export_of_latin1_letters_comes_back_unchanged(tmp_path, sample_store):
    """Even a plan whose every task looks like TCVN3 to a character count."""
    plan = sample_store.plans.create("2026-02")
    lead = sample_store.agencies.find("Sở Xây dựng").id
    texts = ["ÈÈÈ ×× ÷÷ üü", "KÈ SÔNG CÁI", "THÈM", "Zürich 10×20 1÷2", "Sôû Y teá", "Së Y tÕ"]
    for text in texts:
        sample_store.tasks.add(plan.id, text, [lead])
    export_plan(sample_store, "2026-02", tmp_path / "k.xlsx")
    table = read_table(tmp_path / "k.xlsx")
    assert [r.content for r in table.rows] == texts and table.converted_cells == 0


def test_old_xls_with_merged_cells_and_a_legacy_font(tmp_path, seed_rows):
    import xlwt

    pairs = seed_pairs(seed_rows)[:6]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("KH")
    vni = xlwt.easyxf("font: name VNI-Times")
    sheet.write(0, 0, "TT"), sheet.write(0, 1, "Nội dung"), sheet.write(0, 2, "Cơ quan chủ trì thực hiện")
    sheet.write_merge(1, 3, 2, 2, to_legacy(pairs[0][1], "vni"), vni)
    sheet.write_merge(4, 6, 2, 2, to_legacy(pairs[3][1], "vni"), vni)
    for i, (content, _lead) in enumerate(pairs, 1):
        sheet.write(i, 0, i)
        sheet.write(i, 1, to_legacy(content, "vni"), vni)
    book.save(str(tmp_path / "cu.xls"))
    table = read_table(tmp_path / "cu.xls")
    assert [(r.content, "; ".join(r.leads)) for r in table.rows] == pairs
    assert table.converted_cells == 8


def test_formulas_give_their_cached_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    ws.append(["=ROW()-1", "Rà soát văn bản", "Sở Tư pháp"])
    wb.save(tmp_path / "f.xlsx")
    # give the formula the cached result Excel would have stored
    with zipfile.ZipFile(tmp_path / "f.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("<f>ROW()-1</f><v></v>", "<f>ROW()-1</f><v>1</v>").replace(
        "<f>ROW()-1</f><v/>", "<f>ROW()-1</f><v>1</v>")
    if "<v>1</v>" not in sheet:
        sheet = sheet.replace("<f>ROW()-1</f>", "<f>ROW()-1</f><v>1</v>")
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(tmp_path / "f.xlsx", "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    row = read_table(tmp_path / "f.xlsx").rows[0]
    assert row.tt == "1" and row.content == "Rà soát văn bản"


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 3_000_000)


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("TT;Nội dung", encoding="utf-8"), "không phải bảng tính Excel"),
    (lambda p: p.write_bytes(b""), "trống"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "không phải bảng tính Excel"),
    (lambda p: p.write_bytes(b"PK\x03\x04 broken"), "bị hỏng"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600),
     "mật khẩu"),
])
def test_bad_files_give_one_clear_message(tmp_path, make, message):
    path = tmp_path / "bad.xlsx"
    make(path)
    with pytest.raises(KhdeskError, match=message):
        read_table(path)


def test_a_zip_bomb_is_refused_before_inflating(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", 1_000_000)
    _zip_bomb(tmp_path / "bomb.xlsx")
    with pytest.raises(InvalidInput, match="giải nén lớn bất thường"):
        read_table(tmp_path / "bomb.xlsx")


def test_a_sheet_without_a_header_row(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Danh sách cán bộ"])
    wb.active.append(["Nguyễn Văn A", "Trưởng phòng"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InvalidInput, match="dòng tiêu đề"):
        read_table(tmp_path / "x.xlsx")


def test_too_many_rows_is_refused_and_nothing_is_written(tmp_path, monkeypatch, sample_store):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    for i in range(120):
        wb.active.append([i, f"Nhiệm vụ {i}", "Sở Y tế"])
    wb.save(tmp_path / "big.xlsx")
    with pytest.raises(InvalidInput, match="hơn 50 dòng"):
        read_table(tmp_path / "big.xlsx")


def test_all_rows_or_none(tmp_path, seed_rows, sample_store, monkeypatch):
    table = read_table(merged_column_workbook(tmp_path / "seed.xlsx", seed_pairs(seed_rows)))
    before = len(sample_store.agencies.all())
    calls = {"n": 0}
    original = sample_store.tasks.add

    def failing_add(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 30:
            raise OSError("ổ đĩa bị rút ra")
        return original(*args, **kwargs)

    monkeypatch.setattr(sample_store.tasks, "add", failing_add)
    table.rows[0].leads = ["Một cơ quan chưa có trong danh mục"]
    with pytest.raises(OSError):
        import_all(sample_store, table, month="2024-09")
    assert [s.plan.month for s in sample_store.plans.summaries()] == ["2024-05"]
    assert len(sample_store.agencies.all()) == before


def test_the_month_a_sheet_states_is_read():
    from khdesk.formats.tables import stated_month

    assert stated_month(["ỦY BAN NHÂN DÂN", "NHIỆM VỤ TRỌNG TÂM THÁNG 7/2024", "Tháng 7-2024"]) == "2024-07"
    assert stated_month(["Phụ lục", "tháng 12 năm 2025"]) == "2025-12"
    assert stated_month(["Tháng 13/2024", "Kèm theo Kế hoạch số 12/KH-UBND"]) is None
