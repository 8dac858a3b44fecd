"""What came in and once hung khdesk forever: a named pipe or a device given as the file to read (opening
one waits for a writer), a Word file whose styles are based on themselves. Each is refused at once with one
Vietnamese line."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from test_cli import khdesk

from khdesk.formats.word.importing import read_word_plan

ROOT = Path(__file__).resolve().parent.parent


def quick(*args):
    """The command line, given 30 s: a hang fails the test instead of the suite."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=30)


@pytest.fixture
def db(tmp_path):
    assert khdesk("init", tmp_path / "k.db", "--sample").returncode == 0
    return tmp_path / "k.db"


COMMANDS = {
    "import-docx": lambda db, f: ("import-docx", "--db", db, f),
    "import-docx --into": lambda db, f: ("import-docx", "--db", db, "--into", "2024-06", f),
    "import-xlsx": lambda db, f: ("import-xlsx", "--db", db, "--plan", "2024-06", f),
    "import-results": lambda db, f: ("import-results", "--db", db, f),
    "--db": lambda db, f: ("plans", "--db", f),
}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX by nature: Windows has no named pipe in a folder")
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["ong.docx", "ong.xlsx", "ong.db"])
def test_a_named_pipe_given_as_input_is_refused_at_once(db, tmp_path, command, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    result = quick(*COMMANDS[command](db, fifo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "không phải tệp thường" in result.stderr, result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_given_as_input_is_refused_at_once(db, command):
    device = "NUL" if sys.platform == "win32" else "/dev/zero"
    result = quick(*COMMANDS[command](db, device))
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.startswith("khdesk: ")


def test_a_missing_result_sheet_is_said_in_vietnamese(db, tmp_path):
    result = quick("import-results", "--db", db, tmp_path / "khong-co.xlsx")
    assert result.returncode == 1 and "Không tìm thấy tệp" in result.stderr
    assert "No such file" not in result.stderr


def test_styles_based_on_themselves_do_not_hang_the_reading(tmp_path):
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Nhiệm vụ tháng 6 năm 2026", style="Heading 1")
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    styles = doc.styles.element
    from docx.oxml.ns import qn

    heading, title = doc.styles["Heading 1"].element, doc.styles["Title"].element
    for style, base in ((heading, "Title"), (title, "Heading1")):              # a ring of two
        for old in style.findall(qn("w:basedOn")):
            style.remove(old)
        based = styles.makeelement(qn("w:basedOn"), {qn("w:val"): base})
        style.insert(1, based)
    normal = doc.styles["Normal"].element                                      # and one based on itself
    normal.insert(1, styles.makeelement(qn("w:basedOn"), {qn("w:val"): "Normal"}))
    doc.save(tmp_path / "vong.docx")
    plan = subprocess.run([sys.executable, "-c", "import sys; from khdesk.formats.word.importing import read_word_plan; "
                           "p = read_word_plan(sys.argv[1]); print(p.month, len(p.table.rows))",
                           str(tmp_path / "vong.docx")], capture_output=True, text=True, timeout=30,
                          cwd=ROOT, encoding="utf-8")
    assert plan.stdout.split() == ["2026-06", "1"], plan.stderr
    assert read_word_plan(tmp_path / "vong.docx").fields["subject"] == "Nhiệm vụ tháng 6 năm 2026"


def test_a_word_cell_longer_than_khdesk_keeps_is_refused_naming_the_row(db, tmp_path):
    """(a 59 KB .docx once imported one task of 3,060,186 characters; printing it never finished)"""
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Nhiệm vụ tháng 6 năm 2024")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["TT", "Nội dung", "Cơ quan chủ trì"], ["1", "Việc một", "Sở Y tế"],
                             ["2", "chữ " * 100_000, "Sở Tư pháp"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(tmp_path / "dai.docx")
    assert (tmp_path / "dai.docx").stat().st_size < 100_000
    result = quick("import-docx", "--db", db, tmp_path / "dai.docx")
    assert result.returncode == 1 and "«dai.docx», dòng 3" in result.stderr and "399.999 ký tự, quá 32.767" in result.stderr
    assert "2024-06" not in quick("plans", "--db", db).stdout                       # nothing written
