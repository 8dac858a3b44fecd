"""At 1024×768 nothing a clerk reads is cut: the agency tree shows the office's own short names with
their counts («Sở KH&ĐT (3)», not «Sở Kế hoạch và…»), and the task pane puts each label above its
field so the dates and «Lịch…» keep their room."""
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFormLayout, QStyleOptionViewItem
from seed_data import reopened
from test_grid import open_window


def shown_text(tree, agency_id: int, width: int | None = None) -> str:
    """The text the tree draws for the agency, at the width the tree has now (or ``width`` px)."""
    tree.select(agency_id)
    index = tree.view.currentIndex()
    option = QStyleOptionViewItem()
    option.initFrom(tree.view)
    option.rect = tree.view.visualRect(index)
    if width is not None:
        option.rect.setWidth(width)
    tree.view.itemDelegate().initStyleOption(option, index)
    return option.text


def test_the_tree_shows_short_names_with_their_counts_when_narrow(qtbot, sample_store, settings):
    w = open_window(qtbot, sample_store, settings)                        # 1024×740
    agencies = sample_store.agencies
    khdt, tnmt = agencies.find("Sở Kế hoạch và Đầu tư"), agencies.find("Sở Tài nguyên và Môi trường")
    count = len(agencies.tasks_led(w.plan_id)[khdt.id])
    # a cell just wide enough for the short form (the tree at 1024×768 with Linux's fonts gives about that;
    # Windows' wider fonts widen the tree by its buttons)
    bold = w.tree.font()
    bold.setBold(True)
    room = QFontMetrics(bold).horizontalAdvance(f"Sở KH&ĐT ({count})") + 24
    assert shown_text(w.tree, khdt.id, room) == f"Sở KH&ĐT ({count})"
    assert shown_text(w.tree, tnmt.id, room).startswith("Sở TN&MT (")
    assert shown_text(w.tree, agencies.find("Sở Tư pháp").id, room) == "Sở Tư pháp"          # fits: as it is
    w.tree.view.selectionModel().clear()
    w.tree.select(khdt.id)
    assert w.tree.model.itemFromIndex(w.tree.view.currentIndex()).toolTip() == "Sở Kế hoạch và Đầu tư"
    w.splitter.setSizes([420, 400, 300])                                   # the tree dragged wider
    qtbot.waitUntil(lambda: shown_text(w.tree, khdt.id) == f"Sở Kế hoạch và Đầu tư ({count})")


def test_a_name_with_no_short_form_keeps_its_count(qtbot, sample_store, settings):
    w = open_window(qtbot, sample_store, settings)
    store = sample_store
    school = store.agencies.find("Trường Cao đẳng Văn hóa Nghệ thuật và Du lịch Nha Trang")
    task = store.tasks.of_plan(w.plan_id)[0]
    reopened(store)
    store.tasks.update(task.id, lead_agency_ids=(school.id,))
    w.tree.rebuild()
    text = shown_text(w.tree, school.id)
    assert text.startswith("Trường Cao") and "…" in text and text.endswith(" (1)")


def test_the_task_pane_puts_labels_above_fields_when_narrow(qtbot, sample_store, settings):
    w = open_window(qtbot, sample_store, settings)
    pane = w.detail
    assert pane.width() < pane.NARROW
    assert pane.form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows
    for field in (pane.due, pane.completed_on, pane.reported_on):
        assert field.button.width() >= field.button.sizeHint().width()              # «Lịch…» whole
    assert pane.due.edit.width() > pane.width() / 2                              # under its label: the room
    w.resize(1366, 740)
    w.splitter.setSizes([240, 700, 420])
    qtbot.waitUntil(lambda: pane.width() >= pane.NARROW)
    assert pane.form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapLongRows       # beside, with room
