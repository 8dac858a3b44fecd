import unicodedata

import pytest

from khdesk.errors import InvalidInput, NotFound, Refused


@pytest.fixture
def tree(store):
    g = store.agencies.add("Sở, ban, ngành", kind="group")
    a = store.agencies.add("Sở Y tế", kind="department", parent_id=g.id, aliases=["SYT"])
    b = store.agencies.add("Sở Kế hoạch và Đầu tư", kind="department", parent_id=g.id,
                           aliases=["Sở KH&ĐT", "SKHĐT"])
    c = store.agencies.add("Sở Tư pháp", kind="department", parent_id=g.id)
    h = store.agencies.add("UBND các huyện, thị xã, thành phố", kind="group")
    return store, g, a, b, c, h


def names(agencies):
    return [a.name for a in agencies]


def test_add_and_read_back_in_tree_order(tree):
    store, g, a, b, c, h = tree
    assert names(store.agencies.all()) == [g.name, a.name, b.name, c.name, h.name]
    assert [x.position for x in store.agencies.children(g.id)] == [1, 2, 3]
    got = store.agencies.get(b.id)
    assert got.aliases == ("Sở KH&ĐT", "SKHĐT") and got.parent_id == g.id and got.active
    assert got.print_name == "Sở Kế hoạch và Đầu tư"


def test_short_name_is_the_printed_form(store):
    a = store.agencies.add("Ban Quản lý Khu kinh tế Vân Phong", kind="department", short_name="BQL KKT Vân Phong")
    assert store.agencies.get(a.id).print_name == "BQL KKT Vân Phong"


