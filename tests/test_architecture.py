"""The layout rules of the design, checked on the source: no Qt outside khdesk/ui, no SQL outside
khdesk/db."""
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "khdesk"
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA)\b")


def sources(exclude: str):
    for path in sorted(PACKAGE.rglob("*.py")):
        if exclude not in path.relative_to(PACKAGE).parts:
            yield path


def test_no_qt_import_outside_the_ui_package():
    offenders = [p.name for p in sources("ui") if re.search(r"^\s*(from|import)\s+(PySide6|shiboken6)",
                                                            p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def test_no_sql_outside_the_db_package():
    offenders = [p.name for p in sources("db") if SQL.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_rules_would_catch_a_violation():
    assert SQL.search('db.execute("SELECT id FROM tasks")')
    assert SQL.search("db.execute('UPDATE tasks SET x = 1')")
