"""The task grid as a clerk meets it: Nội dung takes the room, columns are dragged and remembered,
optional columns come from the header's menu, rows show the whole text, and editing starts only on
purpose (F2, Enter, a typed key, a double-click) with Enter saving and Shift/Alt+Enter a new line."""
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from test_editing import type_into

from khdesk.ui.main_window import MainWindow
from khdesk.ui.task_model import CONTENT, COORDINATORS, DEADLINE, LEAD, STATUS, TT


def drag(widget, start: QPoint, end: QPoint) -> None:
    """A real mouse drag (QTest's mouseMove does not hold the button down)."""
    def send(kind, pos, buttons):
        event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.LeftButton,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)
    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        send(QEvent.Type.MouseMove, start + (end - start) * step / 5, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def double_click(qtbot, widget, pos) -> None:
    """What the mouse sends: press, release, then the double-click (QTest's mouseDClick alone sends
    only the last, which a view ignores)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def open_window(qtbot, store, settings, size=(1024, 740)):
    w = MainWindow(store, settings)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(20)
    return w


def test_content_takes_the_room_and_nothing_scrolls_sideways_at_1024(qtbot, sample_store, settings):
    w = open_window(qtbot, sample_store, settings)
    grid = w.table
    assert [grid.isColumnHidden(c) for c in (TT, CONTENT, LEAD, COORDINATORS, DEADLINE, STATUS)] == \
        [False, False, False, True, True, True]
    shown = sum(grid.columnWidth(c) for c in (TT, CONTENT, LEAD))
    assert shown == grid.viewport().width() and grid.horizontalScrollBar().maximum() == 0
    assert grid.columnWidth(CONTENT) > grid.columnWidth(LEAD) + grid.columnWidth(TT)


def test_columns_are_dragged_switched_from_the_header_and_remembered(qtbot, sample_store, settings):
    # (1366 wide: with Windows' fonts and the overdue icon in TT, Nội dung at 1024 has no 100 px to give
    # above its minimum)
    w = open_window(qtbot, sample_store, settings, size=(1366, 740))
    grid, header = w.table, w.table.horizontalHeader()
    edge = header.sectionViewportPosition(LEAD) + header.sectionSize(LEAD) - 1
    y = header.height() // 2
    lead_before, content_before = grid.columnWidth(LEAD), grid.columnWidth(CONTENT)
    drag(header.viewport(), QPoint(edge, y), QPoint(edge + 60, y))        # Cơ quan chủ trì wider
    assert grid.columnWidth(LEAD) == lead_before + 60
    assert grid.columnWidth(CONTENT) == content_before - 60                  # Nội dung gives the room
    edge = header.sectionViewportPosition(CONTENT) + header.sectionSize(CONTENT) - 1
    drag(header.viewport(), QPoint(edge, y), QPoint(edge - 40, y))         # Nội dung itself can be dragged
    assert grid.columnWidth(CONTENT) == content_before - 100
    header.customContextMenuRequested.emit(QPoint(10, y))                   # right-click on the header
    menu = grid.header_menu
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[:3] == ["Hiện cột «Cơ quan phối hợp»", "Hiện cột «Thời hạn»", "Hiện cột «Trạng thái»"]
    next(a for a in menu.actions() if a.text() == "Hiện cột «Trạng thái»").trigger()
    menu.close()
    assert not grid.isColumnHidden(STATUS) and grid.horizontalScrollBar().maximum() == 0
    w.close()
    again = open_window(qtbot, sample_store, settings, size=(1366, 740))
    assert not again.table.isColumnHidden(STATUS) and again.table.isColumnHidden(DEADLINE)
    assert again.table.columnWidth(LEAD) == lead_before + 60


def test_rows_show_the_whole_text_or_three_lines(qtbot, sample_store, settings):
    w = open_window(qtbot, sample_store, settings)
    grid = w.table
    line = grid.fontMetrics().lineSpacing()
    longest = max(range(w.proxy.rowCount()), key=lambda r: len(w.proxy.index(r, CONTENT).data()))
    grid.scrollTo(w.proxy.index(longest, CONTENT))                          # heights are measured in sight
    qtbot.waitUntil(lambda: grid.rowHeight(longest) > 4 * line)             # grown to its text
    # a shorter task keeps the height of its own text (how many lines depends on the font)
    assert grid.rowHeight(0) == grid.sizeHintForRow(0) < grid.rowHeight(longest)
    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Xem")
    view_menu.aboutToShow.emit()
    whole = next(a for a in view_menu.actions() if a.text().startswith("Hiện đủ nội dung"))
    assert whole.isChecked()
    whole.trigger()
    assert grid.rowHeight(longest) == 3 * line + 8 and grid.rowHeight(0) == 3 * line + 8
    w.close()
    assert open_window(qtbot, sample_store, settings).table.rowHeight(longest) == 3 * line + 8


def cell_center(w, row, col):
    return w.table.visualRect(w.proxy.index(row, col)).center()


def test_a_click_on_the_selected_row_does_not_start_editing(window, qtbot):
    window.select_row(2)
    for _ in range(2):
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(window, 2, CONTENT))
        qtbot.wait(QApplication.doubleClickInterval() + 50)
    assert window.table.state() != window.table.State.EditingState


def test_f2_edits_enter_saves_shift_or_alt_enter_is_a_new_line(window, qtbot):
    window.select_row(2)
    task_id = window.current_task_id()
    before = window.session.store.tasks.get(task_id).content
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == before
    assert editor.textCursor().position() == len(before)                    # F2: the text kept, cursor at the end
    type_into(editor, " thêm")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_into(editor, "dòng hai")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    type_into(editor, "dòng ba")
    qtbot.keyClick(editor, Qt.Key.Key_Return)                                # Enter saves
    assert window.table.state() != window.table.State.EditingState
    assert window.session.store.tasks.get(task_id).content == before + " thêm\ndòng hai\ndòng ba"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.store.tasks.get(task_id).content == before


def test_a_typed_key_replaces_a_short_cell_and_esc_cancels(window, qtbot):
    window.select_row(4)
    task_id = window.current_task_id()
    window.proxy.setData(window.proxy.index(4, CONTENT), "Họp giao ban")          # a short cell
    before = window.session.store.tasks.get(task_id).content
    window.table.setFocus()
    qtbot.keyClick(window.table, "M")                                        # the first key opens the cell…
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "oi")                                            # … and the next ones go on in it
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == "Moi"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.table.state() != window.table.State.EditingState
    assert window.session.store.tasks.get(task_id).content == before
    window.table.setFocus()
    qtbot.keyClick(window.table, "V")
    qtbot.keyClicks(QApplication.focusWidget(), "iec")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.store.tasks.get(task_id).content == "Viec"


def test_a_stray_key_never_replaces_a_long_task(window, qtbot):
    """A letter typed on a selected row used to replace a multi-paragraph Nội dung without a word
    (June's task 17, after a dialog closed). The text stays; the key goes on at its end, and the
    status bar says so."""
    window.select_row(16)
    task_id = window.current_task_id()
    before = window.session.store.tasks.get(task_id).content
    assert len(before) > 40
    window.table.setFocus()
    qtbot.keyClick(window.table, "x")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == before + "x"
    assert "giữ nguyên" in window.statusBar().currentMessage()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.session.store.tasks.get(task_id).content == before
    window.table.setFocus()                                                  # Ctrl+A then a key: replaced on purpose
    qtbot.keyClick(window.table, "x")
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_into(editor, "Mới")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.store.tasks.get(task_id).content == "Mới"


def test_enter_or_double_click_opens_the_cell(window, qtbot):
    window.select_row(1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    double_click(qtbot, window.table.viewport(), cell_center(window, 3, CONTENT))
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)


def test_the_number_column_shows_four_digits_beside_the_overdue_icon(window, qtbot):
    """TT showed «50…» for a task numbered 5012; the overdue icon takes room in it too."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    store = window.session.store
    lead = store.tasks.of_plan(window.plan_id)[0].lead_agency_ids
    with store.transaction():
        for i in range(1000):
            store.tasks.add(window.plan_id, f"Nhiệm vụ thử {i}", lead)
    window.session.refresh_all()
    window.model.today = lambda: date(2024, 7, 1)                 # every task overdue: the icon everywhere
    last = window.proxy.rowCount() - 1
    assert window.proxy.index(last, TT).data() == 1047
    # the cell as the style lays it out: the warning icon, then the number
    index = window.proxy.index(last, TT)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    option = QStyleOptionViewItem()
    option.initFrom(window.table.viewport())
    option.rect = window.table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration | QStyleOptionViewItem.ViewItemFeature.HasDisplay
    size = window.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, window.table)
    option.decorationSize = QSize(size, size)
    option.text = "1047"
    text = window.table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, window.table)
    assert text.width() >= window.table.fontMetrics().horizontalAdvance("1047") + 2


