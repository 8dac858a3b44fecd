"""``khdesk --self-test``: everything the app needs at run time, tried for real in a temporary
folder — the catalogue and sample plan, the fonts, the PDF of the plan and the appendix, Excel out and
back in, Word, ký số (a PAdES signature made and checked), and the window itself (offscreen). Run on the frozen bundle, it catches the missing
file or Qt plugin that unit tests never see. Prints one line per step; exit status 0 when all pass."""
from __future__ import annotations

import base64
import os
import tempfile
import time
from pathlib import Path

# a transparent 8 × 8 PNG: the signature image the self-test signs with
_SELF_TEST_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAAFUlEQVR42mNkYKhgwAeYGAiA4aEAAIOgAIgjw0YjAAAAAElFTkSuQmCC")


def run(window: bool = True, pictures: str | None = None) -> int:
    """``window=False`` (``--self-test --no-window``): the steps that need Qt's window are not run and
    say so, with the reason Qt could not start if it could not. On Windows the window steps use the
    real screen (qwindows.dll), elsewhere offscreen; ``pictures``: a folder for what they show."""
    steps = []

    def step(name, work):
        start = time.perf_counter()
        try:
            detail = work() or ""
        except Exception as err:                       # report every failure, keep going
            print(f"LỖI  {name}: {type(err).__name__}: {err}", flush=True)
            steps.append(False)
            return
        print(f"OK   {name} ({time.perf_counter() - start:.2f} s) {detail}", flush=True)
        steps.append(True)

    with tempfile.TemporaryDirectory(prefix="khdesk-selftest-") as tmp:
        folder = Path(tmp)
        os.environ["KHDESK_DATA_DIR"] = str(folder / "data")
        state = {}

        def database():
            from .usecases.sample_data import new_database

            state["store"] = new_database(folder / "thu.db", sample=True)
            plans = state["store"].plans.summaries()
            assert [(s.plan.month, s.task_count) for s in plans] == [("2024-05", 47)]
            return "kế hoạch mẫu 47 nhiệm vụ"

        def fonts():
            from .document.fonts import bundled_files, choose_family

            missing = [str(p) for p in bundled_files().values() if not p.is_file()]
            assert not missing, f"thiếu {missing}"
            return f"{choose_family().name}, phông đi kèm ở {bundled_files()['regular'].parent}"

        def pdf():
            from .usecases.printing import print_plan

            pages = print_plan(state["store"], "2024-05", folder / "ke-hoach.pdf", "all")
            assert pages >= 8 and (folder / "ke-hoach.pdf").stat().st_size > 20_000
            return f"{pages} trang"

        def excel():
            from .formats.excel.reading import read_table
            from .usecases.exporting import export_plan
            from .usecases.importing import apply_import, match_agencies

            export_plan(state["store"], "2024-05", folder / "ke-hoach.xlsx")
            table = read_table(folder / "ke-hoach.xlsx")
            matches = match_agencies(state["store"], table)
            result = apply_import(state["store"], table, "2024-06", {k: m.agency_id for k, m in matches.items()})
            assert len(result.task_ids) == 47 and not result.created_agency_ids
            return result.summary(state["store"])

        def word():
            from .usecases.exporting import export_docx

            export_docx(state["store"], "2024-05", folder / "ke-hoach.docx", "all")
            return f"{(folder / 'ke-hoach.docx').stat().st_size // 1000} kB"

        def month_end():
            from datetime import date

            from .document.plan_check import summary
            from .domain.periods import MONTH, ReportingRule, period_of
            from .domain.working_days import Calendar
            from .usecases.checking import check_month
            from .usecases.exporting import export_report
            from .usecases.printing import print_report

            pages = print_report(state["store"], "2024-05", folder / "bao-cao.pdf")
            export_report(state["store"], "2024-05", folder / "bao-cao.xlsx")
            findings = check_month(state["store"], "2024-05")
            assert pages >= 3 and any("16, 17" in f.where for f in findings)
            # the holidays library and its Vietnamese names are in this build: Tết and Giỗ Tổ 2024 are days off
            calendar = Calendar()
            tet = {d: note for d, _, note in calendar.holidays(2024)}
            assert not calendar.is_working_day(date(2024, 2, 12)) and tet[date(2024, 4, 18)] == "Ngày Giỗ Tổ Hùng Vương"
            send_by = period_of(ReportingRule(), MONTH, "2024-05").send_by(ReportingRule(), calendar)
            return f"báo cáo {pages} trang, gửi chậm nhất {send_by:%d/%m/%Y}; kiểm tra: {summary(findings)}"

        def signing():
            from .formats.pdf.signing import self_signed_key
            from .usecases.issuing import sign_fresh, verify

            state["store"].signature_images.put("person", "Nguyễn Tấn Tuấn", _SELF_TEST_PNG)
            sign_fresh(state["store"], "2024-05", "all", folder / "ky-so.pdf", self_signed_key("Tự kiểm tra khdesk"))
            found = verify(folder / "ky-so.pdf", [])
            assert [(c.field, c.intact, c.trusted) for c in found] == [("NguoiKy", True, False)], found
            return "ký số PAdES và kiểm tra lại: còn nguyên"

        def show():
            from .ui.self_check import show_window

            return show_window(state["store"], folder, Path(pictures) if pictures else None)

        def walk():
            from .ui.self_check import walk_the_month

            return walk_the_month(state["store"], folder, Path(pictures) if pictures else None)

        def preview():
            from .ui.self_check import render_first_page

            return render_first_page(folder / "ke-hoach.pdf")

        for name, work in (("cơ sở dữ liệu và kế hoạch mẫu", database), ("phông chữ", fonts), ("in PDF", pdf),
                           ("Excel xuất rồi nhập lại", excel), ("Word", word), ("báo cáo và kiểm tra", month_end),
                           ("ký số", signing)):
            step(name, work)
        for name, work in (("cửa sổ", show), ("xem trước bản in", preview),
                           ("làm việc trong cửa sổ: tháng mới, sửa và hoàn tác, in, Excel, Word", walk)):
            if window:
                step(name, work)
            else:
                from .ui.qt_available import qt_problem

                problem = qt_problem()
                print(f"BỎ QUA {name}: không kiểm ở đây (--no-window)" +
                      (f"; Qt không chạy được trên máy này ({problem})" if problem else ""), flush=True)
        if "store" in state:
            state["store"].close()       # before the folder goes: Windows removes no open file
    ok = all(steps)
    print("Tự kiểm tra: " + ("tất cả đều tốt." if ok else "có lỗi, xem các dòng LỖI ở trên."), flush=True)
    return 0 if ok else 1
