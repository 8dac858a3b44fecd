"""The month-to-month view (issue 30): on the sample database with June made from May — what is new, what came
over and from when, what was left behind without being done, the agencies ranked by completion rate — the
same in ``compare``, its .xlsx and the panel's tab."""
from __future__ import annotations

from datetime import date

import openpyxl
from seed_data import reopened

from khdesk.cli import main
from khdesk.domain.carrying import Carry, histories
from khdesk.domain.months import new_plan_header
from khdesk.usecases.loading import comparison_of
from khdesk.usecases.new_month import create_month


def test_a_task_s_history_walks_back_to_the_month_it_was_first_given_and_stops_at_a_loop():
    links = {1: (None, "2024-02"), 2: (1, "2024-03"), 3: (2, "2024-04"), 4: (3, "2024-05"), 5: (None, "2024-05"),
             8: (9, "2024-05"), 9: (8, "2024-04"), 10: (77, "2024-05")}            # 8 ⇄ 9: a crafted loop
    found = histories(links, [4, 5, 8, 10])
    assert found[4] == Carry("2024-02", 3, 1) and found[4].words() == "chuyển tiếp lần 3, giao từ tháng 2/2024"
    assert found[5] == Carry("2024-05", 0, 5) and found[5].words() == ""
    assert found[8].times == 1                                       # the loop is walked once, not for ever
    assert found[10] == Carry("2024-05", 0, 10)                      # its source deleted: given here


def june_from_may(store):
    """May's follow-up as reported by 14/6, then June made on evidence, with two new tasks."""
    may = store.plans.by_month("2024-05")
    tasks = store.tasks.of_plan(may.id)
    reopened(store)
    for t in tasks[:3]:                                       # Sở KH-ĐT: all three done
        store.tasks.update(t.id, status="done", completed_on=date(2024, 5, 28))
    store.tasks.update(tasks[3].id, status="doing", result_note="Đang trình")           # Sở TN-MT
    store.tasks.update(tasks[4].id, status="dropped", status_reason="Gộp vào nhiệm vụ 4")
    store.tasks.update(tasks[6].id, status="doing", result_note="Đang thẩm định")        # Sở Xây dựng
    header, _ = new_plan_header(may, "2024-06")                 # June's head and wording from May's, as the window does
    june = create_month(store, "2024-06", header, [tasks[3].id, tasks[6].id])
    new = store.tasks.add(june.id, "Tổ chức Hội nghị xúc tiến đầu tư & <du lịch> 2024", [tasks[0].lead_agency_ids[0]])
    store.tasks.add(june.id, "Báo cáo tình hình thu ngân sách", [tasks[0].lead_agency_ids[0]],
                    status="done", completed_on=date(2024, 6, 10))
    store.plans.update(june.id, status="issued", number="5512", issued_on=date(2024, 6, 12))
    return june, tasks, new


def test_new_carried_left_behind_and_ranked_by_completion(sample_store):
    june, may_tasks, new = june_from_may(sample_store)
    tables = comparison_of(sample_store, "2024-06", date(2024, 6, 20))
    assert tables.title == "SO SÁNH KẾ HOẠCH THÁNG 6/2024 VỚI THÁNG 5/2024"
    assert tables.counted == "Số liệu tính từ ngày 15/5/2024 đến ngày 14/6/2024"
    assert tables.summary.startswith("Tháng 6/2024: 4 nhiệm vụ — 2 mới, 2 chuyển tiếp (2 từ tháng trước")
    assert "42 nhiệm vụ tháng 5/2024 chưa hoàn thành mà không chuyển sang" in tables.summary   # 47 − 3 done − 2
    by_name = {t.name: t for t in tables.tables}
    agencies = by_name["Theo cơ quan"].rows
    # Sở KH-ĐT leads the two new ones, one of them done: 50 %; the two carried are not done yet: 0 %
    assert agencies[0][:9] == [1, "Sở Kế hoạch và Đầu tư", 2, 2, 0, 1, "50 %", 0, ""]
    assert {row[1]: row[8] for row in agencies if row[2]}["Sở Tài nguyên và Môi trường"] == "thấp"
    assert [row[1] for row in agencies if row[2]] == ["Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
                                                       "Sở Xây dựng"]
    carried = by_name["Chuyển tiếp"].rows
    assert [row[3] for row in carried] == ["chuyển tiếp lần 1, giao từ tháng 5/2024"] * 2
    left = {row[0]: row[3] for row in by_name["Không chuyển sang"].rows}
    assert left[5] == "Không thực hiện: Gộp vào nhiệm vụ 4"                     # said why
    assert left[6] == "Chưa có báo cáo, không chuyển sang" and 1 not in left     # done: not left behind
    assert [row[1] for row in by_name["Mới"].rows][0] == "Tổ chức Hội nghị xúc tiến đầu tư & <du lịch> 2024"
    assert new.followed_up_on is None


