import re
import unicodedata
from datetime import date

import pytest

from khdesk.errors import InvalidInput, NotFound


@pytest.fixture
def plan(store):
    g = store.agencies.add("Sở, ban, ngành", kind="group")
    store.agencies.add("Sở Y tế", kind="department", parent_id=g.id)
    store.agencies.add("Sở Tư pháp", kind="department", parent_id=g.id)
    return store.plans.create("2024-05")


def agency(store, name):
    return store.agencies.find(name).id


def contents(store, plan):
    return [t.content for t in store.tasks.of_plan(plan.id)]


def test_add_appends_in_print_order(store, plan):
    for text in ("một", "hai", "ba"):
        store.tasks.add(plan.id, text, [agency(store, "Sở Y tế")])
    tasks = store.tasks.of_plan(plan.id)
    assert [(t.position, t.content) for t in tasks] == [(1, "một"), (2, "hai"), (3, "ba")]


def test_add_at_a_position_shifts_the_rest(store, plan):
    for text in ("một", "hai", "ba"):
        store.tasks.add(plan.id, text)
    store.tasks.add(plan.id, "chen", position=2)
    assert contents(store, plan) == ["một", "chen", "hai", "ba"]
    assert [t.position for t in store.tasks.of_plan(plan.id)] == [1, 2, 3, 4]


def test_all_fields_round_trip(store, plan):
    y, tp = agency(store, "Sở Y tế"), agency(store, "Sở Tư pháp")
    t = store.tasks.add(plan.id, "Kiểm tra", [y], coordinator_ids=[tp, y], deadline_text="Trong tháng 8/2025",
                        due_date=date(2025, 8, 31), status="doing", result_note="Đã làm 50%")
    got = store.tasks.get(t.id)
    assert got.lead_agency_ids[0] == y and got.coordinator_ids == (tp, y)
    assert got.deadline_text == "Trong tháng 8/2025" and got.due_date == date(2025, 8, 31)
    assert got.status == "doing" and got.result_note == "Đã làm 50%"
    later = store.plans.create("2024-06")
    carried = store.tasks.add(later.id, got.content, [y], carried_from_id=got.id)
    assert store.tasks.get(carried.id).carried_from_id == got.id


def test_update_fields(store, plan):
    t = store.tasks.add(plan.id, "cũ", [agency(store, "Sở Y tế")])
    store.tasks.update(t.id, content="mới", lead_agency_ids=(agency(store, "Sở Tư pháp"),), status="done",
                       due_date="2024-05-31", coordinator_ids=[agency(store, "Sở Y tế")])
    got = store.tasks.get(t.id)
    assert (got.content, got.lead_agency_ids[0], got.status, got.due_date, got.coordinator_ids) == (
        "mới", agency(store, "Sở Tư pháp"), "done", date(2024, 5, 31), (agency(store, "Sở Y tế"),))
    store.tasks.update(t.id, due_date=None, coordinator_ids=[])
    assert store.tasks.get(t.id).due_date is None and store.tasks.get(t.id).coordinator_ids == ()


@pytest.mark.parametrize("text", [
    "Sở KH&CN; A & B < C > D",
    'Trích "ngoặc kép" và \'đơn\' <b>không in đậm</b> &amp; không phải thực thể',
    "Dòng 1\nDòng 2\nDòng 3\n\n\tthụt lề  ",
    "",
    "x" * 32_766 + "ễ",                       # as long as one Excel cell holds
    "“ngoặc kép cong” – gạch ngang — dấu ba chấm … ₫ € №",
])
def test_text_comes_back_exactly(store, plan, text):
    t = store.tasks.add(plan.id, text)
    assert store.tasks.get(t.id).content == text


def test_a_text_longer_than_a_cell_is_refused_whole_with_its_length(store, plan):
    """(a 59 KB Word file once made a task of 3,060,186 characters, and printing never finished)"""
    from khdesk.errors import InvalidInput

    with pytest.raises(InvalidInput, match="Nội dung dài 50.001 ký tự, quá 32.767 ký tự"):
        store.tasks.add(plan.id, "x" * 50_001)
    t = store.tasks.add(plan.id, "ngắn")
    with pytest.raises(InvalidInput, match="Kết quả dài 40.000 ký tự"):
        store.tasks.update(t.id, result_note="k" * 40_000)
    assert store.tasks.get(t.id).result_note == "" and store.tasks.count(plan.id) == 1
    with pytest.raises(InvalidInput, match="Tên cơ quan dài 301 ký tự, quá 300"):
        store.agencies.add("S" * 301, kind="department")


