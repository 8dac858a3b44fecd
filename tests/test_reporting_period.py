"""The month as the province counts it (issue 30): the reporting period by the rule (Khánh Hòa, QĐ 01/2023:
15th of the previous month to the 14th), working days with Vietnam's holidays and the office's edits, the
report's sending day, deadlines in working days, and «chưa có báo cáo» counted apart."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khdesk.domain.models import Task
from khdesk.domain.periods import HALF, MONTH, NINE, QUARTER, YEAR, ReportingRule, period_of
from khdesk.domain.progress import Counting, due_by, is_overdue, kinds, month_end, plan_figures, working_days_late
from khdesk.domain.working_days import OFF, WORK, Calendar

RULE = ReportingRule()              # Khánh Hòa's: cut-off on the 14th, sent within 2 working days


def test_the_periods_of_khanh_hoa_s_rule():
    may = period_of(RULE, MONTH, "2024-05")
    assert (may.start, may.end) == (date(2024, 4, 15), date(2024, 5, 14))
    assert may.words() == "Số liệu tính từ ngày 15/4/2024 đến ngày 14/5/2024" and may.name == "tháng 5/2024"
    january = period_of(RULE, MONTH, "2024-01")
    assert (january.start, january.end) == (date(2023, 12, 15), date(2024, 1, 14))     # across the year
    q2 = period_of(RULE, QUARTER, "2024-05")
    assert (q2.start, q2.end, q2.name, q2.months) == (date(2024, 3, 15), date(2024, 6, 14), "quý II/2024",
                                                       ["2024-04", "2024-05", "2024-06"])
    assert (period_of(RULE, HALF, "2024-02").start, period_of(RULE, HALF, "2024-02").end) == (
        date(2023, 12, 15), date(2024, 6, 14))
    assert period_of(RULE, NINE, "2024-09").end == date(2024, 9, 14)
    year = period_of(RULE, YEAR, "2024-05")
    assert (year.start, year.end, year.name) == (date(2023, 12, 15), date(2024, 12, 14), "năm 2024")
    calendar_month = period_of(ReportingRule(cutoff_day=0), MONTH, "2024-02")        # another province's rule
    assert (calendar_month.start, calendar_month.end) == (date(2024, 2, 1), date(2024, 2, 29))
    with pytest.raises(ValueError):
        ReportingRule(cutoff_day=31)


@settings(derandomize=True, max_examples=200)
@given(st.sampled_from([0, 1, 10, 14, 20, 28]), st.integers(2000, 2100), st.integers(1, 12))
@example(14, 2024, 1)
def test_consecutive_months_tile_the_year_without_gap_or_overlap(cutoff, year, month):
    rule = ReportingRule(cutoff_day=cutoff)
    this = period_of(rule, MONTH, f"{year}-{month:02d}")
    following = period_of(rule, MONTH, f"{year + month // 12}-{month % 12 + 1:02d}")
    assert this.start <= this.end and (following.start - this.end).days == 1
    quarter = period_of(rule, QUARTER, f"{year}-{month:02d}")
    assert quarter.start <= this.start and this.end <= quarter.end


def test_working_days_know_tet_gio_to_and_the_swapped_saturday():
    calendar = Calendar()
    assert not calendar.is_working_day(date(2024, 2, 12))            # Tết Giáp Thìn (lunar: computed)
    assert not calendar.is_working_day(date(2024, 4, 18))            # Giỗ Tổ Hùng Vương, 10/3 âm lịch 2024
    assert not calendar.is_working_day(date(2025, 4, 7))             # … 2025: another solar day
    assert not calendar.is_working_day(date(2024, 4, 29))            # swapped: Monday off …
    assert calendar.is_working_day(date(2024, 5, 4))                 # … Saturday 4/5/2024 worked instead
    assert not calendar.is_working_day(date(2024, 5, 5))             # a Sunday
    # the report of May 2024 (cut-off Tuesday 14/5) is sent by Thursday 16/5
    assert period_of(RULE, MONTH, "2024-05").send_by(RULE, calendar) == date(2024, 5, 16)
    # April's (cut-off Sunday 14/4) by Tuesday 16/4 — not on Giỗ Tổ; and across 30/4–1/5: 26/4 + 2 → 3/5
    assert period_of(RULE, MONTH, "2024-04").send_by(RULE, calendar) == date(2024, 4, 16)
    assert calendar.add_working_days(date(2024, 4, 26), 2) == date(2024, 5, 3)
    names = {d: note for d, kind, note in calendar.holidays(2024) if kind == OFF}
    assert names[date(2024, 2, 10)] == "Tết Nguyên Đán" and names[date(2024, 4, 18)] == "Ngày Giỗ Tổ Hùng Vương"


def test_the_office_s_edits_win_over_the_national_list():
    calendar = Calendar({date(2024, 5, 15): (OFF, "Nghỉ theo quyết định của UBND tỉnh"),
                         date(2024, 4, 29): (WORK, "")})
    assert not calendar.is_working_day(date(2024, 5, 15)) and calendar.is_working_day(date(2024, 4, 29))
    assert period_of(RULE, MONTH, "2024-05").send_by(RULE, calendar) == date(2024, 5, 17)
    listed = {d: (kind, note) for d, kind, note in calendar.holidays(2024)}
    assert listed[date(2024, 5, 15)] == (OFF, "Nghỉ theo quyết định của UBND tỉnh")


def task(status="todo", due=None, deadline="", followed=None, done_on=None):
    return Task(id=1, plan_id=1, position=1, content="x", lead_agency_ids=(1,), status=status, due_date=due,
                deadline_text=deadline, followed_up_on=followed, completed_on=done_on)


def test_a_deadline_in_working_days_counts_from_the_plan_s_issue():
    counting = Counting(date(2024, 5, 21), month_end("2024-05"), True, date(2024, 5, 13), Calendar())
    five = task(deadline="Trong 05 ngày làm việc", followed=date(2024, 5, 14))
    assert due_by(five, counting) == date(2024, 5, 20)                     # 14, 15, 16, 17, 20 May
    assert is_overdue(five, counting) and working_days_late(five, counting) == 1
    # not issued yet: no day to count from, no day assumed
    assert due_by(five, Counting(date(2024, 5, 21), month_end("2024-05"))) is None


def test_no_report_is_counted_apart_from_not_done_and_ends_with_any_follow_up():
    issued = Counting(date(2024, 5, 14), month_end("2024-05"), True, date(2024, 5, 13))
    tasks = [task(), task(followed=date(2024, 5, 14)), task("doing"), task("doing", followed=date(2024, 5, 14)),
             task("done", done_on=date(2024, 5, 10), followed=date(2024, 5, 10))]
    f = plan_figures(tasks, issued)
    assert (f.no_report, f.todo, f.doing, f.done) == (2, 1, 1, 1)
    assert f.total == f.done + f.doing + f.todo + f.no_report + f.dropped
    assert kinds(tasks[0], issued) == ["total", "no_report"]
    draft = Counting(date(2024, 5, 14), month_end("2024-05"))              # a draft is not reported on
    assert plan_figures(tasks, draft).no_report == 0


def test_figures_are_counted_to_the_cut_off():
    """A task done on 20/5 was being done on 14/5, the May period's cut-off."""
    at_cutoff = Counting(date(2024, 5, 14), month_end("2024-05"), True, date(2024, 5, 13))
    later = task("done", done_on=date(2024, 5, 20), followed=date(2024, 5, 20))
    assert kinds(later, at_cutoff) == ["total", "doing"]
    assert kinds(later, Counting(date(2024, 5, 31), month_end("2024-05"), True)) == ["total", "done_on_time", "done"]


