"""A whole plan from the office's Word files (issue 21): what a clerk would otherwise retype — number,
date, subject, grounds, sections, signer, recipients — and the appendix's tasks, from the seed laid out
as its original, from khdesk's own export (a round trip), from appendices in section rows by agency
and by field; .doc through LibreOffice; a folder; crafted files bounded."""
import dataclasses
import os
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from seed_data import expected_leads, read_seed_rows
from word_fixtures import by_agency_as_word, by_field_as_word, lamdong_rows, no_month_docx, seed_as_word

from khdesk.db import Store
from khdesk.domain.models import Plan
from khdesk.errors import InvalidInput, Refused
from khdesk.formats.word import importing as word_import
from khdesk.formats.word.importing import read_word_plan, word_files
from khdesk.usecases import importing
from khdesk.usecases.exporting import export_docx
from khdesk.usecases.importing import apply_word_plan, import_files, match_agencies
from khdesk.usecases.sample_data import new_database

ROOT = Path(__file__).resolve().parent.parent
PLAN_FIELDS = [f.name for f in dataclasses.fields(Plan) if f.name not in ("id", "month", "status", "reopened_at")]


@pytest.fixture
def empty(tmp_path):
    """A new office database: the catalogue, no plan yet."""
    store = new_database(tmp_path / "moi.db", sample=False)
    yield store
    store.close()


def imported(store, path, **kw):
    plan = read_word_plan(path, **kw)
    matches = match_agencies(store, plan.table)
    apply_word_plan(store, plan, {n: m.agency_id for n, m in matches.items()})
    return store.plans.by_month(plan.month), plan


def test_khdesk_s_own_word_file_comes_back_field_by_field_and_task_by_task(sample_store, empty, tmp_path):
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all")
    back, _ = imported(empty, tmp_path / "kh.docx")
    original = sample_store.plans.by_month("2024-05")
    for name in PLAN_FIELDS:
        if name == "report_via_agency_id":
            assert empty.agencies.get(back.report_via_agency_id).name == \
                sample_store.agencies.get(original.report_via_agency_id).name
        else:
            assert getattr(back, name) == getattr(original, name), name
    assert back.status == "issued"
    names = lambda s, ids: [s.agencies.get(a).name for a in ids]   # noqa: E731
    ours = [(t.content, names(sample_store, t.lead_agency_ids)) for t in sample_store.tasks.of_plan(original.id)]
    theirs = [(t.content, names(empty, t.lead_agency_ids)) for t in empty.tasks.of_plan(back.id)]
    assert theirs == ours and len(theirs) == 47


def test_the_seed_laid_out_as_its_original_word_file(sample_store, empty, tmp_path):
    original = sample_store.plans.by_month("2024-05")
    back, plan = imported(empty, seed_as_word(tmp_path / "4969.docx", original))
    assert plan.month == "2024-05" and plan.unplaced == []
    for name in ("number", "symbol", "issued_on", "place", "issuing_body", "issuer_name", "doc_type", "subject",
                 "grounds", "general_tasks", "specific_tasks_text", "implementation", "report_deadline",
                 "recipients", "signer_authority", "signer_title", "signer_name", "appendix_title",
                 "appendix_reference"):
        assert getattr(back, name) == getattr(original, name), name
    seed = read_seed_rows()
    leads = expected_leads(seed)
    tasks = empty.tasks.of_plan(back.id)
    assert [t.content for t in tasks] == [seed[n][0] for n in sorted(seed)]          # every text exact
    assert [empty.agencies.get(t.lead_agency_ids[0]).print_name for t in tasks] == [leads[n] for n in sorted(seed)]
    # and its appendix prints every task's text exactly, in order
    from pdf_reader import column_text, columns, open_pdf, squash, tt_numbers

    from khdesk.usecases.printing import print_appendix

    print_appendix(empty, "2024-05", tmp_path / "phu-luc.pdf")
    cols = columns()
    with open_pdf(tmp_path / "phu-luc.pdf") as pdf:
        assert [n for page in pdf.pages for n in tt_numbers(page, cols)] == list(range(1, 48))
        printed = " ".join(column_text(page, cols, 1) for page in pdf.pages)
    assert squash(printed) == squash(" ".join(seed[n][0] for n in sorted(seed)))


