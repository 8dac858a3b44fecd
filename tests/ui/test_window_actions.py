"""Print, agencies, files and settings, through the window."""
import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from khdesk.ui import agency_tree as tree_module
from khdesk.ui.main_window import MainWindow
from khdesk.ui.task_model import CONTENT, LEAD


def plan_tasks(window):
    return window.session.store.tasks.of_plan(window.plan_id)


def test_print_preview_renders_the_pages_and_saves_the_pdf(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("khdesk.ui.print_preview.show_info", lambda *a, **k: None)
    preview = window.print_plan()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20000)
    assert preview.pages == 9                     # the plan (3 pages), then the appendix (6)
    pages = [preview.pages_layout.itemAt(i).widget() for i in range(preview.pages_layout.count())]
    qtbot.waitUntil(lambda: abs(pages[0].pixmap().width() - pages[0].width()) <= 1)   # drawn at the shown size
    assert len(pages) == 9 and pages[0].width() > 300
    target = tmp_path / "phụ lục tháng 5.pdf"
    assert preview.save_pdf(str(target)) == target
    with pdfplumber.open(target) as pdf:
        assert len(pdf.pages) == 9
        assert "KẾ HOẠCH" in pdf.pages[0].extract_text()
        assert "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024" in pdf.pages[3].extract_text()
    preview.reject()
    assert not preview.folder.exists()            # the temporary copy is gone


def test_preview_zooms_fits_and_turns_pages_with_keys_and_buttons(window, qtbot, settings):
    preview = window.print_plan()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.zoom_box.isEnabled(), timeout=20000)
    preview.show()
    qtbot.waitExposed(preview)
    preview.activateWindow()                      # (a shown dialog is active; the offscreen screen needs asking)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is preview)
    qtbot.waitUntil(lambda: preview.scroll.verticalScrollBar().maximum() > 0)    # the pages laid out on screen
    first = preview.labels[0]
    room = preview.scroll.viewport().width()
    assert preview.zoom_box.currentText() == "Vừa chiều rộng" and room - 50 <= first.width() <= room
    assert preview.page_box.value() == 1 and preview.page_count.text() == "/ 9"
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.page_box.value() == 3
    qtbot.waitUntil(lambda: not preview.labels[2].pixmap().isNull())     # the page in sight is drawn
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    assert preview.page_box.value() == 4                                # the appendix's first page
    preview.page_box.setValue(9)
    preview.page_box.editingFinished.emit()
    assert preview.current_page() == 9 and not preview.next_button.isEnabled()
    preview.set_zoom(100)
    width_100 = first.width()
    assert abs(width_100 - 210 / 25.4 * 96) < 2                            # 100 %: A4's real width at 96 dpi
    qtbot.keyClick(preview, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_box.currentText() == "125 %" and first.width() > width_100
    assert preview.current_page() == 9                                  # zooming keeps the page in sight
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.zoom_box.currentText() == "75 %"
    qtbot.keyClick(preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_box.currentText() == "Vừa chiều rộng"
    preview.set_zoom(150)
    preview.reject()
    again = window.print_plan()                                         # the zoom is remembered
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.zoom_box.isEnabled(), timeout=20000)
    assert again.zoom_box.currentText() == "150 %"
    again.reject()


def test_print_to_a_printer_paints_every_page(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    preview = window.print_plan()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.print_button.isEnabled(), timeout=20000)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    printer.setFullPage(True)
    worker = preview.print_pages(printer)
    assert worker is not None and not preview.print_button.isEnabled()          # sent on a worker thread
    qtbot.waitUntil(lambda: preview.status.text() == f"Đã gửi 9 trang tới máy in «{tmp_path / 'printer.pdf'}».",
                    timeout=60000)
    assert preview.print_button.isEnabled() and preview.progress.value() == 9
    with pdfplumber.open(tmp_path / "printer.pdf") as pdf:
        assert len(pdf.pages) == 9
        # each page one image at no more than 300 dpi, the printer scaling it (a 1,200 dpi copy made
        # the output 73 MB and held 1.3 GB)
        image = pdf.pages[0].images[0]
        assert image["srcsize"][0] <= 300 / 72 * 596 + 1
    assert (tmp_path / "printer.pdf").stat().st_size < 9 * 1_500_000
    preview.reject()


def test_cancel_stops_the_pages_going_to_the_printer(window, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    preview = window.print_plan()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.print_button.isEnabled(), timeout=20000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "huy.pdf"))
    from khdesk.ui.print_workers import PDFIUM

    with PDFIUM:                              # the worker waits here before its first page …
        worker = preview.print_pages(printer)
        assert preview.cancel_button.isVisible() and preview.status.text() == "Đang gửi tới máy in…"
        preview.cancel_button.click()         # … while the clerk clicks «Hủy»
    qtbot.waitUntil(lambda: worker.isFinished(), timeout=60000)
    qtbot.waitUntil(lambda: preview.status.text() == "Đã hủy lệnh in.", timeout=5000)
    assert preview.print_button.isEnabled() and not preview.cancel_button.isVisible()
    preview.reject()


