"""A document's tasks added to a month's plan (``import-docx --into``): the real conclusion notice of
another province is refused until the clerk says so, then gives its 23 tasks with their leads and where
each was given; a notice of this province goes in at once; twice is warned about; an issued plan is not
touched; a notice is never made a plan of its own."""
import pytest
from docx import Document
from test_cli import assert_one_line_error, khdesk
from test_text_tasks import REAL

from khdesk.db import Store
from khdesk.errors import InvalidInput
from khdesk.formats.word.importing import read_word_plan

NOTICE = REAL / "tb-ket-luan-cchc-2026-01.docx"


def our_notice(path):
    """A conclusion notice of Khánh Hòa in the same shape (number and date filled in)."""
    doc = Document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "Số: 125/TB-UBND", "Khánh Hòa, ngày 20 tháng 6 năm 2024",
                 "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh tại phiên họp thường kỳ tháng 6/2024",
                 "II. NHIỆM VỤ THỜI GIAN TỚI", "1. Về du lịch",
                 "Giao Sở Du lịch chủ trì, phối hợp với UBND thành phố Nha Trang:",
                 "a) Xây dựng & triển khai Đề án «chợ đêm» <Nha Trang> trước ngày 31/7/2024.",
                 "b) Tổng kết mùa du lịch hè.",
                 "2. Đề nghị Công an tỉnh tăng cường bảo đảm an ninh trật tự tại các điểm du lịch.",
                 "Trân trọng thông báo đến các cơ quan, đơn vị biết, thực hiện./."):
        doc.add_paragraph(line)
    doc.save(path)
    return path


def names(store, ids):
    return [store.agencies.get(a).name for a in ids]


def test_the_real_notice_of_another_province_is_refused_then_added_with_where_each_task_was_given(tmp_path):
    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    refused = khdesk("import-docx", "--db", db, "--into", "2026-02", NOTICE)
    assert_one_line_error(refused, 1, "tỉnh Lâm Đồng", "--other-province")
    with Store.open(db) as store:
        assert store.plans.summaries() == []                              # nothing written
    done = khdesk("import-docx", "--db", db, "--into", "2026-02", "--other-province", NOTICE)
    assert done.returncode == 0, done.stderr
    assert "Đã thêm vào kế hoạch tháng 2026-02: 23 nhiệm vụ" in done.stdout
    with Store.open(db) as store:
        plan = store.plans.by_month("2026-02")
        tasks = store.tasks.of_plan(plan.id)
        assert plan.status == "draft" and len(tasks) == 23
        assert names(store, tasks[0].lead_agency_ids) == ["Sở Tư pháp"]
        assert tasks[0].given_in == "Thông báo số …/TB-UBND tháng 01/2026, mục II.1.a"
        assert tasks[0].content.startswith("Tổ chức rà soát toàn bộ hệ thống văn bản quy phạm pháp luật")
        assert names(store, tasks[17].lead_agency_ids) == ["Sở Nội vụ"]                 # II.7.a: «giao Sở Nội vụ»
        assert tasks[16].deadline_text == "hoàn thành trong tháng 02/2026"
        found = store.tasks.search("II.5.c")                                   # where it was given is searched
        assert [hit.task.id for hit in found] == [tasks[16].id]
    again = khdesk("import-docx", "--db", db, "--into", "2026-02", "--other-province", NOTICE)
    assert again.returncode == 0 and "23 mục đã có trong kế hoạch từ trước" in again.stderr
    check = khdesk("check", "--db", db, "--plan", "2026-02")
    assert "Nhiệm vụ 1, 24: cùng giao tại «Thông báo số …/TB-UBND tháng 01/2026, mục II.1.a»" in check.stdout


def test_a_notice_of_this_province_goes_in_at_once_text_kept_to_the_letter(tmp_path):
    db = tmp_path / "k.db"
    assert khdesk("init", db, "--sample").returncode == 0
    notice = our_notice(tmp_path / "tb-125.docx")
    issued = khdesk("import-docx", "--db", db, "--into", "2024-05", notice)
    assert_one_line_error(issued, 1, "đã ban hành", "--edit-issued")          # the issued plan is not touched
    done = khdesk("import-docx", "--db", db, "--into", "2024-06", notice)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        tasks = store.tasks.of_plan(store.plans.by_month("2024-06").id)
        assert [(t.content, names(store, t.lead_agency_ids), t.given_in) for t in tasks] == [
            ("Xây dựng & triển khai Đề án «chợ đêm» <Nha Trang> trước ngày 31/7/2024.", ["Sở Du lịch"],
             "Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.1.a"),
            ("Tổng kết mùa du lịch hè.", ["Sở Du lịch"], "Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.1.b"),
            ("Đề nghị Công an tỉnh tăng cường bảo đảm an ninh trật tự tại các điểm du lịch.", ["Công an tỉnh Khánh Hòa"],
             "Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.2")]
        assert names(store, tasks[0].coordinator_ids) == ["Ủy ban nhân dân thành phố Nha Trang"]
        assert tasks[0].deadline_text == "trước ngày 31/7/2024"


