"""Every real Word file of ../shared/samples/real-docx/ through khdesk (not a test: a table of figures, see
README «Real documents»): what each document is, where its tasks are (a table, or its text), how many,
how many with a lead (and how many of those leads the catalogue of Khánh Hòa knows), what was left as not a
task table, and the time to read it. The conclusion notice is compared with its expected rows
(../shared/samples/04_…csv): labels, texts and leads to the letter. A .doc needs LibreOffice (soffice).

    .venv/bin/python bench/real_documents.py [FOLDER]
"""
from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from datasets import machine_line

from khdesk.domain.agency_names import ABBREVIATED, EXACT
from khdesk.errors import KhdeskError
from khdesk.formats.word.importing import read_word_plan
from khdesk.usecases.importing import match_agencies
from khdesk.usecases.sample_data import new_database

SAMPLES = Path(__file__).resolve().parent.parent.parent / "shared" / "samples"
EXPECTED = {"tb-ket-luan-cchc-2026-01.docx": SAMPLES / "04_lamdong_tb-ubnd_2026-01_ket-luan-hoi-nghi-cchc.csv"}


def against_expected(table, expected: Path) -> str:
    with open(expected, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    same = sum(1 for got, want in zip(table.rows, rows)
               if got.tt == want["tt"] and got.content == want["noi_dung"].strip()
               and got.leads == want["co_quan_chu_tri"].split("; "))
    return f"{same}/{len(rows)} exact"


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLES / "real-docx"
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".doc"))
    print(machine_line())
    print(f"{'file':32} {'what it is':34} {'from':6} {'tasks':>5} {'lead':>5} {'known':>5} {'expected':>12} "
          f"{'ms':>6}  notes")
    with tempfile.TemporaryDirectory() as tmp:
        store = new_database(Path(tmp) / "k.db", sample=False)
        for path in files:
            start = time.perf_counter()
            try:
                document = read_word_plan(path, month_required=False)
            except KhdeskError as err:
                print(f"{path.name[:32]:32} {'—':34} {'—':6} {'—':>5} {'—':>5} {'—':>5} {'—':>12} "
                      f"{(time.perf_counter() - start) * 1000:6.0f}  {err}")
                continue
            elapsed = (time.perf_counter() - start) * 1000
            table = document.tasks_table()
            if table is None:
                print(f"{path.name[:32]:32} {document.described()[:34]:34} {'—':6} {0:>5} {0:>5} {0:>5} {'—':>12} "
                      f"{elapsed:6.0f}  " + "; ".join(document.notes)[:120])
                continue
            matches = match_agencies(store, table)
            led = sum(1 for row in table.rows if row.leads)
            known = sum(1 for row in table.rows if row.leads and all(
                matches[name].how in (EXACT, ABBREVIATED) for name in row.leads))
            where = "text" if not table.columns else "table"
            expected = against_expected(table, EXPECTED[path.name]) if path.name in EXPECTED else "—"
            notes = [n for n in (*document.notes, *table.notes) if "không phải bảng" in n or "cùng nội dung" in n]
            print(f"{path.name[:32]:32} {document.described()[:34]:34} {where:6} {len(table.rows):>5} {led:>5} "
                  f"{known:>5} {expected:>12} {elapsed:6.0f}  {len(notes)} notes" + (f": {notes[0][:80]}" if notes
                                                                                       else ""))
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
