"""Printing a plan to PDF: what the command line and the window's Print both call.

``prepare`` reads the store (on the thread that owns it) and checks that the plan can be printed;
``PrintJob.write`` lays out and writes the file, and may run on a worker thread.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..db import Store
from ..document.appendix_rows import unprintable_tasks
from ..document.fonts import FontFamily, choose_family
from ..document.model import A4, PARTS, AppendixOptions, PageSetup, plan_document
from ..errors import InvalidInput
from ..formats.pdf.document import write_pdf
from ..formats.pdf.signing import Place, add_fields, places_in_signature_space, stamp_place
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
    spaces: list = field(default_factory=list)       # the signature's room, found where it is drawn
    fields: str = ""        # the issuing form's signature fields: "signatures" (person, seal), "stamp" (appendix)

    def write(self, output: str | Path, on_page=None) -> int:
        """Write the PDF; ``on_page(n)`` is called after each page (it may raise to cancel). The issuing form
        gets its empty signature fields before the file appears."""
        return write_pdf(output, self.story, self.family, self.setup, title=self.title, author=self.author,
                         on_page=on_page, finish=self._add_fields if self.fields else None)

    def places(self) -> list[Place]:
        """Where the signatures go (known once the job was written)."""
        if self.fields == "stamp":
            return [stamp_place(A4[0], A4[1], self.setup.right)]
        placed = [s.placed for s in self.spaces if s.placed is not None]
        return [place for page, space in placed[-1:] for place in places_in_signature_space(page, space)]

    def _add_fields(self, tmp: str) -> None:
        add_fields(tmp, self.places())


def prepare(store: Store, month: str, part: str = "all", *, options: AppendixOptions = AppendixOptions(),
            setup: PageSetup = PageSetup(), issuing: bool = False, number_at_issuing: bool = False) -> PrintJob:
    """Read the plan of ``month`` and lay out ``part``: "appendix", "plan" (the plan itself) or
    "all" (the plan, then the appendix on a new page with its own page numbers). ``issuing``: the issuing
    form for ký số — a seal's room under the title and the empty signature fields (the person's and the
    agency's), or, for the appendix in its own file, the agency's field at the top right of page 1.
    ``number_at_issuing``: the number and the date left blank for the e-office system to fill when it issues
    the file, and the appendix's «(Kèm theo …)» line not filled (Mẫu 2.2), whatever the plan holds."""
    if part not in PARTS:
        raise InvalidInput(f"Phần cần in không hợp lệ: «{part}».")
    plan, tasks, names = plan_tasks_names(store, month)
    if number_at_issuing:
        plan = dataclasses.replace(plan, number="", issued_on=None, appendix_reference="")
    if part != "plan":
        problem = unprintable_tasks(tasks)
        if problem:
            raise InvalidInput(f"Chưa in được kế hoạch: {problem}. Hãy bổ sung rồi in lại.")
    doc = plan_document(plan, tasks, names, part, options=options, setup=setup, issuing=issuing)
    family = choose_family()
    spaces: list = []
    story = document_story(doc, family, spaces)
    fields = "" if not issuing else "stamp" if part == "appendix" else "signatures"
    return PrintJob(story, family, setup, doc.title, doc.author, len(tasks), spaces, fields)


def print_plan(store: Store, month: str, output: str | Path, part: str = "all", **kwargs) -> int:
    """Write ``part`` of the plan of ``month`` to ``output``; returns the number of pages."""
    return prepare(store, month, part, **kwargs).write(output)


def print_appendix(store: Store, month: str, output: str | Path, **kwargs) -> int:
    return print_plan(store, month, output, "appendix", **kwargs)


def prepare_report(store: Store, month: str, today=None, *, setup: PageSetup = PageSetup(),
                   issuing: bool = False, kind: str = "month") -> PrintJob:
    """The report ("BÁO CÁO Kết quả thực hiện …") of the month — or of its quarter, six or nine months, year
    (``kind``) — laid out, written ``today``; ``issuing``: its issuing form (a seal's room, the fields)."""
    from ..formats.pdf.report import report_story

    report = report_of(store, month, today, kind)
    family = choose_family()
    spaces: list = []
    story = report_story(report, family, setup, spaces, issuing=issuing)
    return PrintJob(story, family, setup, report.document.subject, report.plan.issuer_name, report.figures.total,
                    spaces, "signatures" if issuing else "")


def print_report(store: Store, month: str, output: str | Path, today=None, issuing: bool = False,
                 kind: str = "month") -> int:
    return prepare_report(store, month, today, issuing=issuing, kind=kind).write(output)
