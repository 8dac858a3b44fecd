"""A new month from the previous plan: the month and the dates of the copied wording move on, by
rules the clerk sees; what cannot be decided is left as written and marked."""
from datetime import date

import pytest

from khdesk.domain.models import Plan, Task
from khdesk.domain.months import DOUBT, ROLLED, insert_position, moved_date, new_plan_header, roll_text


def changed(text, old="2024-05", new="2024-06"):
    new_text, marks = roll_text(text, old, new)
    for mark in marks:                                  # each mark covers exactly its words in the new text
        assert new_text[mark.start:mark.end] or mark.kind == DOUBT
    return new_text, [(m.kind, m.before, new_text[m.start:m.end]) for m in marks]


def test_the_sample_plans_grounds_subject_and_deadline_move_to_june(sample_store):
    may = sample_store.plans.by_month("2024-05")
    header, reviewed = new_plan_header(may, "2024-06")
    assert header["subject"].endswith("phát triển kinh tế - xã hội tháng 6 năm 2024")
    assert "phiên họp UBND tỉnh thường kỳ tháng 5 năm 2024" in header["grounds"]
    assert "nhiệm vụ trọng tâm phát triển kinh tế - xã hội tháng 6 năm 2024 như sau:" in header["grounds"]
    assert "tháng 4 năm 2024" not in header["grounds"]
    assert "trước ngày 30/6/2024 để theo dõi" in header["implementation"]
    # document dates in the grounds are not the plan's month: untouched
    assert "Quyết định số 3258/QĐ-UBND ngày 25/12/2023" in header["grounds"]
    assert header["report_deadline"] == date(2024, 6, 30)
    # a draft: no number, no issue date, its own appendix title, the reference line composed
    assert header["number"] == "" and header["issued_on"] is None and header["status"] == "draft"
    assert header["appendix_title"] == "NHIỆM VỤ TRỌNG TÂM THÁNG 6/2024" and header["appendix_reference"] == ""
    marks = {r.field: [(m.kind, m.before) for m in r.marks] for r in reviewed}
    assert marks["grounds"] == [(ROLLED, "tháng 4 năm 2024"), (ROLLED, "tháng 5 năm 2024")]
    assert marks["implementation"] == [(ROLLED, "31/5/2024")]


@pytest.mark.parametrize("text, old, new, expected", [
    ("trước ngày 31/5/2024", "2024-05", "2024-06", "trước ngày 30/6/2024"),         # last day stays last
    ("trước ngày 31/1/2024", "2024-01", "2024-02", "trước ngày 29/2/2024"),         # leap year
    ("trước ngày 31/1/2025", "2025-01", "2025-02", "trước ngày 28/2/2025"),
    ("trước ngày 29/2/2024", "2024-02", "2024-03", "trước ngày 31/3/2024"),         # 29/2 was the last day
    ("đến ngày 25/5/2024", "2024-05", "2024-06", "đến ngày 25/6/2024"),             # another day keeps its number
    ("trước ngày 30/1/2024", "2024-01", "2024-02", "trước ngày 29/2/2024"),         # … unless the month is shorter
    ("trước ngày 31 tháng 12 năm 2024", "2024-12", "2025-01", "trước ngày 31 tháng 01 năm 2025"),  # decree form
    ("tháng 12 năm 2024", "2024-12", "2025-01", "tháng 1 năm 2025"),
    ("thường kỳ tháng 11 năm 2024", "2024-12", "2025-01", "thường kỳ tháng 12 năm 2024"),
    ("nhiệm vụ tháng 5/2024", "2024-05", "2024-06", "nhiệm vụ tháng 6/2024"),
    ("trong tháng 5 này", "2024-05", "2024-06", "trong tháng 6 này"),
])
def test_month_rules(text, old, new, expected):
    assert changed(text, old, new)[0] == expected


def test_what_cannot_be_decided_is_kept_and_marked():
    text, marks = changed("Công văn số 12/UBND ngày 10/5/2024; Quyết định ngày 19/01/2024; tháng 12/2023; "
                          "ngày 31/4/2024")
    assert text == "Công văn số 12/UBND ngày 10/5/2024; Quyết định ngày 19/01/2024; tháng 12/2023; ngày 31/4/2024"
    assert marks == [(DOUBT, "10/5/2024", "10/5/2024"), (DOUBT, "tháng 12/2023", "tháng 12/2023"),
                     (DOUBT, "31/4/2024", "31/4/2024")]


def test_a_new_year_marks_the_old_year():
    text, marks = changed("dự toán ngân sách năm 2024; tháng 12 năm 2024", "2024-12", "2025-01")
    assert text == "dự toán ngân sách năm 2024; tháng 1 năm 2025"
    assert marks == [(DOUBT, "năm 2024", "năm 2024"), (ROLLED, "tháng 12 năm 2024", "tháng 1 năm 2025")]


def test_text_without_dates_comes_back_unchanged_with_every_character():
    text = 'Sở Y tế & "Bệnh viện" <tỉnh>\nthứ 2 dòng; 50 % kế hoạch'
    assert roll_text(text, "2024-05", "2024-06") == (text, ())


def test_report_deadline_moves_by_the_months_between():
    assert moved_date(date(2024, 5, 31), 1) == date(2024, 6, 30)
    assert moved_date(date(2024, 6, 5), 2) == date(2024, 8, 5)
    assert moved_date(date(2024, 12, 20), 1) == date(2025, 1, 20)


