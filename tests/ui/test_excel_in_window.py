"""Import and export through the window: preview, re-pointing an agency, one undo step."""
from excel_fixtures import merged_column_workbook, sample_rows, section_workbook
from seed_data import expected_leads

from khdesk.ui import import_dialog


def test_import_preview_then_import_into_a_new_month_and_undo(window, tmp_path, seed_rows, monkeypatch):
    leads = expected_leads(seed_rows)
    pairs = [(seed_rows[n][0], leads[n]) for n in range(1, 48)]
    pairs[0] = (pairs[0][0], "Sở Kế hoạhc và Đầu tư tỉnh")          # close spelling
    pairs[46] = (pairs[46][0], "Phòng Không Rõ")                  # no such agency
    path = merged_column_workbook(tmp_path / "in.xlsx", pairs)
    store = window.session.store
    seen = {}

    def review(dialog):
        seen["how"] = {name: dialog.agencies.item(r, 1).text() for r, name in enumerate(dialog.pickers)}
        seen["rows"] = dialog.rows.rowCount()
        dialog.month_box.setCurrentIndex(dialog.month_box.findData("new"))
        dialog.new_month.setValue(7)
        dialog.new_year.setValue(2024)
        dialog.pickers["Phòng Không Rõ"].set_agency_id(store.agencies.find("Sở Nội vụ").id)   # re-pointed
        return True

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.import_excel(str(path))
    assert seen["rows"] == 47
    assert seen["how"]["Sở Kế hoạhc và Đầu tư tỉnh"] == "gần đúng" and seen["how"]["Phòng Không Rõ"] == "mới"
    july = store.plans.by_month("2024-07")
    tasks = store.tasks.of_plan(july.id)
    assert len(tasks) == 47 and window.plan_id == july.id and window.proxy.rowCount() == 47
    assert store.agencies.get(tasks[0].lead_agency_ids[0]).name == "Sở Kế hoạch và Đầu tư"
    assert store.agencies.get(tasks[46].lead_agency_ids[0]).name == "Sở Nội vụ"
    assert "Nhập 47 nhiệm vụ" in window.undo_action.text()
    window.undo_action.trigger()
    assert [s.plan.month for s in store.plans.summaries()] == ["2024-05"]
    window.redo_action.trigger()
    assert [t.id for t in store.tasks.of_plan(july.id)] == [t.id for t in tasks]


def test_import_appends_and_creates_unknown_agencies_under_unsorted(window, tmp_path, monkeypatch):
    rows = sample_rows("03")
    path = section_workbook(tmp_path / "s.xlsx", rows)
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda dialog: True)
    store = window.session.store
    before = len(store.agencies.all())
    window.import_excel(str(path))
    tasks = store.tasks.of_plan(window.plan_id)
    assert len(tasks) == 47 + len(rows) and tasks[47].content == rows[0]["noi_dung"]
    created = len(store.agencies.all()) - before
    assert created > 0
    window.undo_action.trigger()
    assert len(store.agencies.all()) == before and len(store.tasks.of_plan(window.plan_id)) == 47


def test_a_bad_file_is_a_message(window, tmp_path, monkeypatch):
    from khdesk.ui import import_export_area

    messages = []
    monkeypatch.setattr(import_export_area, "show_error", lambda parent, message, *a: messages.append(message))
    bad = tmp_path / "x.xlsx"
    bad.write_text("không phải excel", encoding="utf-8")
    assert window.import_excel(str(bad)) is None
    assert "không phải bảng tính Excel" in messages[0]