def test_a_plan_holds_at_most_five_thousand_tasks(store, plan, monkeypatch):
    from khdesk.db import tasks as tasks_module
    from khdesk.errors import InvalidInput

    monkeypatch.setattr(tasks_module, "TASKS_PER_PLAN", 3)        # (the limit itself: 5,000)
    for n in range(3):
        store.tasks.add(plan.id, f"việc {n}")
    with pytest.raises(InvalidInput, match="giới hạn của một kế hoạch là 3"):
        store.tasks.add(plan.id, "việc thừa")


def test_windows_line_breaks_are_stored_as_line_breaks(store, plan):
    t = store.tasks.add(plan.id, "Dòng 1\r\nDòng 2\rDòng 3")
    assert store.tasks.get(t.id).content == "Dòng 1\nDòng 2\nDòng 3"


@pytest.mark.parametrize("text, shown", [("ký tự \x00 rỗng", "U+0000"), ("chuông \x07", "U+0007"),
                                         ("biểu tượng 😀", "U+1F600"), ("chữ Hán 中", "U+4E2D")])
def test_characters_that_cannot_be_printed_are_refused_when_typed(store, plan, text, shown):
    with pytest.raises(InvalidInput, match=re.escape(shown)):
        store.tasks.add(plan.id, text)
    assert store.tasks.of_plan(plan.id) == []


def test_decomposed_text_is_stored_nfc(store, plan):
    nfd = unicodedata.normalize("NFD", "Tiếp tục triển khai nhiệm vụ của Ủy ban")
    t = store.tasks.add(plan.id, nfd, deadline_text=unicodedata.normalize("NFD", "Quý II/2023"))
    got = store.tasks.get(t.id)
    assert got.content == "Tiếp tục triển khai nhiệm vụ của Ủy ban" and got.deadline_text == "Quý II/2023"
    store.tasks.update(t.id, result_note=unicodedata.normalize("NFD", "Đã hoàn thành"))
    assert store.tasks.get(t.id).result_note == "Đã hoàn thành"
    raw = store.db.execute("SELECT content FROM tasks WHERE id = ?", [t.id]).fetchone()[0]
    assert unicodedata.is_normalized("NFC", raw)


def test_move_up_and_down(store, plan):
    ids = [store.tasks.add(plan.id, c).id for c in "abcde"]
    store.tasks.move(ids[4], 2)
    assert contents(store, plan) == list("aebcd")
    store.tasks.move(ids[0], 5)
    assert contents(store, plan) == list("ebcda")
    store.tasks.move(ids[2], 99)     # past the end: last
    assert contents(store, plan) == list("ebdac")
    assert [t.position for t in store.tasks.of_plan(plan.id)] == [1, 2, 3, 4, 5]


def test_reorder_the_whole_plan(store, plan):
    ids = [store.tasks.add(plan.id, c).id for c in "abc"]
    store.tasks.reorder(plan.id, [ids[2], ids[0], ids[1]])
    assert contents(store, plan) == list("cab")
    with pytest.raises(InvalidInput):
        store.tasks.reorder(plan.id, [ids[0], ids[1]])
    assert contents(store, plan) == list("cab")


def test_delete_closes_the_gap(store, plan):
    ids = [store.tasks.add(plan.id, c).id for c in "abcd"]
    deleted = store.tasks.delete(ids[1])
    assert deleted.content == "b"
    assert [(t.position, t.content) for t in store.tasks.of_plan(plan.id)] == [(1, "a"), (2, "c"), (3, "d")]
    with pytest.raises(NotFound):
        store.tasks.get(ids[1])


def test_bad_values_are_refused_and_nothing_is_written(store, plan):
    store.tasks.add(plan.id, "a")
    with pytest.raises(InvalidInput):
        store.tasks.add(plan.id, "b", status="finished")
    with pytest.raises(NotFound):
        store.tasks.add(plan.id, "c", lead_agency_ids=[9999])
    with pytest.raises(NotFound):
        store.tasks.add(plan.id, "d", coordinator_ids=[agency(store, "Sở Y tế"), 9999], position=1)
    with pytest.raises(InvalidInput):
        store.tasks.add(plan.id, "e", due_date="31/5/2024")
    with pytest.raises(NotFound):
        store.tasks.add(9999, "f")
    assert [(t.position, t.content) for t in store.tasks.of_plan(plan.id)] == [(1, "a")]
    assert store.db.execute("SELECT count(*) FROM task_coordinators").fetchone()[0] == 0