def test_an_appendix_in_section_rows_by_agency_with_no_lead_column(sample_store, empty, tmp_path):
    original = sample_store.plans.by_month("2024-05")
    tasks = sample_store.tasks.of_plan(original.id)
    names = {a.id: a.print_name for a in sample_store.agencies.all()}
    back, plan = imported(empty, by_agency_as_word(tmp_path / "theo-co-quan.docx", original, tasks, names))
    got = empty.tasks.of_plan(back.id)
    assert [t.content for t in got] == [t.content for t in tasks]
    assert [empty.agencies.get(t.lead_agency_ids[0]).name for t in got] == \
        [sample_store.agencies.get(t.lead_agency_ids[0]).name for t in tasks]          # sections are the leads


def test_an_appendix_in_section_rows_by_field(sample_store, empty, tmp_path):
    original = sample_store.plans.by_month("2024-05")
    plan = read_word_plan(by_field_as_word(tmp_path / "theo-linh-vuc.docx", original), month="2025-08")
    rows = lamdong_rows()
    assert [r.content for r in plan.table.rows] == [r["noi_dung"] for r in rows]      # no field row is a task
    assert [r.leads for r in plan.table.rows][:2] == [["Sở Khoa học và Công nghệ"], ["Văn phòng UBND tỉnh"]]
    assert plan.table.rows[1].deadline_text == "Trong tháng 8/2025"
    assert all("HOÀN THIỆN" not in " ".join(r.leads).upper() for r in plan.table.rows)


def test_an_existing_month_is_never_overwritten_without_being_asked(sample_store, tmp_path):
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all")
    plan = read_word_plan(tmp_path / "kh.docx")
    before = [t.id for t in sample_store.tasks.of_plan(sample_store.plans.by_month("2024-05").id)]
    with pytest.raises(Refused, match="không ghi đè.*--replace"):
        apply_word_plan(sample_store, plan, {})
    assert [t.id for t in sample_store.tasks.of_plan(sample_store.plans.by_month("2024-05").id)] == before


def test_a_document_without_a_month_asks_for_one(tmp_path):
    path = no_month_docx(tmp_path / "khong-thang.docx")
    with pytest.raises(InvalidInput, match="tháng nào.*--plan"):
        read_word_plan(path)
    assert read_word_plan(path, month="2026-03").month == "2026-03"


def test_import_docx_on_the_command_line_one_file(sample_store, tmp_path):
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all")
    new_database(tmp_path / "moi.db", sample=False).close()
    run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, a)], capture_output=True,  # noqa
                                    text=True, encoding="utf-8", timeout=120)
    result = run("import-docx", "--db", tmp_path / "moi.db", tmp_path / "kh.docx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Đã nhập kế hoạch tháng 5/2024, số 4969/KH-UBND: 47 nhiệm vụ từ «kh.docx».")
    result = run("import-docx", "--db", tmp_path / "moi.db", tmp_path / "kh.docx")
    assert result.returncode == 1 and result.stderr.strip().splitlines() == [
        "khdesk: Đã có kế hoạch tháng 5/2024 (số 4969/KH-UBND); không ghi đè. Nếu thật muốn thay bằng tệp này, "
        "chạy lại với --replace."]


def fake_soffice(folder: Path, copy_from: Path | None = None) -> Path:
    """A stand-in for LibreOffice's soffice, found on PATH as the real one is: given ``copy_from`` it
    "converts" (writes <outdir>/thang-5.docx, as soffice --convert-to docx --outdir DIR FILE does),
    otherwise it hangs. A shell script on POSIX, a .bat on Windows."""
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    if sys.platform == "win32":
        work = (f'copy /y "{copy_from}" "%~2\\thang-5.docx" >nul' if copy_from
                else f'"{sys.executable}" -c "import time; time.sleep(30)"')
        (folder / "soffice.bat").write_text(
            "@echo off\r\n:loop\r\nif \"%~1\"==\"--outdir\" goto found\r\nif \"%~1\"==\"\" exit /b 1\r\n"
            f"shift\r\ngoto loop\r\n:found\r\n{work}\r\n", encoding="ascii")
    else:
        work = f'cp "{copy_from}" "$2/thang-5.docx"' if copy_from else "sleep 30"
        script = folder / "soffice"
        script.write_text(f'#!/bin/sh\nwhile [ "$1" != "--outdir" ]; do shift; done\n{work}\n', encoding="utf-8")
        script.chmod(0o755)
    return folder