def test_a_version_10_file_keeps_who_had_reported(tmp_path):
    """The upgrade gives a task that already had a follow-up the day it was reported or done (else its
    plan's last day); a task with none is «chưa có báo cáo»; the rule starts as Khánh Hòa's."""
    import sqlite3

    import sqlite_utils

    from khdesk.db import Store, schema

    path = tmp_path / "v10.db"
    conn = sqlite3.connect(path)
    conn.create_function("khdesk_fold", 1, lambda text: text, deterministic=True)
    schema.upgrade(sqlite_utils.Database(conn), 10)
    conn.execute("INSERT INTO plans (id, month, number, status) VALUES (1, '2024-05', '4969', 'issued')")
    rows = [(1, "todo", "", None, None), (2, "done", "", "2024-05-20", None), (3, "doing", "Đang làm", None, None),
            (4, "todo", "", None, "2024-05-09")]
    conn.executemany("INSERT INTO tasks (plan_id, position, content, status, result_note, completed_on, reported_on) "
                     "VALUES (1, ?, 'x', ?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert [t.followed_up_on for t in store.tasks.of_plan(1)] == [
            None, date(2024, 5, 20), date(2024, 5, 31), date(2024, 5, 9)]
        assert store.reporting.rule() == ReportingRule(14, 2)
        store.reporting.set_rule(ReportingRule(0, 3))
        store.reporting.set_day(date(2024, 5, 15), OFF, "  Nghỉ   bù  ")
    with Store.open(path) as store:
        assert store.reporting.rule() == ReportingRule(0, 3)
        assert store.reporting.calendar().edits == {date(2024, 5, 15): (OFF, "Nghỉ bù")}
        store.reporting.remove_day(date(2024, 5, 15))
        assert store.reporting.calendar().edits == {}


