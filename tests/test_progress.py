"""Overdue and the month's figures: one rule for the panel, the report and the command line."""
from datetime import date

from hypothesis import given, strategies as st

from khdesk.models import Task
from khdesk.progress import agency_figures, done_late, is_overdue, percent, plan_figures


def task(i=1, status="todo", due=None, done_on=None, leads=(1,)):
    return Task(id=i, plan_id=1, position=i, content="x", lead_agency_ids=leads, status=status, due_date=due,
                completed_on=done_on)


def test_overdue_starts_the_day_after_the_due_date_and_across_a_month_boundary():
    t = task(due=date(2024, 5, 31))
    assert not is_overdue(t, date(2024, 5, 31))                    # the due day itself: still on time
    assert is_overdue(t, date(2024, 6, 1))                         # the next day, in the next month
    assert is_overdue(task(status="doing", due=date(2024, 12, 31)), date(2025, 1, 1))
    assert not is_overdue(task(status="done", due=date(2024, 5, 1)), date(2024, 6, 1))
    assert not is_overdue(task(status="dropped", due=date(2024, 5, 1)), date(2024, 6, 1))
    assert not is_overdue(task(due=None), date(2030, 1, 1))


def test_done_on_time_or_late():
    assert not done_late(task(status="done", due=date(2024, 5, 31), done_on=date(2024, 5, 31)))
    assert done_late(task(status="done", due=date(2024, 5, 31), done_on=date(2024, 6, 1)))
    assert not done_late(task(status="done", due=date(2024, 5, 31)))          # day unknown: no evidence
    assert not done_late(task(status="done", done_on=date(2024, 6, 1)))       # no due date


def test_plan_and_agency_figures():
    today = date(2024, 6, 1)
    tasks = [task(1, "done", date(2024, 5, 31), date(2024, 5, 30), (1,)),
             task(2, "done", date(2024, 5, 31), date(2024, 6, 1), (1, 2)),
             task(3, "doing", date(2024, 5, 31), leads=(2,)),
             task(4, "todo", leads=(2,)),
             task(5, "dropped", leads=()),
             task(6, "todo", date(2024, 6, 1), leads=(3,))]
    f = plan_figures(tasks, today)
    assert f.as_row() == (6, 1, 1, 1, 2, 1, 1) and f.done == 2
    assert f.task_ids["overdue"] == [3] and f.task_ids["done_late"] == [2]
    rows = agency_figures(tasks, today, order=[3, 2, 1])
    assert [(a, fig.as_row()) for a, fig in rows] == [
        (3, (1, 0, 0, 0, 1, 0, 0)), (2, (3, 0, 1, 1, 1, 0, 1)), (1, (2, 1, 1, 0, 0, 0, 0)),
        (None, (1, 0, 0, 0, 0, 1, 0))]


statuses = st.sampled_from(["todo", "doing", "done", "dropped"])
days = st.dates(date(2024, 1, 1), date(2025, 12, 31))


@given(st.lists(st.tuples(statuses, st.none() | days, st.none() | days), max_size=40), days)
def test_the_columns_add_up(rows, today):
    tasks = [task(i, s, due, done) for i, (s, due, done) in enumerate(rows, start=1)]
    f = plan_figures(tasks, today)
    assert f.total == len(tasks) == f.done_on_time + f.done_late + f.doing + f.todo + f.dropped
    assert f.overdue == sum(is_overdue(t, today) for t in tasks) <= f.doing + f.todo


def test_percent_as_vietnamese_writes_it():
    assert percent(5, 6) == "83,3 %" and percent(1, 2) == "50 %" and percent(0, 0) == "0 %"
