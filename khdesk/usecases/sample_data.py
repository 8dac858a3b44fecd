"""The data a new database starts with: the Khánh Hòa agency catalogue and, on request, the sample
plan (Kế hoạch 4969/KH-UBND, May 2024). Both are JSON files in ``resources/data``."""
from __future__ import annotations

import json
from pathlib import Path

from ..db import Store
from ..db.store import delete_database_files
from ..errors import DatabaseError, KhdeskError
from ..system.resources import resource

CATALOGUE_FILE = resource("data", "agencies-khanh-hoa-2024.json")
SAMPLE_PLAN_FILE = resource("data", "sample-plan-2024-05.json")


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise DatabaseError(f"Thiếu hoặc hỏng tệp dữ liệu mẫu «{path.name}» của khdesk; hãy cài đặt lại khdesk.") from err


def install_catalogue(store: Store) -> None:
    """Add the agency tree of the catalogue file."""
    def add(nodes, parent_id):
        for node in nodes:
            agency = store.agencies.add(node["name"], kind=node["kind"], short_name=node.get("short"),
                                        parent_id=parent_id, aliases=node.get("aliases", ()),
                                        note=node.get("note", ""))
            add(node.get("children", ()), agency.id)

    with store.transaction():
        add(_load(CATALOGUE_FILE)["agencies"], None)


def install_sample_plan(store: Store) -> None:
    """Add the sample plan with its tasks; agencies are named as printed and must be in the catalogue."""
    data = _load(SAMPLE_PLAN_FILE)

    def agency_id(name: str) -> int:
        agency = store.agencies.find(name)
        if agency is None:
            raise DatabaseError(f"Kế hoạch mẫu nhắc tới cơ quan «{name}» không có trong danh mục.")
        return agency.id

    fields = dict(data["plan"])
    month = fields.pop("month")
    fields["report_via_agency_id"] = agency_id(fields.pop("report_via"))
    status = fields.pop("status", "draft")          # (issued once its tasks are in)
    with store.transaction():
        plan = store.plans.create(month, **fields)
        for task in data["tasks"]:
            store.tasks.add(plan.id, task["content"], [agency_id(task["lead"])])
        store.plans.update(plan.id, status=status)


def new_database(path: str | Path, *, sample: bool) -> Store:
    """A new database file with the catalogue (and the sample plan). On any failure no file is left."""
    store = Store.create(path)
    try:
        install_catalogue(store)
        if sample:
            install_sample_plan(store)
    except BaseException as err:
        store.close()
        delete_database_files(path)
        if isinstance(err, KhdeskError) or not isinstance(err, Exception):
            raise
        raise DatabaseError(f"Không tạo được cơ sở dữ liệu «{path}»: {err}") from err
    return store
