"""The sample plan must be the seed document itself: 4969/KH-UBND of 13/5/2024, its body and its 47
tasks with their exact text and lead agencies, in order."""
from datetime import date

from seed_data import SEED_TEXT, expected_leads


def test_the_sample_has_the_47_tasks_of_the_seed_in_order(sample_store, seed_rows):
    plan = sample_store.plans.by_month("2024-05")
    tasks = sample_store.tasks.of_plan(plan.id)
    assert len(seed_rows) == 47
    assert [t.position for t in tasks] == list(range(1, 48))
    assert [t.content for t in tasks] == [seed_rows[n][0] for n in range(1, 48)]


def test_each_task_has_the_seed_lead_agency(sample_store, seed_rows):
    plan = sample_store.plans.by_month("2024-05")
    leads = expected_leads(seed_rows)
    printed = [sample_store.agencies.get(t.lead_agency_ids[0]).print_name for t in sample_store.tasks.of_plan(plan.id)]
    assert printed == [leads[n] for n in range(1, 48)]
    assert len(set(printed)) == 17


def test_row_36_keeps_the_ampersand(sample_store):
    plan = sample_store.plans.by_month("2024-05")
    row36 = sample_store.tasks.of_plan(plan.id)[35]
    assert "nhiệm vụ KH&CN năm 2024, 2025" in row36.content


def test_the_plan_body_is_the_seed(sample_store):
    seed = SEED_TEXT.read_text(encoding="utf-8")
    plan = sample_store.plans.by_month("2024-05")
    assert plan.number_symbol == "4969/KH-UBND" and plan.issued_on == date(2024, 5, 13)
    assert plan.place == "Khánh Hòa" and plan.status == "issued"
    assert plan.subject in seed and plan.grounds in seed
    assert plan.doc_type == "KẾ HOẠCH"
    assert len(plan.general_tasks) == 10
    for n, item in enumerate(plan.general_tasks, 1):
        first, *more = item.split("\n")
        assert f"{n}. {first}" in seed.replace("phù\n\nhợp", "phù hợp")
        for paragraph in more:
            assert paragraph in seed
    assert plan.specific_tasks_text in seed and plan.implementation in seed
    assert plan.report_deadline == date(2024, 5, 31)
    assert sample_store.agencies.get(plan.report_via_agency_id).name == "Sở Kế hoạch và Đầu tư"
    assert len(plan.recipients) == 12
    assert all(f"- {r}" in seed for r in plan.recipients)
    assert plan.recipients[-1] == "Lưu: VT, HP, HT."
    assert (plan.signer_authority, plan.signer_title, plan.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Tấn Tuấn")
    assert plan.appendix_title == "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024" and plan.appendix_title in seed


def test_the_catalogue_has_the_province_2024_agencies(sample_store):
    agencies = sample_store.agencies.all()
    by_name = {a.name: a for a in agencies}
    districts = [a for a in agencies if a.kind == "district"]
    assert len(districts) == 9
    group = by_name["Ủy ban nhân dân các huyện, thị xã, thành phố"]
    assert {d.parent_id for d in districts} == {group.id}
    assert group.print_name == "UBND các huyện, thị xã, thành phố"
    departments = [a for a in agencies if a.kind == "department"]
    assert len(departments) >= 21
    for name in ("Sở Kế hoạch và Đầu tư", "Sở Tư pháp", "Sở Tài chính", "Sở Giao thông vận tải", "Thanh tra tỉnh",
                 "Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý Khu kinh tế Vân Phong"):
        assert by_name[name].kind == "department"
    assert {a.kind for a in agencies} >= {"group", "department", "district", "public_unit", "enterprise", "central"}
    assert sample_store.agencies.find("Sở KH&ĐT").name == "Sở Kế hoạch và Đầu tư"
    assert sample_store.agencies.find("UBND TP. Nha Trang").name == "Ủy ban nhân dân thành phố Nha Trang"
    assert all(a.active for a in agencies)


def test_the_seed_order_is_the_tree_order(sample_store):
    """Sorting the sample plan by the tree's order of agencies changes nothing."""
    order = {a.id: i for i, a in enumerate(sample_store.agencies.all())}
    plan = sample_store.plans.by_month("2024-05")
    leads = [t.lead_agency_ids[0] for t in sample_store.tasks.of_plan(plan.id)]
    assert leads == sorted(leads, key=order.__getitem__)


def test_a_broken_sample_file_leaves_no_half_made_database(tmp_path, monkeypatch):
    import pytest

    from khdesk.errors import DatabaseError
    from khdesk.usecases import sample_data

    broken = tmp_path / "mau.json"
    broken.write_text('{"plan": {"month": "2024-05"', encoding="utf-8")
    monkeypatch.setattr(sample_data, "SAMPLE_PLAN_FILE", broken)
    with pytest.raises(DatabaseError, match="cài đặt lại"):
        sample_data.new_database(tmp_path / "k.db", sample=True)
    assert not (tmp_path / "k.db").exists()

    unknown = tmp_path / "la.json"
    unknown.write_text('{"plan": {"month": "2024-05", "report_via": "Sở Không Có"}, "tasks": []}', encoding="utf-8")
    monkeypatch.setattr(sample_data, "SAMPLE_PLAN_FILE", unknown)
    with pytest.raises(DatabaseError, match="Sở Không Có"):
        sample_data.new_database(tmp_path / "k.db", sample=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["la.json", "mau.json"]
