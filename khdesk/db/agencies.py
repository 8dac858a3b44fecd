"""The agency catalogue: a tree of groups and agencies, with aliases and retirement."""
from __future__ import annotations

import sqlite_utils

from ..domain.limits import NAME_CHARS
from ..domain.models import AGENCY_KIND_LABELS, Agency
from ..domain.text import fold
from ..errors import InvalidInput, NotFound, Refused
from . import values
from .rows import AGENCY_LISTS, agency_list, check_fields, set_agency_list, update_columns
from .search_text import AGENCY_SEARCH_TEXT_SQL, TASKS_LED_BY_SQL, refresh_task_search

_UPDATABLE = {"name", "short_name", "kind", "note", "aliases"}
_KEEP = object()


class Agencies:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    # ----- reading -------------------------------------------------------------------------
    def get(self, agency_id: int) -> Agency:
        rows = self._select("WHERE a.id = ?", [agency_id])
        if not rows:
            raise NotFound(f"Không tìm thấy cơ quan số {agency_id} (có thể đã bị xóa).")
        return rows[0]

    def all(self) -> list[Agency]:
        """Every agency, retired ones included, in tree order (a parent, then its children)."""
        by_parent: dict[int | None, list[Agency]] = {}
        for agency in self._select("", []):
            by_parent.setdefault(agency.parent_id, []).append(agency)
        ordered: list[Agency] = []

        def walk(parent_id: int | None) -> None:
            for agency in by_parent.get(parent_id, []):
                ordered.append(agency)
                walk(agency.id)

        walk(None)
        return ordered

    def children(self, parent_id: int | None) -> list[Agency]:
        if parent_id is None:
            return self._select("WHERE a.parent_id IS NULL", [])
        return self._select("WHERE a.parent_id = ?", [parent_id])

    def descendant_ids(self, agency_id: int) -> list[int]:
        """The agency and everything below it (a group's members), as ids."""
        rows = self.db.execute(
            # UNION, not UNION ALL: an id met again is not walked again, so a ring of parents in a damaged or
            # crafted file ends (it made this query grow to 1.6 GB)
            """WITH RECURSIVE sub(id) AS (SELECT ? UNION
                   SELECT a.id FROM agencies a JOIN sub ON a.parent_id = sub.id)
               SELECT id FROM sub""",
            [agency_id],
        ).fetchall()
        return [r[0] for r in rows]

    def find(self, name: str) -> Agency | None:
        """The agency called ``name`` (full name, printed form or an alias), ignoring case and
        diacritics; an agency in use is preferred to a retired one."""
        key = fold(name)
        if not key:
            return None
        matches = [
            a for a in self._select("", [])
            if key in {fold(a.name), fold(a.short_name)} | {fold(x) for x in a.aliases}
        ]
        matches.sort(key=lambda a: (not a.active, a.id))
        return matches[0] if matches else None

    def typed(self, text: str) -> list[Agency]:
        """The agencies in use a clerk may mean by typing ``text``: the one it names exactly (name,
        printed form or alias), else every one whose names contain its words. One: take it; several:
        ask; none: it is not in the catalogue."""
        exact = self.find(text)
        if exact is not None and exact.active:
            return [exact]
        return [a for a in self.search(text) if a.active]

    def search(self, query: str) -> list[Agency]:
        """Agencies whose names or aliases contain every word of ``query`` (diacritics ignored)."""
        words = fold(query).split()
        if not words:
            return []
        where = " AND ".join("a.search_text LIKE ? ESCAPE '\\'" for _ in words)
        params = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in words]
        return self._select("WHERE " + where, params)

    def tasks_led(self, plan_id: int) -> dict[int, set[int]]:
        """The tasks of the plan each agency leads, alone or jointly, as sets of task ids."""
        led: dict[int, set[int]] = {}
        for agency_id, task_id in self.db.execute(
                "SELECT l.agency_id, l.task_id FROM task_leads l JOIN tasks t ON t.id = l.task_id WHERE t.plan_id = ?",
                [plan_id]):
            led.setdefault(agency_id, set()).add(task_id)
        return led

    def usage_count(self, agency_id: int) -> int:
        """How many tasks (in any plan) name the agency as lead or co-ordinator, or report through it."""
        return self.db.execute(
            """SELECT (SELECT count(*) FROM task_leads WHERE agency_id = :id)
                    + (SELECT count(*) FROM task_coordinators WHERE agency_id = :id)
                    + (SELECT count(*) FROM plans WHERE report_via_agency_id = :id)""",
            {"id": agency_id},
        ).fetchone()[0]

    # ----- writing -------------------------------------------------------------------------
    def add(self, name: str, *, kind: str, short_name: str | None = None, parent_id: int | None = None,
            position: int | None = None, aliases=(), note: str = "") -> Agency:
        """A new agency, last among its siblings unless ``position`` (1-based) is given."""
        name = values.required_text(name, "tên cơ quan", NAME_CHARS)
        kind = values.choice(kind, AGENCY_KIND_LABELS, "loại cơ quan")
        with self.db.atomic():
            if parent_id is not None:
                self.get(parent_id)
            count = len(self.children(parent_id))
            position = count + 1 if position is None else max(1, min(position, count + 1))
            self._shift_siblings(parent_id, position, +1)
            agency_id = self.db.execute(
                "INSERT INTO agencies (name, short_name, kind, parent_id, position, note) VALUES (?, ?, ?, ?, ?, ?)",
                [name, values.optional_text(short_name, "tên in", NAME_CHARS), kind, parent_id, position, values.text(note)],
            ).lastrowid
            self._set_aliases(agency_id, aliases)
            self._refresh_search(agency_id)
            return self.get(agency_id)

    def update(self, agency_id: int, **changes) -> Agency:
        """Rename, change the printed form, kind, note or aliases."""
        check_fields(changes, _UPDATABLE)
        with self.db.atomic():
            self.get(agency_id)
            columns = {}
            if "name" in changes:
                columns["name"] = values.required_text(changes["name"], "tên cơ quan", NAME_CHARS)
            if "short_name" in changes:
                columns["short_name"] = values.optional_text(changes["short_name"], "tên in", NAME_CHARS)
            if "kind" in changes:
                columns["kind"] = values.choice(changes["kind"], AGENCY_KIND_LABELS, "loại cơ quan")
            if "note" in changes:
                columns["note"] = values.text(changes["note"])
            update_columns(self.db, "agencies", agency_id, columns)
            if "aliases" in changes:
                self._set_aliases(agency_id, changes["aliases"])
            self._refresh_search(agency_id)
            return self.get(agency_id)

    def move(self, agency_id: int, position: int, parent_id=_KEEP) -> Agency:
        """Put the agency at ``position`` (1-based) among the children of ``parent_id`` (default:
        its present parent)."""
        with self.db.atomic():
            agency = self.get(agency_id)
            new_parent = agency.parent_id if parent_id is _KEEP else parent_id
            if new_parent is not None:
                self.get(new_parent)
                if new_parent in self.descendant_ids(agency_id):
                    raise Refused("Không thể đặt một nhóm vào bên trong chính nó.")
            self._shift_siblings(agency.parent_id, agency.position + 1, -1)
            count = len([a for a in self.children(new_parent) if a.id != agency_id])
            position = max(1, min(position, count + 1))
            self.db.execute("UPDATE agencies SET parent_id = NULL, position = -1 WHERE id = ?", [agency_id])
            self._shift_siblings(new_parent, position, +1)
            self.db.execute(
                "UPDATE agencies SET parent_id = ?, position = ? WHERE id = ?", [new_parent, position, agency_id]
            )
            return self.get(agency_id)

    def retire(self, agency_id: int, replaced_by_id: int | None = None) -> Agency:
        """Mark the agency as no longer in use, optionally naming the one that replaced it. Its
        tasks keep referring to it."""
        with self.db.atomic():
            self.get(agency_id)
            if replaced_by_id is not None:
                if replaced_by_id == agency_id:
                    raise InvalidInput("Một cơ quan không thể thay thế chính nó.")
                successor = self.get(replaced_by_id)
                if not successor.active:
                    raise InvalidInput(f"«{successor.name}» đã ngừng sử dụng, không thể nhận thay.")
            self.db.execute(
                "UPDATE agencies SET active = 0, replaced_by_id = ? WHERE id = ?", [replaced_by_id, agency_id]
            )
            return self.get(agency_id)

    def merge(self, agency_ids: list[int], into_id: int) -> dict:
        """Merge agencies into ``into_id``: every task they lead or co-ordinate moves to it, and they
        are retired with it as their successor. Returns what ``unmerge`` needs to undo it."""
        with self.db.atomic():
            into = self.get(into_id)
            if not into.active:
                raise InvalidInput(f"«{into.name}» đã ngừng sử dụng, không thể nhận nhiệm vụ.")
            if into_id in agency_ids:
                raise InvalidInput("Không thể gộp một cơ quan vào chính nó.")
            for agency_id in agency_ids:
                self.get(agency_id)
            marks = ",".join("?" * len(agency_ids))
            record: dict = {"agencies": list(agency_ids)}
            for table in AGENCY_LISTS:
                before = {task_id: agency_list(self.db, table, task_id) for (task_id,) in self.db.execute(
                    f"SELECT DISTINCT task_id FROM {table} WHERE agency_id IN ({marks})", agency_ids).fetchall()}
                for task_id, ids in before.items():
                    set_agency_list(self.db, table, task_id, [into_id if a in agency_ids else a for a in ids])
                record[table] = before
            self.db.execute(f"UPDATE agencies SET active = 0, replaced_by_id = ? WHERE id IN ({marks})",
                            [into_id, *agency_ids])
            self._refresh_task_search(record["task_leads"])
            return record

    def unmerge(self, record: dict) -> None:
        """Undo ``merge``: the agencies are in use again and lead and co-ordinate their tasks again."""
        with self.db.atomic():
            for agency_id in record["agencies"]:
                self.db.execute("UPDATE agencies SET active = 1, replaced_by_id = NULL WHERE id = ?", [agency_id])
            for table in AGENCY_LISTS:
                for task_id, ids in record[table].items():
                    set_agency_list(self.db, table, task_id, ids)
            self._refresh_task_search(record["task_leads"])

    def _refresh_task_search(self, task_ids) -> None:
        refresh_task_search(self.db, task_ids)

    def restore(self, agency: Agency) -> Agency:
        """Put a deleted agency back with its id and place (undo of an added agency's deletion)."""
        with self.db.atomic():
            if self.db.execute("SELECT 1 FROM agencies WHERE id = ?", [agency.id]).fetchone():
                raise InvalidInput(f"Cơ quan số {agency.id} vẫn còn, không cần khôi phục.")
            self._shift_siblings(agency.parent_id, agency.position, +1)
            self.db.execute(
                """INSERT INTO agencies (id, name, short_name, kind, parent_id, position, active, replaced_by_id, note)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [agency.id, agency.name, agency.short_name, agency.kind, agency.parent_id, agency.position,
                 int(agency.active), agency.replaced_by_id, agency.note])
            self._set_aliases(agency.id, agency.aliases)
            self._refresh_search(agency.id)
            return self.get(agency.id)

    def reactivate(self, agency_id: int) -> Agency:
        with self.db.atomic():
            self.get(agency_id)
            self.db.execute("UPDATE agencies SET active = 1, replaced_by_id = NULL WHERE id = ?", [agency_id])
            return self.get(agency_id)

    def delete(self, agency_id: int) -> Agency:
        """Delete an agency nothing refers to. One that tasks refer to can only be retired."""
        with self.db.atomic():
            agency = self.get(agency_id)
            if self.children(agency_id):
                raise Refused(f"«{agency.name}» còn có cơ quan trực thuộc; hãy chuyển hoặc xóa chúng trước.")
            used = self.usage_count(agency_id)
            if used:
                raise Refused(
                    f"«{agency.name}» đã được giao {used} nhiệm vụ nên không thể xóa; "
                    "hãy chọn «Ngừng sử dụng» để giữ lại lịch sử."
                )
            if self.db.execute("SELECT 1 FROM agencies WHERE replaced_by_id = ?", [agency_id]).fetchone():
                raise Refused(f"«{agency.name}» đang được ghi là cơ quan thay thế của cơ quan khác, không thể xóa.")
            self.db.execute("DELETE FROM agencies WHERE id = ?", [agency_id])
            self._shift_siblings(agency.parent_id, agency.position + 1, -1)
            return agency

    # ----- internals -----------------------------------------------------------------------
    def _select(self, where: str, params) -> list[Agency]:
        rows = self.db.execute(
            f"""SELECT a.id, a.name, a.short_name, a.kind, a.parent_id, a.position, a.active,
                       a.replaced_by_id, a.note,
                       (SELECT json_group_array(alias) FROM
                            (SELECT alias FROM agency_aliases WHERE agency_id = a.id ORDER BY rowid))
                FROM agencies a {where}
                ORDER BY a.parent_id IS NOT NULL, a.parent_id, a.position, a.id""",
            params,
        ).fetchall()
        return [
            Agency(id=r[0], name=r[1], short_name=r[2], kind=r[3], parent_id=r[4], position=r[5],
                   active=bool(r[6]), replaced_by_id=r[7], note=r[8], aliases=values.from_text_list(r[9]))
            for r in rows
        ]

    def _shift_siblings(self, parent_id: int | None, from_position: int, delta: int) -> None:
        self.db.execute(
            "UPDATE agencies SET position = position + ? WHERE parent_id IS ? AND position >= ?",
            [delta, parent_id, from_position],
        )

    def _set_aliases(self, agency_id: int, aliases) -> None:
        if isinstance(aliases, str):
            raise InvalidInput("Tên gọi khác phải là một danh sách.")
        self.db.execute("DELETE FROM agency_aliases WHERE agency_id = ?", [agency_id])
        seen = set()
        for alias in aliases or ():
            alias = values.text(alias, "tên gọi khác", NAME_CHARS).strip()
            if alias and alias not in seen:
                seen.add(alias)
                self.db.execute("INSERT INTO agency_aliases (agency_id, alias) VALUES (?, ?)", [agency_id, alias])

    def _refresh_search(self, agency_id: int) -> None:
        """Recompute the folded search text of the agency and of the tasks it leads."""
        self.db.execute(f"UPDATE agencies SET search_text = {AGENCY_SEARCH_TEXT_SQL} WHERE id = ?", [agency_id])
        refresh_task_search(self.db, [r[0] for r in self.db.execute(TASKS_LED_BY_SQL, [agency_id])])
