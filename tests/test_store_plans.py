from datetime import date

import pytest

from khdesk.errors import InvalidInput, NotFound, Refused


def test_create_read_update(store):
    p = store.plans.create("2024-05", number="4969", issued_on=date(2024, 5, 13), subject="Triển khai",
                           general_tasks=["Một.", "Hai.\nĐoạn thứ hai."], recipients=["Như trên;", "Lưu: VT."])
    got = store.plans.by_month("2024-05")
    assert got.id == p.id and got.number_symbol == "4969/KH-UBND" and got.issued_on == date(2024, 5, 13)
    assert got.general_tasks == ("Một.", "Hai.\nĐoạn thứ hai.") and got.recipients == ("Như trên;", "Lưu: VT.")
    assert got.status == "draft" and got.year == 2024 and got.month_number == 5
    store.plans.update(p.id, status="issued", signer_name="Nguyễn Văn A", report_deadline="2024-05-31")
    got = store.plans.get(p.id)
    assert (got.status, got.signer_name, got.report_deadline) == ("issued", "Nguyễn Văn A", date(2024, 5, 31))


def test_a_draft_without_number(store):
    assert store.plans.create("2025-01").number_symbol == "/KH-UBND"


def test_one_plan_per_month(store):
    store.plans.create("2024-05")
    with pytest.raises(Refused, match="5/2024"):
        store.plans.create("2024-05")


@pytest.mark.parametrize("month", ["2024-13", "2024-00", "2024-5", "24-05", "05/2024", "", "2024-05-01"])
def test_wrong_months_are_refused(store, month):
    with pytest.raises(InvalidInput, match="Tháng không hợp lệ"):
        store.plans.create(month)
    assert store.plans.summaries() == []


def test_unknown_month(store):
    with pytest.raises(NotFound, match="6/2024"):
        store.plans.by_month("2024-06")


def test_summaries_count_tasks_in_month_order(store):
    june = store.plans.create("2024-06")
    may = store.plans.create("2024-05")
    for _ in range(3):
        store.tasks.add(may.id, "x")
    assert [(s.plan.month, s.task_count) for s in store.plans.summaries()] == [("2024-05", 3), ("2024-06", 0)]
    assert june.id != may.id


def test_delete_plan_removes_its_tasks_and_unlinks_carried_ones(store):
    may = store.plans.create("2024-05")
    june = store.plans.create("2024-06")
    old = store.tasks.add(may.id, "chưa xong")
    carried = store.tasks.add(june.id, "chưa xong", carried_from_id=old.id)
    store.plans.delete(may.id)
    assert store.db.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", [may.id]).fetchone()[0] == 0
    kept = store.tasks.get(carried.id)
    assert kept.content == "chưa xong" and kept.carried_from_id is None


def test_report_via_must_be_an_agency(store):
    p = store.plans.create("2024-05")
    with pytest.raises(NotFound):
        store.plans.update(p.id, report_via_agency_id=4242, subject="không lưu")
    assert store.plans.get(p.id).subject == ""


def test_restore_a_deleted_plan_with_its_id_and_tasks(store):
    p = store.plans.create("2024-05", number="4969", general_tasks=["Một"], issued_on=date(2024, 5, 13))
    tasks = [store.tasks.add(p.id, text) for text in ("a", "b")]
    store.plans.delete(p.id)
    back = store.plans.restore(p)
    for task in tasks:
        store.tasks.restore(task)
    assert back == p
    assert [t.content for t in store.tasks.of_plan(p.id)] == ["a", "b"]
    with pytest.raises(Refused):
        store.plans.restore(p)


def test_one_number_form_on_screen_on_the_command_line_and_in_print(store, capsys):
    """«5/KH-UBND» in the status bar and `plans`, «05/KH-UBND» in print: now «05/KH-UBND» everywhere."""
    from khdesk.cli import main
    from khdesk.document.wording import number_symbol

    plan = store.plans.create("2025-01", number="5")
    assert plan.number_symbol == number_symbol(plan) == "05/KH-UBND"
    assert store.plans.create("2025-02", number="4969").number_symbol == "4969/KH-UBND"
    db = str(store.path)
    store.close()
    assert main(["plans", "--db", db]) == 0
    assert "2025-01  05/KH-UBND" in capsys.readouterr().out