def test_a_notice_is_never_made_a_plan_of_its_own(tmp_path):
    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    result = khdesk("import-docx", "--db", db, "--plan", "2026-02", NOTICE)
    assert_one_line_error(result, 1, "(thông báo «Kết luận của đồng chí", "không có bảng nhiệm vụ", "23 nhiệm vụ",
                          "--into")
    without_month = khdesk("import-docx", "--db", db, NOTICE)          # what it is is said before any month
    assert_one_line_error(without_month, 1, "(thông báo «Kết luận", "--into")


def test_an_annual_plan_says_what_it_is_before_asking_a_month(tmp_path):
    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    result = khdesk("import-docx", "--db", db, REAL / "kh-cchc-2026.docx")
    assert_one_line_error(result, 1, "là kế hoạch năm 2026 «Cải cách hành chính nhà nước năm 2026", "52 nhiệm vụ",
                          "--plan", "--into")


def test_a_draft_date_keeps_its_month_and_year():
    document = read_word_plan(NOTICE, month_required=False)
    assert document.kind == "Thông báo" and document.issued_on is None and document.issued_month == (2026, 1)
    assert document.other_province() == "Lâm Đồng"


def test_where_a_task_was_given_goes_to_excel_and_comes_back(tmp_path):
    from khdesk.formats.excel.reading import read_table
    from khdesk.usecases.exporting import export_plan

    db = tmp_path / "k.db"
    assert khdesk("init", db).returncode == 0
    assert khdesk("import-docx", "--db", db, "--into", "2024-06", our_notice(tmp_path / "tb.docx")).returncode == 0
    with Store.open(db) as store:
        export_plan(store, "2024-06", tmp_path / "t6.xlsx")
        given = [t.given_in for t in store.tasks.of_plan(store.plans.by_month("2024-06").id)]
    table = read_table(tmp_path / "t6.xlsx")
    assert "given_in" in table.columns and [row.given_in for row in table.rows] == given
    assert given[2] == "Thông báo số 125/TB-UBND ngày 20/06/2024, mục II.2"


def test_a_folder_from_which_nothing_went_in_exits_non_zero(tmp_path):
    from khdesk.usecases.exporting import export_docx

    db = tmp_path / "k.db"
    assert khdesk("init", db, "--sample").returncode == 0
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    with Store.open(db) as store:
        export_docx(store, "2024-05", folder / "thang-5.docx", "all")
    result = khdesk("import-docx", "--db", db, folder)                   # May is there already
    assert result.returncode == 1 and "0 tệp đã nhập, 1 tháng đã có" in result.stdout


def test_replacing_a_plan_keeps_results_on_the_tasks_that_stay_and_refuses_to_lose_others(tmp_path):
    import dataclasses

    from khdesk.usecases.exporting import export_docx
    from khdesk.usecases.importing import apply_word_plan, match_agencies

    db = tmp_path / "k.db"
    assert khdesk("init", db, "--sample").returncode == 0
    with Store.open(db) as store:
        export_docx(store, "2024-05", tmp_path / "t5.docx", "all")
        tasks = store.tasks.of_plan(store.plans.by_month("2024-05").id)
        store.tasks.update(tasks[15].id, status="done", result_note="Đã trình UBND tỉnh")       # task 16
        store.tasks.update(tasks[46].id, status="doing", result_note="Đang làm")               # task 47
    plan = read_word_plan(tmp_path / "t5.docx")
    rows = plan.table.rows
    rows[15], rows[16] = rows[16], rows[15]                                   # 16 and 17 change places
    plan.table = dataclasses.replace(plan.table, rows=rows[:46])              # task 47 is gone
    with Store.open(db) as store:
        choices = {n: m.agency_id for n, m in match_agencies(store, plan.table).items()}
        with pytest.raises(InvalidInput, match="sẽ mất kết quả đã ghi của 1 nhiệm vụ .*số 47.*--drop-results"):
            apply_word_plan(store, plan, choices, replace=True)
        assert store.tasks.of_plan(store.plans.by_month("2024-05").id)[46].result_note == "Đang làm"   # untouched
        result = apply_word_plan(store, plan, choices, replace=True, drop_results=True)
        after = store.tasks.of_plan(store.plans.by_month("2024-05").id)
        assert result.kept_results == 1 and after[16].result_note == "Đã trình UBND tỉnh"      # it moved with its task
        assert after[16].content == tasks[15].content and after[15].result_note == ""


def test_two_files_of_one_month_in_a_folder_import_neither(tmp_path):
    from khdesk.usecases.exporting import export_docx

    db = tmp_path / "k.db"
    assert khdesk("init", db, "--sample").returncode == 0
    folder = tmp_path / "hai"
    folder.mkdir()
    with Store.open(db) as store:
        for name in ("a.docx", "b.docx"):
            export_docx(store, "2024-05", folder / name, "all")
    target = tmp_path / "moi.db"
    assert khdesk("init", target).returncode == 0
    result = khdesk("import-docx", "--db", target, folder)
    assert result.returncode == 1 and result.stdout.count("đều là kế hoạch tháng 5/2024") == 2
    with Store.open(target) as store:
        assert store.plans.summaries() == []
