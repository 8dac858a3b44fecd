"""The Word appendix of any table: every task in order, each group's lead cell (joint leads in one
cell, in order) merged over exactly its rows, the header row repeated — read back from the .docx."""
import docx
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from khdesk.usecases.exporting import export_docx
from khdesk.usecases.sample_data import new_database

LEADS = ["Sở Y tế", "Sở Tư pháp", "Sở Nội vụ"]
# each group: which lead agencies (indexes into LEADS, in order), how many tasks, how many words each
GROUPS = st.lists(st.tuples(st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
                            st.integers(1, 3), st.integers(1, 400)), min_size=1, max_size=6)


@settings(max_examples=8)
@given(shape=GROUPS)
def test_any_table_exports_to_word_with_merged_lead_cells(shape, tmp_path_factory):
    folder = tmp_path_factory.mktemp("w")
    with new_database(folder / "k.db", sample=False) as store:
        plan = store.plans.create("2026-06")
        ids = [store.agencies.find(n).id for n in LEADS]
        expected = []
        for leads, count, words in shape:
            for _ in range(count):
                n = len(expected) + 1
                store.tasks.add(plan.id, " ".join([f"việc{n}"] * words), [ids[i] for i in leads])
                expected.append((f"việc{n}", ";\n".join(LEADS[i] for i in leads)))
        export_docx(store, "2026-06", folder / "p.docx", part="appendix")
    table = docx.Document(folder / "p.docx").tables[-1]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = table.rows[1:]
    assert [r.cells[0].text for r in rows] == [str(n) for n in range(1, len(expected) + 1)]
    assert [r.cells[1].text.split()[0] for r in rows] == [e[0] for e in expected]
    assert [r.cells[2].text for r in rows] == [e[1] for e in expected]
    # a merge restarts exactly where the lead list changes
    restarts = []
    for row in rows:
        merge = row._tr.tc_lst[2].tcPr.find(qn("w:vMerge"))
        restarts.append(merge is None or merge.get(qn("w:val")) == "restart")
    changes = [i == 0 or expected[i][1] != expected[i - 1][1] for i in range(len(expected))]
    assert restarts == changes
