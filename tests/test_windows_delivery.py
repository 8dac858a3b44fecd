"""What Windows showed (issue 19), checked on every platform: the command line's Vietnamese through a
pipe or a file in an ANSI code page, the self-test without a window, and the installer's scripts read
as Unicode. ``make windows-test`` runs this file (and the rest of the suite) under Windows CPython."""
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khdesk.ui.qt_available import qt_problem

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("isl_messages", ROOT / "installer" / "isl_messages.py")
isl_messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(isl_messages)
spec = importlib.util.spec_from_file_location("bundle_check", ROOT / "installer" / "bundle_check.py")
bundle_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bundle_check)


def khdesk_bytes(*args, env_extra=None, stdout=subprocess.PIPE):
    """The command line with its output a pipe (or a file), read as the bytes it wrote."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, env=env, timeout=300)


# On Windows a pipe or a file gets the ANSI code page (cp1252 on an office PC) unless told otherwise;
# PYTHONIOENCODING=cp1252 gives the same streams elsewhere. Before the fix: UnicodeEncodeError after
# the database was made, "lỗi không mong đợi" on stderr, exit 1.
ANSI = [{"PYTHONIOENCODING": "cp1252"}] + ([{}] if sys.platform == "win32" else [])


@pytest.mark.parametrize("env_extra", ANSI, ids=lambda e: e.get("PYTHONIOENCODING", "windows-default"))
def test_vietnamese_lines_through_a_pipe_in_an_ansi_code_page(tmp_path, env_extra):
    result = khdesk_bytes("init", tmp_path / "k.db", "--sample", env_extra=env_extra)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8").strip() == (
        f"Đã tạo «{tmp_path / 'k.db'}» với danh mục cơ quan và kế hoạch mẫu tháng 2024-05.")
    result = khdesk_bytes("plans", "--db", tmp_path / "không-có.db", env_extra=env_extra)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").strip() == (
        f"khdesk: Không tìm thấy tệp «{tmp_path / 'không-có.db'}». Hãy kiểm tra lại đường dẫn.")


@pytest.mark.parametrize("env_extra", ANSI, ids=lambda e: e.get("PYTHONIOENCODING", "windows-default"))
def test_vietnamese_lines_into_a_file(tmp_path, env_extra):
    assert khdesk_bytes("init", tmp_path / "k.db", "--sample").returncode == 0
    with open(tmp_path / "plans.txt", "wb") as out:                      # khdesk-cli plans … > plans.txt
        assert khdesk_bytes("plans", "--db", tmp_path / "k.db", env_extra=env_extra, stdout=out).returncode == 0
    assert "4969/KH-UBND" in (text := (tmp_path / "plans.txt").read_text(encoding="utf-8"))
    assert "Đã ban hành" in text and "47 nhiệm vụ" in text


def test_self_test_without_the_window_says_which_steps_it_left_and_why():
    result = khdesk_bytes("--self-test", "--no-window")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert out.count("\nOK   ") + out.startswith("OK   ") == 7 and "LỖI" not in out
    assert "OK   ký số" in out                     # pyHanko and its crypto are in the build
    skipped = [line for line in out.splitlines() if line.startswith("BỎ QUA")]
    assert [line.split(":")[0] for line in skipped] == ["BỎ QUA cửa sổ", "BỎ QUA xem trước bản in",
                                                        "BỎ QUA làm việc trong cửa sổ"]
    if qt_problem():                                   # under Wine: the reason is printed
        assert all("Qt không chạy được trên máy này" in line for line in skipped)
    assert out.strip().endswith("tất cả đều tốt.")


def test_installer_scripts_are_read_as_unicode():
    for name in ("khdesk.iss", "Vietnamese.isl"):
        raw = (ROOT / "installer" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: without a BOM ISCC reads it as ANSI"
        raw.decode("utf-8")
    iss = (ROOT / "installer" / "khdesk.iss").read_text(encoding="utf-8-sig")
    assert 'MessagesFile: "Vietnamese.isl"' in iss and "compiler:Languages" not in iss
    assert 'Name: "{group}\\Gỡ cài đặt khdesk"' in iss


def test_the_translation_checker_finds_a_missing_message_and_a_lost_placeholder(tmp_path):
    default = tmp_path / "Default.isl"
    default.write_text("\ufeff[Messages]\nSetupWindowTitle=Setup - %1\nButtonNext=&Next >\n"
                       "[CustomMessages]\nUninstallProgram=Uninstall %1\n", encoding="utf-8")
    good = tmp_path / "good.isl"
    good.write_text("\ufeff[Messages]\nSetupWindowTitle=Cài đặt - %1\nButtonNext=&Tiếp theo >\n"
                    "[CustomMessages]\nUninstallProgram=Gỡ cài đặt %1\n", encoding="utf-8")
    assert isl_messages.problems(default, good) == []
    bad = tmp_path / "bad.isl"
    bad.write_text("[Messages]\nSetupWindowTitle=Cài đặt\nButtonNext=&Tiếp &theo >\n", encoding="utf-8")
    assert isl_messages.problems(default, bad) == [
        "bad.isl: không có BOM UTF-8 (ISCC sẽ đọc theo bảng mã ANSI)",
        "[Messages] ButtonNext: nhiều hơn một dấu & (phím tắt)",
        "[Messages] SetupWindowTitle: chỗ điền [], cần ['%1']",
        "[CustomMessages] thiếu UninstallProgram",
    ]


def test_vietnamese_isl_translates_every_message_it_holds():
    messages = isl_messages.read_isl(ROOT / "installer" / "Vietnamese.isl")
    assert len(messages["Messages"]) > 250 and len(messages["CustomMessages"]) == 12
    assert messages["Messages"]["ButtonNext"] == "&Tiếp theo >"
    assert messages["Messages"]["WindowsVersionNotSupported"].startswith("Chương trình này không hỗ trợ")
    english = [n for n, t in messages["Messages"].items() if any(w in t.split() for w in ("the", "Setup", "Please"))]
    assert english == []


def windows_bundle(folder: Path, leave_out: str = "", add: str = "") -> Path:
    """A one-folder bundle laid out as PyInstaller lays out khdesk on Windows (empty files)."""
    names = ["khdesk.exe", "khdesk-cli.exe", "_internal/python311.dll", "_internal/Qt6Core.dll",
             "_internal/Qt6Gui.dll", "_internal/Qt6Widgets.dll", "_internal/Qt6PrintSupport.dll",
             "_internal/PySide6/plugins/platforms/qwindows.dll", "_internal/PySide6/plugins/platforms/qoffscreen.dll",
             "_internal/PySide6/plugins/styles/qmodernwindowsstyle.dll", "_internal/PySide6/plugins/imageformats/qico.dll"]
    for name in [n for n in names if not n.endswith(leave_out or "\0")] + ([add] if add else []):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"")
    return folder


def test_a_windows_bundle_without_the_platform_plugin_fails_the_build(tmp_path):
    """What the Wine build shipped before issue 24: Qt's DLLs and no plugin at all."""
    assert bundle_check.folder_problems(windows_bundle(tmp_path / "good"), "win32") == []
    broken = windows_bundle(tmp_path / "broken", leave_out="qwindows.dll")
    assert bundle_check.folder_problems(broken, "win32") == [
        "thiếu PySide6/plugins/platforms/qwindows.dll (cửa sổ trên Windows (Qt platform plugin))"]
    result = subprocess.run([sys.executable, str(ROOT / "installer" / "bundle_check.py"), str(broken), "win32"],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "qwindows.dll" in result.stderr
    # the spec's own check, on the names PyInstaller is about to collect (backslashes on Windows)
    assert bundle_check.problems(["PySide6\\Qt6Core.dll", "PySide6\\Qt6Gui.dll"], "win32")[0].startswith(
        "thiếu PySide6/plugins/platforms/qwindows.dll")


def test_the_build_machines_stand_in_icu_never_reaches_the_bundle(tmp_path):
    bundle = windows_bundle(tmp_path / "b", add="_internal/icuuc.dll")
    assert bundle_check.folder_problems(bundle, "win32") == [
        "không được có _internal/icuuc.dll (ICU của máy dựng; Windows có ICU riêng)"]
    bundle = windows_bundle(tmp_path / "c", add="_internal/bcryptprimitives.dll")
    assert bundle_check.folder_problems(bundle, "win32") == [
        "không được có _internal/bcryptprimitives.dll (bcryptprimitives.dll của máy dựng; Windows có "
        "bcryptprimitives.dll riêng)"]

