import unicodedata

import pytest
from seed_data import reopened


@pytest.fixture
def data(store):
    g = store.agencies.add("Sở, ban, ngành", kind="group")
    yte = store.agencies.add("Sở Y tế", kind="department", parent_id=g.id, aliases=["SYT"])
    tp = store.agencies.add("Sở Tư pháp", kind="department", parent_id=g.id)
    may = store.plans.create("2024-05")
    june = store.plans.create("2024-06")
    t = {
        "danang": store.tasks.add(may.id, "Hội nghị kết nối giao thương với thành phố Đà Nẵng", [tp.id]),
        "duong": store.tasks.add(may.id, "Đường bộ cao tốc Vân Phong - Nha Trang", [tp.id]),
        "thucpham": store.tasks.add(may.id, "Kiểm tra an toàn thực phẩm", [yte.id]),
        "nfd": store.tasks.add(june.id, unicodedata.normalize("NFD", "Nhiệm vụ trọng tâm tháng 6"), [tp.id]),
        "markup": store.tasks.add(june.id, 'Danh mục nhiệm vụ KH&CN (2024) "ưu tiên"', [tp.id]),
    }
    return store, t, may, june, yte, tp


def found(store, query, **kw):
    return [h.task.id for h in store.tasks.search(query, **kw)]


def test_d_with_stroke_is_found_by_d(data):
    store, t, *_ = data
    assert found(store, "da nang") == [t["danang"].id]
    assert found(store, "DUONG BO") == [t["duong"].id]
    assert found(store, "Đà Nẵng") == [t["danang"].id]


def test_vowels_with_two_marks_are_folded(data):
    store, t, *_ = data
    assert found(store, "nhiem vu trong tam") == [t["nfd"].id]
    assert found(store, "nhiệm vụ trọng") == [t["nfd"].id]
    assert found(store, "nhiệm") == [t["nfd"].id, t["markup"].id]


def test_agency_names_are_searched_too(data):
    store, t, may, june, yte, tp = data
    assert found(store, "so y te") == [t["thucpham"].id]
    assert found(store, "syt") == [t["thucpham"].id]
    assert found(store, "so y") == [t["thucpham"].id]          # words may be started, not finished


def test_renaming_an_agency_updates_what_its_tasks_are_found_by(data):
    store, t, may, june, yte, tp = data
    store.agencies.update(yte.id, aliases=["Sở YT Khánh Hòa"])
    assert found(store, "khanh hoa") == [t["thucpham"].id]
    assert found(store, "syt") == []


def test_edits_are_searchable_at_once_and_deleted_tasks_vanish(data):
    store, t, *_ = data
    store.tasks.update(t["duong"].id, content="Cầu Bến Miếu")
    assert found(store, "ben mieu") == [t["duong"].id] and found(store, "cao toc") == []
    store.tasks.delete(t["duong"].id)
    assert found(store, "ben mieu") == []


def test_scope_to_one_plan_and_newest_month_first(data):
    store, t, may, june, yte, tp = data
    assert found(store, "tu phap") == [t["nfd"].id, t["markup"].id, t["danang"].id, t["duong"].id]
    assert found(store, "tu phap", plan_id=may.id) == [t["danang"].id, t["duong"].id]
    hits = store.tasks.search("tu phap", limit=1)
    assert len(hits) == 1 and hits[0].month == "2024-06" and hits[0].agency_name == "Sở Tư pháp"


@pytest.mark.parametrize("query", ['"', "(2024", "Tư-pháp", "AND", "OR NOT", "*", "KH&CN", "'", "NEAR(", "-x", ":"])
def test_any_typed_query_is_safe(data, query):
    store, t, *_ = data
    store.tasks.search(query)   # no FTS syntax error reaches the clerk


def test_punctuation_in_a_query_is_ignored_like_in_the_text(data):
    store, t, *_ = data
    assert found(store, "KH&CN") == [t["markup"].id]
    assert found(store, '"uu tien"') == [t["markup"].id]
    assert found(store, "   ") == [] and found(store, "&&") == []


def test_the_search_index_follows_every_write_without_triggers(sample_store):
    """The index is kept by khdesk's code (no trigger may write FTS5 under trusted_schema = OFF):
    after adds, edits, deletes, an agency renamed and a plan deleted, it holds exactly the tasks' texts."""
    store = sample_store
    plan = reopened(store)
    tasks = store.tasks.of_plan(plan.id)
    lead = store.agencies.find("Sở Y tế")
    added = store.tasks.add(plan.id, "Đề án đường Trần Phú", (lead.id,))
    store.tasks.update(tasks[0].id, content="Rà soát đập Đá Bàn")
    store.tasks.delete(tasks[1].id)
    store.agencies.update(lead.id, name="Sở Y tế tỉnh Khánh Hòa (mới)")
    june = store.plans.create("2024-06")
    store.tasks.add(june.id, "Nhiệm vụ tháng sáu")
    store.plans.delete(june.id)

    def index():
        return sorted(store.db.execute("SELECT rowid, search_text FROM tasks_fts").fetchall())

    assert index() == sorted(store.db.execute("SELECT id, search_text FROM tasks").fetchall())
    assert [h.task.id for h in store.tasks.search("dap da ban")] == [tasks[0].id]
    renamed = [h.task for h in store.tasks.search("khanh hoa moi")]                   # the lead's new name
    assert added.id in [t.id for t in renamed] and all(lead.id in t.lead_agency_ids for t in renamed)
    assert store.tasks.search("thang sau") == []                                      # its plan was deleted
    assert tasks[1].id not in [h.task.id for h in store.tasks.search(tasks[1].content[:30])]
