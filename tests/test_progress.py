"""Overdue and the month's figures: one rule for the panel, the report and the command line."""
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from khdesk.domain.models import Task
from khdesk.domain.progress import (
    Counting,
    agency_figures,
    done_late,
    due_by,
    is_overdue,
    month_end,
    percent,
    plan_figures,
)

MAY = month_end("2024-05")            # the plan's month: May 2024
AT_MAY = Counting(date(2030, 1, 1), MAY)    # counted long after: every completion day is in the past


def task(i=1, status="todo", due=None, done_on=None, leads=(1,), deadline=""):
    return Task(id=i, plan_id=1, position=i, content="x", lead_agency_ids=leads, status=status, due_date=due,
                completed_on=done_on, deadline_text=deadline)


def test_the_last_day_of_a_month():
    assert [month_end(m) for m in ("2024-05", "2024-02", "2023-02", "2024-12")] == [
        date(2024, 5, 31), date(2024, 2, 29), date(2023, 2, 28), date(2024, 12, 31)]


def test_a_task_without_a_due_date_is_due_at_the_end_of_its_plans_month():
    """The May 2024 report as of 04/12/2026 said «đã quá hạn mà chưa hoàn thành: 0» with 47 tasks not
    done, and a task finished on 04/12/2026 counted as done on time: the plan is for May."""
    assert due_by(task(), AT_MAY) == date(2024, 5, 31)
    assert due_by(task(due=date(2024, 6, 15)), AT_MAY) == date(2024, 6, 15)       # its own date wins
    assert due_by(task(deadline="Thường xuyên"), AT_MAY) is None                   # its words: no day assumed
    assert is_overdue(task(), Counting(date(2026, 12, 4), MAY)) and not is_overdue(task(), Counting(date(2024, 5, 31), MAY))
    assert done_late(task(status="done", done_on=date(2026, 12, 4)), AT_MAY)
    assert not done_late(task(status="done", done_on=date(2024, 5, 20)), AT_MAY)
    assert not is_overdue(task(deadline="Quý III/2024"), Counting(date(2026, 12, 4), MAY))


def test_overdue_starts_the_day_after_the_due_date_and_across_a_month_boundary():
    t = task(due=date(2024, 5, 31))
    assert not is_overdue(t, Counting(date(2024, 5, 31), MAY))               # the due day itself: still on time
    assert is_overdue(t, Counting(date(2024, 6, 1), MAY))                    # the next day, in the next month
    assert is_overdue(task(status="doing", due=date(2024, 12, 31)), Counting(date(2025, 1, 1), MAY))
    assert not is_overdue(task(status="done", due=date(2024, 5, 1)), Counting(date(2024, 6, 1), MAY))
    assert not is_overdue(task(status="dropped", due=date(2024, 5, 1)), Counting(date(2024, 6, 1), MAY))
    assert not is_overdue(task(deadline="Thường xuyên"), Counting(date(2030, 1, 1), MAY))


def test_done_on_time_or_late():
    assert not done_late(task(status="done", due=date(2024, 5, 31), done_on=date(2024, 5, 31)), AT_MAY)
    assert done_late(task(status="done", due=date(2024, 5, 31), done_on=date(2024, 6, 1)), AT_MAY)
    assert not done_late(task(status="done", due=date(2024, 5, 31)), AT_MAY)     # day unknown: no evidence
    assert not done_late(task(status="done", done_on=date(2024, 6, 1), deadline="Thường xuyên"), AT_MAY)  # no day


def test_plan_and_agency_figures():
    today = date(2024, 6, 1)
    tasks = [task(1, "done", date(2024, 5, 31), date(2024, 5, 30), (1,)),
             task(2, "done", date(2024, 5, 31), date(2024, 6, 1), (1, 2)),
             task(3, "doing", date(2024, 5, 31), leads=(2,)),
             task(4, "todo", leads=(2,), deadline="Quý III/2024"),
             task(5, "dropped", leads=()),
             task(6, "todo", date(2024, 6, 1), leads=(3,))]
    f = plan_figures(tasks, Counting(today, MAY))
    assert f.as_row() == (6, 1, 1, 1, 2, 0, 1, 1) and f.done == 2
    assert f.task_ids["overdue"] == [3] and f.task_ids["done_late"] == [2]
    rows = agency_figures(tasks, Counting(today, MAY), order=[3, 2, 1])
    assert [(a, fig.as_row()) for a, fig in rows] == [
        (3, (1, 0, 0, 0, 1, 0, 0, 0)), (2, (3, 0, 1, 1, 1, 0, 0, 1)), (1, (2, 1, 1, 0, 0, 0, 0, 0)),
        (None, (1, 0, 0, 0, 0, 0, 1, 0))]


statuses = st.sampled_from(["todo", "doing", "done", "dropped"])
days = st.dates(date(2024, 1, 1), date(2025, 12, 31))


@given(st.lists(st.tuples(statuses, st.none() | days, st.none() | days, st.sampled_from(["", "Quý III"])),
                max_size=40), days)
def test_the_columns_add_up(rows, today):
    tasks = [task(i, s, due, done, deadline=words) for i, (s, due, done, words) in enumerate(rows, start=1)]
    f = plan_figures(tasks, Counting(today, MAY))
    assert f.total == len(tasks) == f.done_on_time + f.done_late + f.doing + f.todo + f.no_report + f.dropped
    assert f.overdue == sum(is_overdue(t, Counting(today, MAY)) for t in tasks) <= f.doing + f.todo + f.no_report


def test_percent_as_vietnamese_writes_it():
    assert percent(5, 6) == "83,3 %" and percent(1, 2) == "50 %" and percent(0, 0) == "0 %"
