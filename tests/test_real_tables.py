"""Real tables from other offices (../shared/samples: Lâm Đồng 2025–2026, with joint leads,
collective leads and long texts) go in through Excel with every task, text and lead agency as
written, print with the appendix's rules, and come back unchanged through khdesk's own export."""
import pytest
from excel_fixtures import merged_column_workbook, sample_rows
from pdf_reader import column_text, columns, open_pdf, squash, tt_numbers

from khdesk.domain.agency_names import agency_behind_role, key
from khdesk.formats.excel.reading import read_table
from khdesk.usecases.exporting import export_plan
from khdesk.usecases.importing import apply_import, match_agencies
from khdesk.usecases.printing import print_appendix


def import_file(store, path, month):
    table = read_table(path)
    matches = match_agencies(store, table)
    result = apply_import(store, table, month, {n: m.agency_id for n, m in matches.items()})
    return table, [store.tasks.get(t) for t in result.task_ids]


@pytest.mark.parametrize("prefix", ["03", "04", "06"])
def test_a_real_table_imports_prints_and_comes_back(prefix, sample_store, tmp_path):
    store = sample_store
    rows = sample_rows(prefix)
    path = merged_column_workbook(tmp_path / "in.xlsx", [(r["noi_dung"], r["co_quan_chu_tri"]) for r in rows])
    table, tasks = import_file(store, path, "2026-01")
    assert [t.content for t in tasks] == [r["noi_dung"] for r in rows]                 # every task, as written
    for task, row in zip(tasks, rows):
        written = [x.strip() for x in row["co_quan_chu_tri"].split(";")]
        assert len(task.lead_agency_ids) == len(written)                                # joint leads kept
        for agency_id, name in zip(task.lead_agency_ids, written):                      # in order, the same body
            agency = store.agencies.get(agency_id)
            body = agency_behind_role(name) or name             # «Lãnh đạo Sở Công Thương» is Sở Công Thương
            assert key(body) in {key(n) for n in (agency.name, agency.print_name, *agency.aliases)}
    assert any(len(t.lead_agency_ids) > 1 for t in tasks) or prefix != "03"

    print_appendix(store, "2026-01", tmp_path / "p.pdf")
    cols = columns()
    with open_pdf(tmp_path / "p.pdf") as pdf:
        assert [n for page in pdf.pages for n in tt_numbers(page, cols)] == list(range(1, len(tasks) + 1))
        printed = " ".join(column_text(page, cols, 1) for page in pdf.pages)
        leads = squash(" ".join(column_text(page, cols, 2) for page in pdf.pages))
    assert squash(printed) == squash(" ".join(t.content for t in tasks))
    names = {a.id: a.print_name for a in store.agencies.all()}
    for task in tasks:
        assert squash("; ".join(names[a] for a in task.lead_agency_ids)) in leads

    export_plan(store, "2026-01", tmp_path / "out.xlsx")
    _, again = import_file(store, tmp_path / "out.xlsx", "2026-02")
    assert [(t.content, t.lead_agency_ids) for t in again] == [(t.content, t.lead_agency_ids) for t in tasks]