def test_export_from_the_window(window, tmp_path):
    import openpyxl

    out = tmp_path / "ra.xlsx"
    window.export_excel(str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024" and ws.max_row == 52


def test_export_word_from_the_window(window, tmp_path):
    import docx

    window.export_word(str(tmp_path / "kh.docx"))
    document = docx.Document(tmp_path / "kh.docx")
    assert document.tables[2].cell(47, 1).text.startswith("Quyết liệt đẩy nhanh giải ngân")


def test_the_preview_shows_guesses_as_guesses_and_leaves_ambiguous_names_to_the_clerk(window, tmp_path, monkeypatch):
    import openpyxl

    store = window.session.store
    store.agencies.add("Sở Văn hóa và Thể thao", kind="department", aliases=["Sở VH&TT"])
    store.agencies.update(store.agencies.find("Sở Du lịch").id, aliases=["Sở VH&TT"])
    wb = openpyxl.Workbook()
    wb.active.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    for i, lead in enumerate(["Bộ Tư pháp", "Sở Tài chíhn", "Sở VH&TT"], 1):
        wb.active.append([i, f"Nhiệm vụ {i}", lead])
    wb.save(tmp_path / "in.xlsx")
    seen = {}

    def review(dialog):
        for r, name in enumerate(dialog.pickers):
            picker = dialog.pickers[name]
            seen[name] = (dialog.agencies.item(r, 1).text(), dialog.agencies.item(r, 1).background().color().name(),
                          picker.current_agency_id(), picker.lineEdit().placeholderText())
        return False                                                  # Hủy: nothing written

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.import_excel(str(tmp_path / "in.xlsx"))
    white = seen["Bộ Tư pháp"][1]
    assert seen["Bộ Tư pháp"][0] == "mới" and seen["Bộ Tư pháp"][2] is None
    assert seen["Sở Tài chíhn"][:1] == ("gần đúng",) and seen["Sở Tài chíhn"][1] != white
    assert store.agencies.get(seen["Sở Tài chíhn"][2]).name == "Sở Tài chính"
    how, colour, chosen, placeholder = seen["Sở VH&TT"]
    assert how == "chưa rõ" and colour != white and chosen is None
    assert "Sở Văn hóa và Thể thao" in placeholder and "Sở Du lịch" in placeholder
    assert [s.plan.month for s in store.plans.summaries()] == ["2024-05"]
    assert len(store.tasks.of_plan(window.plan_id)) == 47


def test_the_sheets_own_month_is_chosen_and_an_issued_plan_is_not_offered(issued_window, tmp_path, monkeypatch):
    """The import ignored «NHIỆM VỤ TRỌNG TÂM THÁNG 7/2024» above the table and offered the issued
    May plan as where to add the tasks."""
    from khdesk.usecases.exporting import export_plan

    window = issued_window
    store = window.session.store
    june = store.plans.create("2024-06", symbol="KH-UBND", appendix_title="NHIỆM VỤ TRỌNG TÂM THÁNG 7/2024")
    for task in store.tasks.of_plan(store.plans.by_month("2024-05").id)[:3]:
        store.tasks.add(june.id, task.content, task.lead_agency_ids)
    export_plan(store, "2024-06", tmp_path / "thang-7.xlsx")              # its title says July
    seen = {}

    def review(dialog):
        box = dialog.month_box
        seen["chosen"] = (box.currentData(), dialog.new_month.value(), dialog.new_year.value())
        seen["may"] = (box.itemText(box.findData("2024-05")), box.model().item(box.findData("2024-05")).isEnabled())
        return False

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.select_plan(store.plans.by_month("2024-05").id)                 # the window shows issued May
    window.import_excel(str(tmp_path / "thang-7.xlsx"))
    assert seen["chosen"] == ("new", 7, 2024)
    assert seen["may"] == ("Kế hoạch tháng 5/2024 (đã ban hành — không thêm vào được)", False)


def test_a_new_month_for_an_import_is_the_one_after_the_last_plan(window, tmp_path, monkeypatch):
    """«Kế hoạch tháng mới…» offered today's month (12/2026) beside plans of 2024."""
    path = merged_column_workbook(tmp_path / "in.xlsx", [("Một nhiệm vụ", "Sở Y tế")])
    seen = {}

    def review(dialog):
        dialog.month_box.setCurrentIndex(dialog.month_box.findData("new"))
        seen["new"] = (dialog.new_month.value(), dialog.new_year.value())
        return False

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.import_excel(str(path))
    assert seen["new"] == (6, 2024)