def test_the_preview_print_button_asks_for_the_printer(window, qtbot, monkeypatch):
    """«In… (Ctrl+P)» clicked with the mouse: the print dialog, as with the keys (it used to fail
    with «lỗi không mong đợi (TypeError)»: the button's clicked(bool) reached print_pages as its printer)."""
    from PySide6.QtPrintSupport import QPrintDialog

    asked = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: asked.append(dialog.windowTitle()) or 0)
    preview = window.print_plan()
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.print_button.isEnabled(), timeout=20000)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert asked == ["In kế hoạch"]
    preview.reject()


def test_cancel_stops_a_long_print(window, qtbot):
    lead = plan_tasks(window)[0].lead_agency_ids[0]
    with window.session.store.transaction():
        for i in range(1500):
            window.session.store.tasks.add(window.plan_id, f"Nhiệm vụ thử số {i} " * 6, [lead])
    preview = window.print_plan()
    qtbot.addWidget(preview)
    preview.cancel_button.click()
    qtbot.waitUntil(lambda: preview.status.text() == "Đã hủy.", timeout=60000)
    assert not preview.worker.isRunning() or preview.worker.wait(5000)
    assert not preview.save_button.isEnabled() and not preview.pdf_path.exists()
    preview.reject()


def test_a_plan_with_incomplete_tasks_is_not_printed(window, monkeypatch):
    messages = []
    monkeypatch.setattr("khdesk.ui.printing_area.show_error", lambda parent, message, *a: messages.append(message))
    window.select_row(46)
    window.add_task()                       # new empty task
    assert window.print_plan() is None
    assert "nhiệm vụ số 48 chưa có nội dung" in messages[0]


def test_add_rename_reorder_retire_an_agency_with_undo(window, monkeypatch):
    store = window.session.store
    group = store.agencies.find("Sở, ban, ngành thuộc tỉnh")
    window.tree.select(group.id)

    def fill(dialog):
        assert dialog.group.currentData() == group.id                         # «Thuộc nhóm»: the selected group
        dialog.name.setText("Sở Tài chính - Kế hoạch")
        dialog.short.setText("Sở TC-KH")
        dialog.aliases.setPlainText("STCKH")
        return True

    monkeypatch.setattr(tree_module.AgencyDialog, "exec", fill)
    window.tree.add_agency()
    new = store.agencies.find("STCKH")
    assert new.parent_id == group.id and new.position == len(store.agencies.children(group.id))
    assert window.tree.selected_id() == new.id

    def elsewhere(dialog):                                                     # another group chosen there
        dialog.name.setText("Ban Quản lý dự án thử")
        dialog.group.setCurrentIndex(dialog.group.findData(store.agencies.find("UBND các huyện, thị xã, thành phố").id))
        return True

    monkeypatch.setattr(tree_module.AgencyDialog, "exec", elsewhere)
    window.tree.add_agency()
    assert store.agencies.find("Ban Quản lý dự án thử").parent_id == \
        store.agencies.find("UBND các huyện, thị xã, thành phố").id
    window.tree.select(new.id)

    def rename(dialog):
        dialog.short.setText("Sở TCKH")
        return True

    monkeypatch.setattr(tree_module.AgencyDialog, "exec", rename)
    window.tree.edit_agency()
    assert store.agencies.get(new.id).print_name == "Sở TCKH"
    window.tree.move_selected(-1)
    assert store.agencies.get(new.id).position == new.position - 1
    window.undo_action.trigger()                     # move
    window.undo_action.trigger()                     # rename
    assert store.agencies.get(new.id).print_name == "Sở TC-KH"
    window.undo_action.trigger()                     # add (the second one)
    window.undo_action.trigger()                     # add
    assert store.agencies.find("STCKH") is None
    window.redo_action.trigger()
    assert store.agencies.get(new.id).name == "Sở Tài chính - Kế hoạch"

    monkeypatch.setattr(tree_module.PickAgencyDialog, "exec", lambda dialog: True)
    window.tree.select(new.id)
    window.tree.retire_agency()
    assert not store.agencies.get(new.id).active
    window.undo_action.trigger()
    assert store.agencies.get(new.id).active


