"""The layout rules of the design, checked on the source: no Qt outside khdesk/ui, no SQL outside
khdesk/db."""
import os
import re
from pathlib import Path

import pytest

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


def private_imports_across_packages(root: Path = PACKAGE) -> list[str]:
    """``from .x import _name`` where ``x`` is in another package than the importer: a private name is
    its package's own (``word_import`` once borrowed four of ``excel/reading``)."""
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        package = path.parent.relative_to(root).parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package[:len(package) - node.level + 1] if node.level > 1 else package
            source = (*base, *(node.module or "").split(".")) if node.module else base
            source_package = source[:-1] if (root.joinpath(*source).with_suffix(".py")).exists() else source
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__") and source_package != package:
                    found.append(f"{path.relative_to(root)}: {alias.name} from {'.'.join(source)}")
    return found


def test_no_private_name_is_imported_from_another_package():
    assert private_imports_across_packages() == []


def test_the_private_name_rule_would_catch_a_violation(tmp_path):
    (tmp_path / "excel").mkdir()
    (tmp_path / "excel" / "reading.py").write_text("def _parse(): pass\n", encoding="utf-8")
    (tmp_path / "excel" / "pasting.py").write_text("from .reading import _parse\n", encoding="utf-8")
    (tmp_path / "word_import.py").write_text("from .excel.reading import _parse, parse\n", encoding="utf-8")
    assert private_imports_across_packages(tmp_path) == ["word_import.py: _parse from excel.reading"]


def functions_taking_the_store(root: Path = PACKAGE) -> list[str]:
    """A function of the domain, the document model or a file format with a ``store`` parameter: those take and
    give data; what reads or writes the store is a use-case (``khdesk/usecases``), the window or the command line."""
    import ast

    found = []
    for folder in ("domain", "document", "formats"):
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
                    if "store" in names:
                        found.append(f"{path.relative_to(root).as_posix()}: {node.name}")
    return found


def test_the_domain_the_document_and_the_formats_never_take_the_store(tmp_path):
    assert functions_taking_the_store() == []
    (tmp_path / "formats").mkdir()
    (tmp_path / "formats" / "sheet.py").write_text("def export(store, month):\n    pass\n", encoding="utf-8")
    assert functions_taking_the_store(tmp_path) == ["formats/sheet.py: export"]


def _tool(name: str) -> list[str] | None:
    import shutil
    import sys

    script = Path(sys.executable).with_name(name + (".exe" if sys.platform == "win32" else ""))
    found = str(script) if script.exists() else shutil.which(name)
    return [found] if found else None


@pytest.mark.skipif(_tool("lint-imports") is None or _tool("ruff") is None,
                    reason="the lint tools are installed by `make test` (Linux); the source's rules do not depend on "
                           "the system, and the Windows run under Wine installs only what khdesk and its tests use")
def test_make_test_fails_on_a_broken_layer_or_a_lint_error(tmp_path):
    """What `make test` runs first (ruff, lint-imports) fails on a deliberate violation of each rule."""
    import shutil
    import subprocess

    root = PACKAGE.parent
    shutil.copytree(PACKAGE, tmp_path / "khdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "pyproject.toml", tmp_path)
    for module, line in (("db/backups.py", "from .store import Store"), ("domain/text.py", "import sqlite3"),
                         ("domain/models.py", "from PySide6 import QtCore"),
                         ("domain/progress.py", "from ..document import wording"),
                         ("formats/pdf/story.py", "from ...db import Store"),
                         ("document/model.py", "from ..usecases import printing")):
        with open(tmp_path / "khdesk" / module, "a", encoding="utf-8") as f:
            f.write(f"{line}  # noqa: E402, F401, I001\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([*_tool("lint-imports"), "--no-cache"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=300)
    assert result.returncode != 0
    assert "khdesk.domain.models -> PySide6" in result.stdout and "khdesk.domain.text -> sqlite3" in result.stdout
    assert ".store -> .backups" in result.stdout
    # the layers: the domain below the document, the formats beside the database, the use-cases above both
    assert "khdesk.domain is not allowed to import khdesk.document" in result.stdout
    assert "khdesk.formats is not allowed to import khdesk.db" in result.stdout
    assert "khdesk.document is not allowed to import khdesk.usecases" in result.stdout
    (tmp_path / "khdesk" / "unused.py").write_text("import os\n", encoding="utf-8")
    result = subprocess.run([*_tool("ruff"), "check", "--quiet", "khdesk/unused.py"], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode != 0 and "F401" in result.stdout