def test_the_first_plan_has_nothing_to_copy():
    header, reviewed = new_plan_header(None, "2025-03")
    assert reviewed == () and header["appendix_title"] == "NHIỆM VỤ TRỌNG TÂM THÁNG 3/2025"


def test_general_tasks_keep_their_items(sample_store):
    may = sample_store.plans.by_month("2024-05")
    header, _ = new_plan_header(may, "2024-06")
    assert len(header["general_tasks"]) == len(may.general_tasks)


def test_a_new_task_goes_after_its_agencys_last_task():
    rows = [Task(id=i, plan_id=1, position=i, content="x", lead_agency_ids=lead)
            for i, lead in enumerate([(7,), (7, 8), (9,), (8,)], start=1)]
    assert insert_position(rows, 7) == 3
    assert insert_position(rows, 8) == 5
    assert insert_position(rows, 42) == 5 and insert_position(rows, None) == 5 and insert_position([], 7) == 1


def test_the_month_of_a_whole_date_is_not_a_month_mention():
    from khdesk.document.plan_check import check_plan

    text = "Quyết định ngày 25 tháng 12 năm 2023; Công văn ngày 10 tháng 5 năm 2024"
    new_text, marks = roll_text(text, "2024-05", "2024-06")
    assert new_text == text and [m.before for m in marks] == ["ngày 10 tháng 5 năm 2024"]   # a document's date
    plan = Plan(id=1, month="2024-06", grounds=text, subject="tháng 6 năm 2024", symbol="KH-UBND")
    assert [f.line() for f in check_plan(plan, [], {})] == []


def test_last_months_words_in_a_tasks_wording():
    from khdesk.domain.months import last_months_words

    assert last_months_words("Hội nghị dự kiến vào tháng 5, tháng 6/2024 tại Nha Trang.", "2024-06") == ["tháng 5"]
    assert last_months_words("Từ ngày 16-17/5/2024; Kết luận ngày 20 tháng 5 năm 2024; báo cáo tháng 5/2024.",
                             "2024-06") == ["16-17/5/2024", "ngày 20 tháng 5 năm 2024", "tháng 5/2024"]
    # a document's own date, this month, another month, and the month of another year are not last month
    assert last_months_words("Nghị quyết số 12/NQ-CP ngày 30/5/2024; trước ngày 30/6/2024; tháng 4/2024; "
                             "tháng 5/2023.", "2024-06") == []
    assert last_months_words("họp ngày 15/12/2024", "2025-01") == ["15/12/2024"]           # across the year


def test_the_command_line_makes_the_new_month_as_the_window_does(sample_store, capsys):
    """Carrying over was the window's alone (``ui/commands.NewPlan``); now ``new_month.create_month`` is the
    one use-case both call, and ``khdesk new-month`` reaches it — on evidence (issue 30): what the agencies
    reported not done comes over; what nobody reported on is listed, and comes over only when chosen."""
    from khdesk.cli import main
    from khdesk.db import Store

    plan = sample_store.plans.by_month("2024-05")
    may = sample_store.tasks.of_plan(plan.id)
    sample_store.tasks.update(may[0].id, status="done")                 # done: stays in May
    for t in may[1:4]:
        sample_store.tasks.update(t.id, status="doing", result_note="Đang triển khai")
    sample_store.tasks.update(may[4].id, result_note="Chưa triển khai: chờ vốn")     # reported, not started
    sample_store.tasks.update(may[5].id, status="dropped", status_reason="Gộp vào nhiệm vụ 2")
    db = str(sample_store.path)
    sample_store.close()
    assert main(["new-month", "--db", db, "--plan", "2024-06", "--also", "1,10"]) == 1     # 1 is done: refused whole
    assert "nhiệm vụ 1 không ở danh sách «chưa có báo cáo»" in capsys.readouterr().err
    assert main(["new-month", "--db", db, "--plan", "2024-06", "--also", "12, 10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã lập bản nháp kế hoạch tháng 6/2024 từ kế hoạch tháng 5/2024: 6 nhiệm vụ chuyển sang "
                          "(4 đã báo cáo chưa xong hoặc đang thực hiện, 2 chưa có báo cáo được chọn).")
    assert "Chưa có báo cáo, chưa chuyển (39;" in out and "\n  7. [" in out and "\n  10. [" not in out
    assert "Xem lại Trích yếu: «tháng 5 năm 2024» → «tháng 6 năm 2024»" in out
    with Store.open(db) as store:
        june = store.plans.by_month("2024-06")
        tasks = store.tasks.of_plan(june.id)
        chosen = [may[i] for i in (1, 2, 3, 4, 9, 11)]
        assert june.status == "draft" and june.number == "" and june.subject.endswith("tháng 6 năm 2024")
        assert [t.carried_from_id for t in tasks] == [t.id for t in chosen]
        assert [(t.content, t.lead_agency_ids) for t in tasks] == [(t.content, t.lead_agency_ids) for t in chosen]
    assert main(["new-month", "--db", db, "--plan", "2024-06"]) == 1                 # a month has one plan
    assert "Đã có kế hoạch tháng 6/2024" in capsys.readouterr().err
    assert main(["new-month", "--db", db, "--plan", "2024-07", "--no-carry"]) == 0
    with Store.open(db) as store:
        assert store.tasks.count(store.plans.by_month("2024-07").id) == 0
    capsys.readouterr()
    assert main(["new-month", "--db", db, "--plan", "2024-09"]) == 0     # from July, a draft: nothing was reported
    assert "(0 chưa xong của kế hoạch chưa ban hành)" in capsys.readouterr().out
