"""The sample plan through real LibreOffice and back (not a test: needs soffice, which the suite never
calls): khdesk's .docx → soffice --convert-to doc → khdesk import-docx → compared field by field and task
by task. Prints one table.

    .venv/bin/python bench/word_doc_roundtrip.py        (apt-get install libreoffice-writer-nogui)
"""
from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khdesk.formats.word.importing import find_soffice, read_word_plan
from khdesk.usecases.exporting import export_docx
from khdesk.usecases.importing import apply_word_plan, match_agencies
from khdesk.usecases.sample_data import new_database


def main() -> int:
    soffice = find_soffice()
    if soffice is None:
        print("bench: LibreOffice (soffice) is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = new_database(folder / "k.db", sample=True)
        export_docx(source, "2024-05", folder / "thang-5.docx", "all")
        start = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'p').as_uri()}", "--headless", "--convert-to",
                        "doc", "--outdir", str(folder / "doc"), str(folder / "thang-5.docx")],
                       capture_output=True, timeout=300, check=True)
        to_doc = time.perf_counter() - start
        target = new_database(folder / "moi.db", sample=False)
        start = time.perf_counter()
        plan = read_word_plan(folder / "doc" / "thang-5.doc")
        apply_word_plan(target, plan, {n: m.agency_id for n, m in match_agencies(target, plan.table).items()})
        back = time.perf_counter() - start
        a, b = source.plans.by_month("2024-05"), target.plans.by_month("2024-05")
        fields = [f.name for f in dataclasses.fields(a) if f.name not in ("id", "reopened_at", "report_via_agency_id")]
        differing = [name for name in fields if getattr(a, name) != getattr(b, name)]

        def tasks(store, p):
            return [(t.content, [store.agencies.get(x).name for x in t.lead_agency_ids]) for t in store.tasks.of_plan(p.id)]

        same_tasks = tasks(source, a) == tasks(target, b)
        print("| step | figure |\n|---|---|")
        print(f"| .docx → .doc by LibreOffice | {to_doc:.1f} s |")
        print(f"| .doc → khdesk (convert back + read + write) | {back:.1f} s |")
        print(f"| plan fields equal | {len(fields) - len(differing)}/{len(fields)} {differing or ''} |")
        print(f"| tasks equal (text and leads, in order) | {same_tasks} ({len(tasks(target, b))}) |")
        return 0 if not differing and same_tasks else 1


if __name__ == "__main__":
    sys.exit(main())
