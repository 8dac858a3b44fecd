"""Printing a plan to PDF: what the command line and the window's Print both call."""
from __future__ import annotations

from pathlib import Path

from .db import Store
from .pdf.appendix import AppendixOptions, appendix_story
from .pdf.document import PageSetup, write_pdf
from .pdf.fonts import choose_family
from . import docformat

PARTS = ("appendix", "plan", "all")


def print_appendix(store: Store, month: str, output: str | Path, *, options: AppendixOptions = AppendixOptions(),
                   setup: PageSetup = PageSetup()) -> int:
    """Write the appendix of the plan of ``month`` to ``output``; returns the number of pages."""
    plan = store.plans.by_month(month)
    tasks = store.tasks.of_plan(plan.id)
    agencies = {a.id: a for a in store.agencies.all()}
    family = choose_family()
    story = appendix_story(plan, tasks, agencies, family, setup, options)
    return write_pdf(output, story, family, setup, title=docformat.appendix_title(plan), author=plan.issuer_name)
