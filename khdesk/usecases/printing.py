"""Printing a plan to PDF: what the command line and the window's Print both call.

``prepare`` reads the store (on the thread that owns it) and checks that the plan can be printed;
``PrintJob.write`` lays out and writes the file, and may run on a worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..db import Store
from ..document.appendix_rows import unprintable_tasks
from ..document.fonts import FontFamily, choose_family
from ..document.model import PARTS, AppendixOptions, PageSetup, plan_document
from ..errors import InvalidInput
from ..formats.pdf.document import write_pdf
from ..formats.pdf.story import document_story
from .loading import plan_tasks_names, report_of


@dataclass
class PrintJob:
    story: list
    family: FontFamily
    setup: PageSetup
    title: str
    author: str
    task_count: int

    def write(self, output: str | Path, on_page=None) -> int:
        """Write the PDF; ``on_page(n)`` is called after each page (it may raise to cancel)."""
        return write_pdf(output, self.story, self.family, self.setup, title=self.title, author=self.author,
                         on_page=on_page)


def prepare(store: Store, month: str, part: str = "all", *, options: AppendixOptions = AppendixOptions(),
            setup: PageSetup = PageSetup()) -> PrintJob:
    """Read the plan of ``month`` and lay out ``part``: "appendix", "plan" (the plan itself) or
    "all" (the plan, then the appendix on a new page with its own page numbers)."""
    if part not in PARTS:
        raise InvalidInput(f"Phần cần in không hợp lệ: «{part}».")
    plan, tasks, names = plan_tasks_names(store, month)
    if part != "plan":
        problem = unprintable_tasks(tasks)
        if problem:
            raise InvalidInput(f"Chưa in được kế hoạch: {problem}. Hãy bổ sung rồi in lại.")
    doc = plan_document(plan, tasks, names, part, options=options, setup=setup)
    family = choose_family()
    return PrintJob(document_story(doc, family), family, setup, doc.title, doc.author, len(tasks))


def print_plan(store: Store, month: str, output: str | Path, part: str = "all", **kwargs) -> int:
    """Write ``part`` of the plan of ``month`` to ``output``; returns the number of pages."""
    return prepare(store, month, part, **kwargs).write(output)


def print_appendix(store: Store, month: str, output: str | Path, **kwargs) -> int:
    return print_plan(store, month, output, "appendix", **kwargs)


def prepare_report(store: Store, month: str, today=None, *, setup: PageSetup = PageSetup()) -> PrintJob:
    """The month's report ("BÁO CÁO Kết quả thực hiện …") laid out, figures as of ``today``."""
    from ..formats.pdf.report import report_story

    report = report_of(store, month, today)
    family = choose_family()
    story = report_story(report, family, setup)
    return PrintJob(story, family, setup, report.document.subject, report.plan.issuer_name, report.figures.total)


def print_report(store: Store, month: str, output: str | Path, today=None) -> int:
    return prepare_report(store, month, today).write(output)