def test_a_menu_key_pressed_while_a_cell_is_open_keeps_what_was_typed(window, qtbot):
    """Alt+↑ (Chuyển lên) or Insert pressed in an open cell used to move or add a row and drop the text."""
    window.select_row(2)
    task_id = window.current_task_id()
    before = window.session.store.tasks.get(task_id).content
    window.table.setCurrentIndex(window.proxy.index(2, CONTENT))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    type_into(QApplication.focusWidget(), " đã sửa")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.session.store.tasks.get(task_id).content == before + " đã sửa"
    assert window.current_task_id() == task_id and window.table.currentIndex().row() == 1     # and it moved
    assert window.table.state() != window.table.State.EditingState
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    type_into(QApplication.focusWidget(), " lần hai")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Insert)                           # a new task…
    assert window.session.store.tasks.get(task_id).content == before + " đã sửa lần hai"   # …and the text kept


def test_alt_down_opens_the_agency_list_in_a_cell_and_one_enter_chooses(window, qtbot):
    window.select_row(1)
    task_id = window.current_task_id()
    window.table.setCurrentIndex(window.proxy.index(1, LEAD))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    picker = QApplication.focusWidget()
    qtbot.keyClick(picker, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)   # the list, not «Chuyển xuống»
    assert picker.view().isVisible() and window.current_task_id() == task_id
    wanted = picker.itemText(picker.currentIndex() + 1)
    qtbot.keyClick(picker.view(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table.state() != window.table.State.EditingState)  # one Enter
    assert window.proxy.index(1, LEAD).data() == wanted and window.current_task_id() == task_id
    assert window.focusWidget() is window.table       # the keys stay in the grid (offscreen: the window inactive)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)                                      # typed, the popup, one Enter
    picker = QApplication.focusWidget()
    picker.lineEdit().selectAll()
    type_into(picker, "so noi vu")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table.state() != window.table.State.EditingState)
    assert window.session.store.tasks.get(task_id).lead_agency_ids[0] == \
        window.session.store.agencies.find("Sở Nội vụ").id