def test_carried_three_times_is_said_and_the_longest_overdue_first(sample_store):
    may = sample_store.plans.by_month("2024-05")
    first = sample_store.tasks.of_plan(may.id)[7]
    reopened(sample_store)
    sample_store.tasks.update(first.id, due_date=date(2024, 5, 20), status="doing", result_note="Chậm")
    source = first
    for month in ("2024-06", "2024-07", "2024-08"):
        plan = create_month(sample_store, month, {}, [source.id])
        sample_store.plans.update(plan.id, status="issued", issued_on=date(int(month[:4]), int(month[5:]), 10))
        source = sample_store.tasks.of_plan(plan.id)[0]
        sample_store.tasks.update(source.id, result_note=f"Vẫn chậm ({month})")
    tables = comparison_of(sample_store, "2024-08", date(2024, 8, 30))
    rows = {t.name: t.rows for t in tables.tables}
    assert rows["Chuyển tiếp"][0][3] == "chuyển tiếp lần 3, giao từ tháng 5/2024"
    longest = rows["Quá hạn lâu nhất"][0]
    # due 20/5/2024, counted to 14/8/2024 (August's cut-off): 9 working days of May after the 20th, 20 of June,
    # 23 of July, 10 of August
    assert longest[4] == "20/05/2024" and longest[3] == 9 + 20 + 23 + 10 and "lần 3" in longest[5]


def test_compare_on_the_command_line_and_its_excel(sample_store, tmp_path, capsys):
    june_from_may(sample_store)
    db = str(sample_store.path)
    sample_store.close()
    assert main(["compare", "--db", db, "--plan", "2024-06", "--today", "20/06/2024",
                 "-o", str(tmp_path / "so-sanh.xlsx")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("SO SÁNH KẾ HOẠCH THÁNG 6/2024 VỚI THÁNG 5/2024\nSố liệu tính từ ngày 15/5/2024")
    assert "1 | Sở Kế hoạch và Đầu tư | 2 | 2 | 0 | 1 | 50 % | 0 |" in out
    book = openpyxl.load_workbook(tmp_path / "so-sanh.xlsx")
    assert book.sheetnames == ["Theo cơ quan", "Chuyển tiếp", "Mới", "Không chuyển sang", "Quá hạn lâu nhất"]
    sheet = book["Theo cơ quan"]
    assert sheet.cell(1, 1).value.startswith("SO SÁNH KẾ HOẠCH THÁNG 6/2024 VỚI THÁNG 5/2024")
    assert [c.value for c in sheet[5]][:7] == [1, "Sở Kế hoạch và Đầu tư", 2, 2, 0, 1, "50 %"]
    assert book["Mới"].cell(5, 2).value == "Tổ chức Hội nghị xúc tiến đầu tư & <du lịch> 2024"
    assert main(["compare", "--db", db, "--plan", "2024-05"]) == 0          # the first month: nothing before
    assert "VỚI (CHƯA CÓ KẾ HOẠCH TRƯỚC)" in capsys.readouterr().out