def test_insert_at_a_position_moves_the_siblings_down(tree):
    store, g, a, b, c, h = tree
    d = store.agencies.add("Sở Du lịch", kind="department", parent_id=g.id, position=2)
    assert names(store.agencies.children(g.id)) == ["Sở Y tế", "Sở Du lịch", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
    assert [x.position for x in store.agencies.children(g.id)] == [1, 2, 3, 4]
    assert d.position == 2


def test_rename_and_change_aliases(tree):
    store, g, a, b, c, h = tree
    store.agencies.update(a.id, name="Sở Y tế tỉnh Khánh Hòa", short_name="Sở Y tế", aliases=["SYT", "Sở YT"])
    got = store.agencies.get(a.id)
    assert got.name == "Sở Y tế tỉnh Khánh Hòa" and got.print_name == "Sở Y tế"
    assert got.aliases == ("SYT", "Sở YT")
    with pytest.raises(InvalidInput):
        store.agencies.update(a.id, name="   ")
    assert store.agencies.get(a.id).name == "Sở Y tế tỉnh Khánh Hòa"


def test_reorder_among_siblings_and_move_to_another_group(tree):
    store, g, a, b, c, h = tree
    store.agencies.move(c.id, 1)
    assert names(store.agencies.children(g.id)) == ["Sở Tư pháp", "Sở Y tế", "Sở Kế hoạch và Đầu tư"]
    store.agencies.move(c.id, 3)
    assert names(store.agencies.children(g.id)) == ["Sở Y tế", "Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
    store.agencies.move(a.id, 1, parent_id=h.id)
    assert names(store.agencies.children(g.id)) == ["Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
    assert [x.position for x in store.agencies.children(g.id)] == [1, 2]
    assert names(store.agencies.children(h.id)) == ["Sở Y tế"]
    assert sorted(store.agencies.descendant_ids(g.id)) == sorted([g.id, b.id, c.id])


def test_a_group_cannot_be_moved_inside_itself(tree):
    store, g, a, b, c, h = tree
    with pytest.raises(Refused):
        store.agencies.move(g.id, 1, parent_id=a.id)
    assert store.agencies.get(g.id).parent_id is None


def test_retire_with_successor_keeps_the_agency_and_its_tasks(tree):
    store, g, a, b, c, h = tree
    plan = store.plans.create("2025-02")
    task = store.tasks.add(plan.id, "Lập kế hoạch đầu tư công", [b.id])
    tc = store.agencies.add("Sở Tài chính", kind="department", parent_id=g.id)
    store.agencies.retire(b.id, replaced_by_id=tc.id)
    got = store.agencies.get(b.id)
    assert not got.active and got.replaced_by_id == tc.id
    assert store.tasks.get(task.id).lead_agency_ids[0] == b.id
    with pytest.raises(InvalidInput):
        store.agencies.retire(a.id, replaced_by_id=b.id)       # a retired agency cannot take over
    with pytest.raises(InvalidInput):
        store.agencies.retire(a.id, replaced_by_id=a.id)
    store.agencies.reactivate(b.id)
    assert store.agencies.get(b.id).active


def test_an_agency_that_tasks_refer_to_is_never_deleted(tree):
    store, g, a, b, c, h = tree
    plan = store.plans.create("2024-05")
    store.tasks.add(plan.id, "Kiểm tra an toàn thực phẩm", [a.id])
    store.tasks.add(plan.id, "Phối hợp", [c.id], coordinator_ids=[b.id])
    for used in (a, b):
        with pytest.raises(Refused, match="Ngừng sử dụng"):
            store.agencies.delete(used.id)
        assert store.agencies.get(used.id).active
    with pytest.raises(Refused):
        store.agencies.delete(g.id)   # has members


def test_an_unused_agency_is_deleted_and_its_siblings_close_up(tree):
    store, g, a, b, c, h = tree
    store.agencies.delete(a.id)
    with pytest.raises(NotFound):
        store.agencies.get(a.id)
    assert [(x.name, x.position) for x in store.agencies.children(g.id)] == [
        ("Sở Kế hoạch và Đầu tư", 1), ("Sở Tư pháp", 2)]


def test_names_are_stored_nfc(store):
    nfd = unicodedata.normalize("NFD", "Sở Lao động - Thương binh và Xã hội")
    a = store.agencies.add(nfd, kind="department", aliases=[unicodedata.normalize("NFD", "Sở LĐ-TB&XH")])
    got = store.agencies.get(a.id)
    assert got.name == "Sở Lao động - Thương binh và Xã hội" and unicodedata.is_normalized("NFC", got.name)
    assert got.aliases == ("Sở LĐ-TB&XH",)


def test_find_by_name_printed_form_or_alias_ignoring_case_and_diacritics(tree):
    store, g, a, b, c, h = tree
    assert store.agencies.find("so y te").id == a.id
    assert store.agencies.find("SỞ KH&ĐT").id == b.id
    assert store.agencies.find("skhdt").id == b.id
    assert store.agencies.find("Sở Giao thông vận tải") is None
    assert store.agencies.find("") is None


def test_find_prefers_the_agency_in_use(tree):
    store, g, a, b, c, h = tree
    new = store.agencies.add("Sở Y tế", kind="department", parent_id=g.id)
    store.agencies.retire(a.id, replaced_by_id=new.id)
    assert store.agencies.find("Sở Y tế").id == new.id


def test_search_agencies_by_words_without_diacritics(tree):
    store, g, a, b, c, h = tree
    assert names(store.agencies.search("ke hoach")) == ["Sở Kế hoạch và Đầu tư"]
    assert names(store.agencies.search("tu phap")) == ["Sở Tư pháp"]
    assert store.agencies.search("100%") == [] and store.agencies.search("_") == []


def test_kind_must_be_known(store):
    with pytest.raises(InvalidInput, match="Loại cơ quan"):
        store.agencies.add("Sở X", kind="ministry")


def test_tasks_each_agency_leads_alone_or_jointly(tree):
    store, g, a, b, c, h = tree
    plan = store.plans.create("2024-05")
    t = [store.tasks.add(plan.id, "x", leads) for leads in ([a.id], [a.id], [b.id], [c.id, a.id])]
    assert store.agencies.tasks_led(plan.id) == {a.id: {t[0].id, t[1].id, t[3].id}, b.id: {t[2].id}, c.id: {t[3].id}}
    assert store.tasks.get(t[3].id).lead_agency_ids == (c.id, a.id)          # in their order
    assert store.agencies.usage_count(a.id) == 3


def test_merging_an_agency_keeps_joint_leads_in_order_and_undoes(tree):
    store, g, a, b, c, h = tree
    plan = store.plans.create("2024-05")
    joint = store.tasks.add(plan.id, "chung", [b.id, c.id, a.id], coordinator_ids=[c.id])
    record = store.agencies.merge([c.id], a.id)
    assert store.tasks.get(joint.id).lead_agency_ids == (b.id, a.id)      # c became a, counted once
    assert store.tasks.get(joint.id).coordinator_ids == (a.id,)
    assert [h.task.id for h in store.tasks.search(c.name)] == []
    store.agencies.unmerge(record)
    assert store.tasks.get(joint.id).lead_agency_ids == (b.id, c.id, a.id)
    assert [h.task.id for h in store.tasks.search(c.name)] == [joint.id]


def test_merge_moves_tasks_to_the_successor_and_unmerge_puts_them_back(tree):
    store, g, a, b, c, h = tree
    plan = store.plans.create("2025-03")
    t1 = store.tasks.add(plan.id, "Nhiệm vụ kế hoạch", [b.id], coordinator_ids=[c.id])
    t2 = store.tasks.add(plan.id, "Nhiệm vụ tư pháp", [c.id], coordinator_ids=[b.id, a.id])
    t3 = store.tasks.add(plan.id, "Nhiệm vụ y tế", [a.id])
    tc = store.agencies.add("Sở Tài chính", kind="department", parent_id=g.id)
    record = store.agencies.merge([b.id, c.id], tc.id)
    assert [store.tasks.get(t).lead_agency_ids[0] for t in (t1.id, t2.id, t3.id)] == [tc.id, tc.id, a.id]
    assert store.tasks.get(t1.id).coordinator_ids == (tc.id,)
    assert store.tasks.get(t2.id).coordinator_ids == (tc.id, a.id)
    assert [store.agencies.get(x).replaced_by_id for x in (b.id, c.id)] == [tc.id, tc.id]
    assert [h.task.id for h in store.tasks.search("tai chinh")] == [t1.id, t2.id]
    store.agencies.unmerge(record)
    assert [store.tasks.get(t).lead_agency_ids[0] for t in (t1.id, t2.id, t3.id)] == [b.id, c.id, a.id]
    assert store.tasks.get(t2.id).coordinator_ids == (b.id, a.id)
    assert store.agencies.get(b.id).active and store.agencies.get(c.id).replaced_by_id is None
    with pytest.raises(InvalidInput):
        store.agencies.merge([a.id], a.id)


def test_what_a_typed_name_may_mean(tree):
    store, g, a, b, c, h = tree
    assert [x.id for x in store.agencies.typed("SYT")] == [a.id]                     # an alias, exactly
    assert {x.id for x in store.agencies.typed("so")} == {g.id, a.id, b.id, c.id}    # several: ask
    assert store.agencies.typed("Trung tâm Xúc tiến Đầu tư") == []                    # none: not in the catalogue
    store.agencies.retire(c.id)
    assert [x.id for x in store.agencies.typed("tu phap")] == []                      # a retired one is not offered


def test_a_ring_of_parents_in_a_crafted_file_ends(store):
    """(a cycle in agency parents made the group filter's query grow to 1.6 GB)"""
    a = store.agencies.add("Nhóm A", kind="group")
    b = store.agencies.add("Nhóm B", kind="group", parent_id=a.id)
    store.db.execute("UPDATE agencies SET parent_id = ? WHERE id = ?", [b.id, a.id])     # A under B under A
    assert sorted(store.agencies.descendant_ids(a.id)) == sorted([a.id, b.id])
