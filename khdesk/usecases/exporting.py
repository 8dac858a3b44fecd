"""A month's plan or report written out for editing or sending on: Word (.docx) and Excel (.xlsx).

Each reads the store, builds the document once (``khdesk.document``) and hands it to a writer of
``khdesk.formats``; what the command line's ``export``/``export-docx`` and the window's «Xuất» do."""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from ..db import Store
from ..document.appendix_rows import unprintable_tasks
from ..document.model import PARTS, AppendixOptions, PageSetup, plan_document
from ..errors import InvalidInput
from ..formats.excel.export import write_appendix_xlsx, write_comparison_xlsx, write_report_xlsx
from ..formats.word.export import write_docx, write_report_docx
from .loading import comparison_of, plan_tasks_names, report_of


def export_docx(store: Store, month: str, output: str | Path, part: str = "all", setup: PageSetup = PageSetup(),
                today: date | None = None, options: AppendixOptions = AppendixOptions()) -> None:
    """The plan and/or its appendix as .docx ("plan", "appendix", "all"; "report": the month's report);
    ``options`` adds the columns the printed appendix can have, with the same titles and widths."""
    if part == "report":
        return export_report_docx(store, month, output, setup, today)
    if part not in PARTS:
        raise InvalidInput(f"Phần cần xuất không hợp lệ: «{part}».")
    plan, tasks, names = plan_tasks_names(store, month)
    if part != "plan":
        problem = unprintable_tasks(tasks)
        if problem:
            raise InvalidInput(f"Chưa xuất được kế hoạch: {problem}. Hãy bổ sung rồi xuất lại.")
    write_docx(plan_document(plan, tasks, names, part, options=options, setup=setup), output)


def export_report_docx(store: Store, month: str, output: str | Path, setup: PageSetup = PageSetup(),
                       today: date | None = None) -> None:
    """The month's report as .docx: the same words and figures as the printed one."""
    write_report_docx(report_of(store, month, today), setup, output)


def export_plan(store: Store, month: str, output: str | Path, options: AppendixOptions = AppendixOptions()) -> int:
    """The plan of ``month``'s tasks as .xlsx laid out like the appendix; the number of tasks written."""
    plan, tasks, names = plan_tasks_names(store, month)
    options = dataclasses.replace(options, with_given_in=any(t.given_in for t in tasks))   # where each was given
    doc = plan_document(plan, tasks, names, "appendix", options=options)
    assert doc.appendix is not None
    return write_appendix_xlsx(doc.appendix, f"Tháng {plan.month_number}-{plan.year}", output)


def export_report(store: Store, month: str, output: str | Path, today: date | None = None, kind: str = "month") -> int:
    """The report's tables (of the month, or of its quarter … year: ``kind``) as .xlsx; the number of agencies."""
    return write_report_xlsx(report_of(store, month, today, kind), output)


def export_comparison(store: Store, month: str, output: str | Path, today: date | None = None) -> int:
    """The month-to-month view of ``month`` as .xlsx (``write_comparison_xlsx``); the number of sheets."""
    return write_comparison_xlsx(comparison_of(store, month, today or date.today()), output)