def test_tree_counts_follow_the_plan(window):
    root = window.tree.model.item(0)
    assert root.text() == "Tất cả (47)"
    window.select_row(0)
    window.add_task()
    assert window.tree.model.item(0).text() == "Tất cả (48)"


def test_drag_and_drop_moves_a_task(window):
    model = window.model
    first = plan_tasks(window)[0].id
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 5, 0, model.index(-1, -1))
    assert [t.id for t in plan_tasks(window)].index(first) == 4
    window.undo_action.trigger()
    assert plan_tasks(window)[0].id == first


def test_open_another_file_and_save_a_copy(window, tmp_path, qtbot):
    from khdesk.usecases.sample_data import new_database

    other = tmp_path / "khac.db"
    with new_database(other, sample=False) as s:
        p = s.plans.create("2025-01")
        s.tasks.add(p.id, "Nhiệm vụ của tệp khác", [s.agencies.find("Sở Y tế").id])
    copy = tmp_path / "ban-sao.db"
    window.session.store.copy_to(copy)
    window.open_file(str(other))
    assert window.plan_box.currentText() == "Tháng 1/2025"
    assert window.proxy.index(0, CONTENT).data() == "Nhiệm vụ của tệp khác"
    assert str(other) in window.windowTitle()
    assert window.settings.value("recent", [], list)[0] == str(other)
    window.open_file(str(copy))
    assert window.proxy.rowCount() == 47


def test_opening_a_bad_file_says_so_and_keeps_the_current_one(window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr("khdesk.ui.opening.show_error", lambda parent, message, *a: messages.append(message))
    bad = tmp_path / "bang.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    window.open_file(str(bad))
    assert "Excel" in messages[0] and window.proxy.rowCount() == 47


def test_layout_and_last_file_are_remembered(qtbot, sample_store, settings):
    first = MainWindow(sample_store, settings)
    qtbot.addWidget(first)
    first.show()
    first.table.setColumnWidth(LEAD, 222)
    first.resize(760, 560)
    first.close()
    assert settings.value("last_file") == str(sample_store.path)
    second = MainWindow(sample_store, settings)
    qtbot.addWidget(second)
    assert second.table.columnWidth(LEAD) == 222
    assert (second.width(), second.height()) == (760, 560)


def test_editing_aliases_only_records_a_real_change(window, monkeypatch):
    store = window.session.store
    agency = store.agencies.find("Sở Y tế")
    window.tree.select(agency.id)
    monkeypatch.setattr(tree_module.AgencyDialog, "exec", lambda dialog: True)      # OK without changes
    before = window.session.undo_stack.count()
    window.tree.edit_agency()
    assert window.session.undo_stack.count() == before


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, sample_store, settings):
    """On a 768-pixel screen the status bar, where "Ctrl+Z để hoàn tác" appears, must be on screen."""
    window = MainWindow(sample_store, settings)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    window.resize(area.width() * 2, area.height() * 2)                 # as saved on a larger screen
    window.close()
    again = MainWindow(sample_store, settings)
    qtbot.addWidget(again)
    assert again.width() <= area.width() and again.height() <= area.height()


def test_every_key_in_the_readme_table_is_bound_once(window):
    """A key bound twice is ignored by Qt as ambiguous (Ctrl+Y redid nothing); a platform's missing
    standard key leaves a menu without its key (Windows has no standard Quit: Ctrl+Q did nothing)."""
    from PySide6.QtGui import QAction, QShortcut

    bound: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            bound.setdefault(key.toString(), []).append(action.text())
    for shortcut in window.findChildren(QShortcut):
        bound.setdefault(shortcut.key().toString(), []).append("QShortcut")
    twice = {key: names for key, names in bound.items() if len(names) > 1}
    assert not twice
    for key in ("Ctrl+Z", "Ctrl+Y", "Ins", "Del", "Ctrl+C", "Ctrl+V", "F6", "Shift+F6", "Alt+Up", "Alt+Down",
                "Ctrl+F", "Ctrl+Shift+N", "Ctrl+P", "Ctrl+O", "Ctrl+Q"):
        assert key in bound, key