def test_recording_a_follow_up_records_its_day_and_a_carried_task_starts_without(sample_store):
    from seed_data import reopened

    from khdesk.usecases.new_month import create_month

    plan = sample_store.plans.by_month("2024-05")
    first, second = sample_store.tasks.of_plan(plan.id)[:2]
    assert first.followed_up_on is None                                 # the sample plan: nothing reported yet
    sample_store.tasks.update(first.id, result_note="Đang làm")
    assert sample_store.tasks.get(first.id).followed_up_on == date.today()
    sample_store.tasks.update(first.id, status="todo", followed_up_on=None)      # (what undo does)
    assert sample_store.tasks.get(first.id).followed_up_on is None
    reopened(sample_store)
    sample_store.tasks.update(second.id, due_date=date(2024, 5, 20))          # not a follow-up
    assert sample_store.tasks.get(second.id).followed_up_on is None
    sample_store.tasks.update(first.id, status="doing")
    june = create_month(sample_store, "2024-06", {}, [first.id])
    carried = sample_store.tasks.of_plan(june.id)[0]
    assert carried.status == "doing" and carried.followed_up_on is None      # June's agencies have said nothing yet


def test_the_rule_and_the_days_on_the_command_line(sample_store, capsys):
    from khdesk.cli import main

    db = str(sample_store.path)
    sample_store.close()
    assert main(["reporting", "--db", db, "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kỳ báo cáo: số liệu tính từ ngày 15 tháng trước đến ngày 14 tháng báo cáo; gửi báo cáo "
                          "trong 2 ngày làm việc")
    assert "   12/02/2024  Nghỉ      Mùng ba Tết Nguyên Đán" in out
    assert "   04/05/2024  Làm việc  Làm việc bù" in out
    assert main(["reporting", "--db", db, "--off", "15/05/2024", "--note", "Nghỉ & <bù>", "--year", "2024"]) == 0
    assert " * 15/05/2024  Nghỉ      Nghỉ & <bù>" in capsys.readouterr().out
    assert main(["reporting", "--db", db, "--cutoff-day", "29"]) == 1
    assert "Ngày chốt số liệu là 1–28" in capsys.readouterr().err
    assert main(["reporting", "--db", db, "--cutoff-day", "0", "--send-within", "3", "--reset", "15/05/2024",
                 "--year", "2024"]) == 0
    out = capsys.readouterr().out
    assert "số liệu theo tháng dương lịch" in out and "15/05/2024" not in out
