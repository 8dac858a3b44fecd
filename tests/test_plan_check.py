"""The plan checker, on the sample plan and on plans with the mistakes clerks make."""
from datetime import date

from seed_data import reopened

from khdesk.cli import main
from khdesk.document.plan_check import ERROR, WARNING, near_repeats
from khdesk.usecases.checking import check_month


def lines(findings):
    return [f.line() for f in findings]


def test_the_sample_plan_reports_the_two_night_market_tasks(sample_store):
    plan = sample_store.plans.by_month("2024-05")
    tasks = sample_store.tasks.of_plan(plan.id)
    assert [(a.position, b.position) for a, b, _ in near_repeats(tasks)] == [(16, 17)]
    findings = check_month(sample_store, "2024-05")
    # task 17 is the third part of task 16, not the same text («100 % giống nhau» before)
    assert ("Cảnh báo: Nhiệm vụ 16, 17: trùng hoặc gần trùng nội dung (nội dung nhiệm vụ 17 nằm trọn trong "
            "nhiệm vụ 16, cùng giao Sở Công Thương).") in lines(findings)
    assert all(f.level == WARNING for f in findings)


def test_the_command_line_prints_one_line_per_finding_and_exits_by_errors(sample_store, capsys):
    path = str(sample_store.path)
    sample_store.close()
    assert main(["check", "--db", path, "--plan", "2024-05"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Cảnh báo: Nhiệm vụ 16, 17") and out[-1] == "0 lỗi, 2 cảnh báo."
    from khdesk.db import Store

    with Store.open(path) as store:
        plan = reopened(store)
        store.tasks.add(plan.id, "", [])
    assert main(["check", "--db", path, "--plan", "2024-05"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Lỗi: Nhiệm vụ 48: chưa có nội dung; chưa in được." and out[-1] == "2 lỗi, 2 cảnh báo."


def test_a_month_copied_without_its_dates_moved_is_found(sample_store):
    may = sample_store.plans.by_month("2024-05")
    fields = {f: getattr(may, f) for f in ("subject", "grounds", "implementation", "appendix_title", "symbol")}
    june = sample_store.plans.create("2024-06", number="49a", appendix_reference="", **fields)
    text = "\n".join(lines(check_month(sample_store, "2024-06")))
    assert "Trích yếu: «tháng 5 năm 2024» không phải tháng 6/2024 của kế hoạch" in text
    assert "Căn cứ: «tháng 4 năm 2024» không phải tháng 6/2024" in text      # (May's month before: not June's)
    assert "Căn cứ: «tháng 5 năm 2024»" not in text                          # the month before June is fine
    assert "III. Tổ chức thực hiện: hạn «trước ngày 31/5/2024» không thuộc tháng 6/2024." in text
    assert "Tên phụ lục: «NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024» không phải tháng 6/2024." in text
    assert "số «49a» chỉ được là chữ số" in text
    assert june.id


def test_retired_leads_and_tasks_done_last_month_copied_again(sample_store):
    store = sample_store
    may = store.plans.by_month("2024-05")
    tasks = store.tasks.of_plan(may.id)
    du_lich, vhtt = store.agencies.find("Sở Du lịch"), store.agencies.find("Sở Văn hóa và Thể thao")
    store.agencies.retire(du_lich.id, vhtt.id)
    store.tasks.update(tasks[0].id, status="done", completed_on=date(2024, 5, 20))
    june = store.plans.create("2024-06", symbol="KH-UBND")
    store.tasks.add(june.id, tasks[0].content, tasks[0].lead_agency_ids, carried_from_id=tasks[0].id)
    store.tasks.add(june.id, tasks[40].content + " ", [du_lich.id])           # Sở Du lịch: retired since
    text = lines(check_month(store, "2024-06"))
    assert "Cảnh báo: Nhiệm vụ 1: chép nguyên từ nhiệm vụ 1 tháng 5/2024, tháng đó đã hoàn thành." in text
    assert "Cảnh báo: Nhiệm vụ 2: cơ quan chủ trì «Sở Du lịch» đã ngừng sử dụng; nay là «Sở Văn hóa và Thể thao»." \
        in text
    assert not any(line.startswith(ERROR) for line in text)


def test_last_months_dates_left_in_carried_tasks_are_found(sample_store):
    """June made from May carried «dự kiến vào tháng 5, tháng 6/2024» and «từ ngày 16-17/5/2024» over,
    and `check --plan 2024-06` said nothing. A document's own date («số … ngày 02/4/2024») is not one."""
    store = sample_store
    may_tasks = store.tasks.of_plan(store.plans.by_month("2024-05").id)
    june = store.plans.create("2024-06", symbol="KH-UBND")
    for task in may_tasks:
        store.tasks.add(june.id, task.content, task.lead_agency_ids, carried_from_id=task.id)
    found = [line for line in lines(check_month(store, "2024-06")) if "tháng trước kế hoạch" in line]
    assert found == [
        "Cảnh báo: Nhiệm vụ 27: «tháng 5» là ngày tháng của tháng 5/2024, tháng trước kế hoạch (chép từ kế hoạch "
        "cũ?): hãy sửa cho tháng này.",
        "Cảnh báo: Nhiệm vụ 28: «16-17/5/2024» là ngày tháng của tháng 5/2024, tháng trước kế hoạch (chép từ kế "
        "hoạch cũ?): hãy sửa cho tháng này."]
    assert "dự kiến vào tháng 5, tháng 6/2024" in may_tasks[26].content and "16-17/5/2024" in may_tasks[27].content


def test_how_alike_two_tasks_are_is_said_truly(sample_store):
    store = sample_store
    june = store.plans.create("2024-06", symbol="KH-UBND")
    text = "Tham mưu UBND tỉnh ban hành Kế hoạch tổ chức Hội nghị xúc tiến đầu tư vào Khu kinh tế Vân Phong năm 2024"
    for content in (text, text + ".", text.replace("năm 2024", "năm 2025 và các năm tiếp theo")):
        store.tasks.add(june.id, content, [])
    said = [f.message for f in check_month(store, "2024-06") if f.where.startswith("Nhiệm vụ 1, 2")]
    assert said == ["trùng hoặc gần trùng nội dung (giống hệt nhau)."]          # only the full stop differs
    near = [f.message for f in check_month(store, "2024-06") if f.where == "Nhiệm vụ 1, 3"]
    assert len(near) == 1 and near[0].endswith(" % giống nhau).") and "100 %" not in near[0]


def test_a_task_left_in_another_agencys_block_is_found(sample_store):
    """A task whose lead was changed stays where it was, and the appendix printed that agency twice."""
    store = sample_store
    plan = store.plans.by_month("2024-05")
    tasks = store.tasks.of_plan(plan.id)
    assert not [f for f in check_month(store, "2024-05") if "không nằm cạnh" in f.message]
    reopened(store)
    store.tasks.update(tasks[30].id, lead_agency_ids=tasks[0].lead_agency_ids)      # now Sở KH-ĐT's, among another's
    assert [f.line() for f in check_month(store, "2024-05") if "không nằm cạnh" in f.message] == [
        "Cảnh báo: Nhiệm vụ 31: «Sở Kế hoạch và Đầu tư» chủ trì nhưng không nằm cạnh các nhiệm vụ khác của cơ quan "
        "này (nhiệm vụ 1…): phụ lục sẽ in tên cơ quan 2 lần. Sửa › Sắp xếp theo thứ tự cơ quan để gom lại."]