def test_doc_files_without_libreoffice_say_what_to_do(tmp_path, monkeypatch):
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(word_import, "find_soffice", lambda: None)
    with pytest.raises(InvalidInput, match="«cu.doc» là tệp Word cũ.*Lưu thành \\(Save As\\) kiểu .docx"):
        read_word_plan(doc)


def test_doc_files_go_through_libreoffice_and_a_hung_converter_is_stopped(sample_store, tmp_path, monkeypatch):
    export_docx(sample_store, "2024-05", tmp_path / "kh.docx", "all")
    doc = tmp_path / "thang-5.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    bin_dir = fake_soffice(tmp_path / "bin", copy_from=tmp_path / "kh.docx")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    plan = read_word_plan(doc)
    assert plan.month == "2024-05" and len(plan.table.rows) == 47 and "LibreOffice" in plan.notes[0]
    # hangs: stopped at the time limit, the file named, the converter and what it started ended
    fake_soffice(tmp_path / "bin")
    monkeypatch.setattr(word_import, "CONVERT_SECONDS", 2)
    started = time.monotonic()
    with pytest.raises(InvalidInput, match="LibreOffice chuyển «thang-5.doc» quá 2 giây"):
        read_word_plan(doc)
    assert time.monotonic() - started < 20


def test_a_folder_of_plans_imports_in_date_order_with_a_summary(sample_store, empty, tmp_path, monkeypatch):
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    may = sample_store.plans.by_month("2024-05")
    export_docx(sample_store, "2024-05", folder / "b-thang-5.docx", "all")
    june = dataclasses.replace(may, month="2024-06", number="5123", issued_on=date(2024, 6, 12),
                               subject="Triển khai thực hiện nhiệm vụ trọng tâm tháng 6 năm 2024",
                               appendix_title="NHIỆM VỤ TRỌNG TÂM THÁNG 6/2024",
                               appendix_reference="Ban hành kèm theo Kế hoạch số 5123/KH-UBND ngày 12/6/2024 của UBND tỉnh")
    seed_as_word(folder / "a-thang-6.docx", june)
    (folder / "c-cu.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (folder / "~$thang-5.docx").write_bytes(b"lock file of Word")
    (folder / "ghi-chu.txt").write_text("không phải kế hoạch", encoding="utf-8")
    monkeypatch.setattr(word_import, "find_soffice", lambda: None)
    files = word_files([folder])
    assert [f.name for f in files] == ["a-thang-6.docx", "b-thang-5.docx", "c-cu.doc"]
    outcomes = import_files(empty, files)
    assert [(o.path.name, o.status) for o in outcomes] == [
        ("a-thang-6.docx", "đã nhập"), ("b-thang-5.docx", "đã nhập"), ("c-cu.doc", "bỏ qua")]
    assert [s.plan.month for s in empty.plans.summaries()] == ["2024-05", "2024-06"]
    again = import_files(empty, files)
    assert [o.status for o in again] == ["đã có", "đã có", "bỏ qua"]


def test_a_folder_import_stopped_by_a_full_disk_says_which_months_went_in(sample_store, tmp_path, monkeypatch,
                                                                         capsys):
    """The disk fills up while the second month of a folder is written: that month is not in (all or nothing),
    the third is not tried, and the clerk reads which month did go in — it once said only «ổ đĩa đã đầy»."""
    import sqlite3

    from khdesk.cli import main

    folder = tmp_path / "luu-tru"
    folder.mkdir()
    may = sample_store.plans.by_month("2024-05")
    for n, day in ((6, 12), (7, 10), (8, 9)):
        seed_as_word(folder / f"thang-{n}.docx", dataclasses.replace(
            may, month=f"2024-{n:02}", number=f"51{n}0", issued_on=date(2024, n, day),
            subject=f"Triển khai thực hiện nhiệm vụ trọng tâm tháng {n} năm 2024",
            appendix_title=f"NHIỆM VỤ TRỌNG TÂM THÁNG {n}/2024",
            appendix_reference=f"Ban hành kèm theo Kế hoạch số 51{n}0/KH-UBND ngày {day}/{n}/2024 của UBND tỉnh"))
    db = str(sample_store.path)
    sample_store.close()
    real, calls = importing.apply_word_plan, []

    def fills_up(store, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            with store.transaction():          # half a plan written, then the disk is full
                store.plans.create("2024-07")
                raise sqlite3.OperationalError("database or disk is full")
        return real(store, *args, **kwargs)

    monkeypatch.setattr(importing, "apply_word_plan", fills_up)
    assert main(["import-docx", "--db", db, str(folder)]) == 1
    out, err = capsys.readouterr()
    assert [line.split()[:3] for line in out.splitlines()[:3]] == [
        ["thang-6.docx", "đã", "nhập"], ["thang-7.docx", "chưa", "nhập"], ["thang-8.docx", "chưa", "nhập"]]
    assert "1 tệp đã nhập" in out and "2 tệp chưa nhập" in out
    assert err.count("\n") == 1 and "ổ đĩa đã đầy" in err and "Đã nhập: tháng 6/2024" in err

    with Store.open(db) as store:
        assert [s.plan.month for s in store.plans.summaries()] == ["2024-05", "2024-06"]
    assert len(calls) == 2                       # the third month was not tried


def test_a_crafted_docx_is_refused_by_what_it_inflates(tmp_path, monkeypatch):
    bomb = tmp_path / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * 150_000_000 + b"</w:document>")
    with pytest.raises(InvalidInput, match="giải nén lớn bất thường"):
        read_word_plan(bomb)
    monkeypatch.setattr(word_import, "MAX_PARAGRAPHS", 50)
    from docx import Document

    many = Document()
    for i in range(80):
        many.add_paragraph(f"Đoạn {i}")
    many.save(tmp_path / "nhieu.docx")
    with pytest.raises(InvalidInput, match="có hơn 50 đoạn"):
        read_word_plan(tmp_path / "nhieu.docx")
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(InvalidInput, match="bị hỏng"):
        read_word_plan(tmp_path / "hong.docx")


def test_a_subject_on_two_lines_and_rules_typed_as_lines(tmp_path):
    from docx import Document

    doc = Document()
    for text, bold in (("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA", True), ("Số: 12/KH-UBND", False),
                       ("Khánh Hòa, ngày 05 tháng 1 năm 2026", False), ("KẾ HOẠCH", True),
                       ("Triển khai thực hiện nhiệm vụ trọng tâm", True), ("tháng 01 năm 2026", True),
                       ("_______________", False), ("Căn cứ Chương trình công tác năm 2026;", False),
                       ("I. NHIỆM VỤ CHUNG", True), ("1. Việc chung một.", False), ("Đoạn thêm của việc một.", False),
                       ("2. Việc chung hai.", False)):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
    table = doc.add_table(rows=2, cols=3)
    for c, text in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["1", "Việc một", "Sở Y tế"]):
        table.cell(1, c).text = text
    doc.save(tmp_path / "kh.docx")
    plan = read_word_plan(tmp_path / "kh.docx")
    assert plan.fields["subject"] == "Triển khai thực hiện nhiệm vụ trọng tâm tháng 01 năm 2026"
    assert plan.month == "2026-01" and plan.fields["number"] == "12" and plan.fields["issued_on"] == date(2026, 1, 5)
    assert plan.fields["grounds"] == "Căn cứ Chương trình công tác năm 2026;"
    assert plan.fields["general_tasks"] == ("Việc chung một.\nĐoạn thêm của việc một.", "Việc chung hai.")
    assert plan.fields["issuer_name"] == "Ủy ban nhân dân tỉnh Khánh Hòa" and plan.unplaced == []


def test_a_file_named_like_an_option_is_never_handed_to_libreoffice_as_one(tmp_path, monkeypatch):
    """«import-docx -- -o.doc» handed «-o.doc» to soffice, which reads it as its own option."""
    seen = []

    def popen(command, **kwargs):
        seen.append(command)
        raise OSError(2, "stand-in")

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-o.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(word_import, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(word_import.subprocess, "Popen", popen)
    with pytest.raises(InvalidInput, match="Không chạy được LibreOffice"):
        read_word_plan(Path("-o.doc"))
    file_argument = seen[0][-1]
    assert Path(file_argument).is_absolute() and Path(file_argument).name == "-o.doc"
    assert not any(arg.startswith("-") and arg.endswith(".doc") for arg in seen[0])