def test_a_failed_transaction_writes_nothing(store, plan):
    store.tasks.add(plan.id, "giữ lại")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.tasks.add(plan.id, "một")
            store.tasks.add(plan.id, "hai", position=1)
            store.plans.update(plan.id, subject="đổi")
            raise RuntimeError("mất điện giữa chừng")
    assert contents(store, plan) == ["giữ lại"]
    assert store.plans.get(plan.id).subject == ""


def test_a_failed_update_leaves_the_task_as_it_was(store, plan):
    t = store.tasks.add(plan.id, "nguyên", [agency(store, "Sở Y tế")])
    with pytest.raises(NotFound):
        store.tasks.update(t.id, content="đổi", coordinator_ids=[12345])
    assert store.tasks.get(t.id).content == "nguyên"


def test_restore_puts_a_deleted_task_back_with_its_id_and_place(store, plan):
    y = agency(store, "Sở Y tế")
    ids = [store.tasks.add(plan.id, c, [y]).id for c in "abc"]
    full = store.tasks.update(ids[1], coordinator_ids=[agency(store, "Sở Tư pháp")], status="doing",
                              deadline_text="Quý II")
    store.tasks.delete(ids[1])
    back = store.tasks.restore(full)
    assert back == full
    assert contents(store, plan) == list("abc")
    with pytest.raises(InvalidInput):
        store.tasks.restore(full)


def test_invisible_marks_the_pdf_would_drop_are_refused(store, plan):
    for text in ("ngắt\xadtừ", "khoảng\u200btrắng ẩn", "\ufeffBOM"):
        with pytest.raises(InvalidInput):
            store.tasks.add(plan.id, text)


def test_the_store_keeps_an_issued_plan_as_signed_whoever_asks(sample_store):
    """The issued-plan lock lives in the store (issue 28): the window and the command line ask it, and any
    other way in (an import, a script) meets the same refusal. Follow-up is recorded all the same."""
    from datetime import date

    from khdesk.errors import Refused

    store = sample_store
    plan = store.plans.by_month("2024-05")
    assert plan.locked
    first, second = store.tasks.of_plan(plan.id)[:2]
    for change in (lambda: store.tasks.update(first.id, content="Sửa sau khi ký"),
                   lambda: store.tasks.update(first.id, lead_agency_ids=second.lead_agency_ids),
                   lambda: store.tasks.update(first.id, due_date=date(2024, 5, 20)),
                   lambda: store.tasks.add(plan.id, "Thêm sau khi ký"),
                   lambda: store.tasks.delete(first.id),
                   lambda: store.tasks.move(first.id, 2),
                   lambda: store.tasks.reorder(plan.id, [t.id for t in reversed(store.tasks.of_plan(plan.id))]),
                   lambda: store.plans.update(plan.id, subject="Trích yếu khác")):
        with pytest.raises(Refused, match="đã ban hành"):
            change()
    assert store.tasks.get(first.id) == first and store.plans.get(plan.id) == plan
    done = store.tasks.update(first.id, status="done", completed_on=date(2024, 5, 28), result_note="Đã trình")
    assert done.status == "done"                                               # follow-up: taken
    store.plans.update(plan.id, reopened_at="2024-05-14 08:00")                # «Sửa kế hoạch đã ban hành…»
    assert store.tasks.update(first.id, content="Sửa có ghi lại").content == "Sửa có ghi lại"


def test_issuing_a_plan_can_be_undone_header_and_all(store):
    """The window issues a plan with its number in one step (``EditPlan``); its undo puts the draft back with the
    number it had — one update that lifts the lock, which the store's lock must not refuse."""
    from khdesk.errors import Refused

    plan = store.plans.create("2024-06")
    store.tasks.add(plan.id, "Nhiệm vụ", [])
    store.plans.update(plan.id, status="issued", number="12")               # «Đã ban hành», with its number
    with pytest.raises(Refused):
        store.plans.update(plan.id, number="13")                           # still issued: the header stays
    back = store.plans.update(plan.id, status="draft", number="")          # the undo
    assert (back.status, back.number) == ("draft", "")
