"""«Ký số…»: which document, a file already signed to sign on (or the issuing form printed afresh), the key —
a .p12/.pfx file or a token's PKCS#11 library, both remembered — its password or PIN (never kept), and where
the signed file goes; the office's signature and seal images, shown as there or missing, set from PNG files.
Or an electronic copy of a signed file: the copying agency (remembered) and the kind of copy."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import Plan
from .file_dialogs import ask
from .messages import fit_to_screen, ok_cancel_buttons

PARTS = (("all", "Kế hoạch kèm phụ lục"), ("plan", "Kế hoạch (không phụ lục)"),
         ("appendix", "Phụ lục ban hành thành tệp riêng"), ("report", "Báo cáo kết quả của tháng"),
         ("copy", "Bản sao điện tử của một tệp đã ký (sao y, sao lục)"))
COPY_KINDS = (("sao-y", "Sao y"), ("sao-luc", "Sao lục"))
P12_KEY, MODULE_KEY, KIND_KEY = "signing/p12", "signing/pkcs11_module", "signing/kind"
COPY_AGENCY_KEY = "signing/copy_agency"


class SigningDialog(QDialog):
    def __init__(self, parent, settings: QSettings, plan: Plan, images: dict[str, bool]):
        super().__init__(parent)
        self.settings, self.plan = settings, plan
        self.setWindowTitle(f"Ký số kế hoạch tháng {plan.month_number}/{plan.year}")
        layout = QVBoxLayout(self)
        intro = QLabel("Thứ tự theo Nghị định 30: người có thẩm quyền ký trước (ảnh chữ ký), cơ quan ký sau (ảnh con "
                       "dấu đè lên 1/3 chữ ký); phụ lục tách tệp chỉ cơ quan ký, không ảnh. Mỗi lần ký ghi ra tệp "
                       "mới, không ghi đè tệp cũ.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.part = QComboBox()
        for key, label in PARTS:
            self.part.addItem(label, key)
        form.addRow("Văn bản:", self.part)
        self.source = QLineEdit()
        self.source.setPlaceholderText("để trống: in mẫu ban hành mới rồi ký chữ ký đầu tiên")
        self.source_label = QLabel("Ký tiếp tệp:")
        form.addRow(self.source_label, self._with_button(self.source, "Chọn…", self._choose_source))
        self.number_at_issuing = QCheckBox("Để trống số và ngày: hệ thống văn bản điện tử điền khi ban hành")
        form.addRow("", self.number_at_issuing)
        copy_box = QWidget()
        copy_row = QHBoxLayout(copy_box)
        copy_row.setContentsMargins(0, 0, 0, 0)
        self.copy_kind = QComboBox()
        for key, label in COPY_KINDS:
            self.copy_kind.addItem(label, key)
        self.copy_agency = QLineEdit(settings.value(COPY_AGENCY_KEY, "", str) or plan.issuer_name)
        self.copy_agency.setPlaceholderText("tên cơ quan sao, như «Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa»")
        copy_row.addWidget(self.copy_kind)
        copy_row.addWidget(self.copy_agency, 1)
        form.addRow("Bản sao của:", copy_box)
        self.copy_box = copy_box

        kind_box = QWidget()
        kinds = QHBoxLayout(kind_box)
        kinds.setContentsMargins(0, 0, 0, 0)
        self.use_p12 = QRadioButton("Tệp chứng thư (.p12, .pfx)")
        self.use_token = QRadioButton("Thiết bị ký số (token)")
        self.kind_group = QButtonGroup(self)
        for button in (self.use_p12, self.use_token):
            self.kind_group.addButton(button)
            kinds.addWidget(button)
        (self.use_token if settings.value(KIND_KEY, "p12", str) == "token" else self.use_p12).setChecked(True)
        form.addRow("Khóa ký:", kind_box)
        self.p12 = QLineEdit(settings.value(P12_KEY, "", str))
        form.addRow("Tệp chứng thư:", self._with_button(self.p12, "Chọn…", self._choose_p12))
        self.module = QLineEdit(settings.value(MODULE_KEY, "", str))
        self.module.setPlaceholderText("thư viện PKCS#11 của hãng token, ví dụ C:\\Windows\\System32\\...dll")
        form.addRow("Thư viện token:", self._with_button(self.module, "Chọn…", self._choose_module))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Mật khẩu / PIN:", self.pin)
        self.output = QLineEdit()
        form.addRow("Ghi tệp đã ký:", self._with_button(self.output, "Chọn…", self._choose_output))
        layout.addLayout(form)

        images_row = QHBoxLayout()
        self.person_label, self.seal_label = QLabel(), QLabel()
        self.person_button = QPushButton("Ảnh chữ ký…")
        self.seal_button = QPushButton("Ảnh con dấu…")
        for label, button in ((self.person_label, self.person_button), (self.seal_label, self.seal_button)):
            images_row.addWidget(label)
            images_row.addWidget(button)
        layout.addLayout(images_row)
        self.show_images(images)
        self.buttons = ok_cancel_buttons(self)
        self.buttons.button(self.buttons.StandardButton.Ok).setText("Ký số")
        layout.addWidget(self.buttons)
        self.kind_group.buttonToggled.connect(self._kind_changed)
        self._kind_changed()
        self.part.currentIndexChanged.connect(self._part_changed)
        self._part_changed()
        fit_to_screen(self, 680, 380)

    def _with_button(self, edit: QLineEdit, text: str, slot) -> QWidget:
        """The line with its «Chọn…» beside it (greyed out with it)."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return box

    def show_images(self, images: dict[str, bool]) -> None:
        name = self.plan.signer_name or "người ký"
        self.person_label.setText(f"Chữ ký của {name}: " + ("đã có" if images.get("person") else "CHƯA CÓ"))
        self.seal_label.setText("Con dấu: " + ("đã có" if images.get("seal") else "CHƯA CÓ"))

    def _kind_changed(self, *_args) -> None:
        token = self.use_token.isChecked()
        self.module.parentWidget().setEnabled(token)
        self.p12.parentWidget().setEnabled(not token)

    def _part_changed(self, *_args) -> None:
        """A copy names its agency and is made of a file chosen («Ký tiếp tệp» becomes «Tệp cần sao»)."""
        copying = self.part.currentData() == "copy"
        self.copy_box.setEnabled(copying)
        self.number_at_issuing.setEnabled(not copying)
        self.source_label.setText("Tệp cần sao:" if copying else "Ký tiếp tệp:")
        self.source.setPlaceholderText("tệp PDF cần sao (đã ký số, hoặc bản giấy đã quét)" if copying else
                                       "để trống: in mẫu ban hành mới rồi ký chữ ký đầu tiên")

    def _choose_source(self) -> None:
        path = ask(self, self.settings, "Tệp PDF đã ký (hoặc mẫu ban hành)", "Tệp PDF (*.pdf)")
        if path:
            self.source.setText(path)

    def _choose_p12(self) -> None:
        path = ask(self, self.settings, "Tệp chứng thư số", "Chứng thư số (*.p12 *.pfx)")
        if path:
            self.p12.setText(path)

    def _choose_module(self) -> None:
        path = ask(self, self.settings, "Thư viện PKCS#11 của token", "Thư viện (*.dll *.so *.dylib)")
        if path:
            self.module.setText(path)

    def _choose_output(self) -> None:
        suggested = f"ke-hoach-{self.plan.month}-ky-so.pdf"
        path = ask(self, self.settings, "Ghi tệp đã ký", "Tệp PDF (*.pdf)", suggested)
        if path:
            self.output.setText(path)

    def values(self) -> dict:
        """What the clerk chose; the paths of the key are remembered, never the PIN."""
        token = self.use_token.isChecked()
        self.settings.setValue(KIND_KEY, "token" if token else "p12")
        self.settings.setValue(MODULE_KEY if token else P12_KEY, (self.module if token else self.p12).text().strip())
        if self.part.currentData() == "copy":
            self.settings.setValue(COPY_AGENCY_KEY, self.copy_agency.text().strip())
        return {"agency": self.copy_agency.text(), "kind": self.copy_kind.currentData(), "part": self.part.currentData(), "source": self.source.text().strip(),
                "p12": "" if token else self.p12.text().strip(), "module": self.module.text().strip() if token else "",
                "pin": self.pin.text(), "output": self.output.text().strip(),
                "number_at_issuing": self.number_at_issuing.isChecked()}


def default_output(plan: Plan, source: str, folder: str, part: str = "all") -> str:
    """Beside the file signed on («…-1.pdf» → «…-1-da-ky.pdf», a copy «…-1-ban-sao.pdf»), else in ``folder``."""
    if source:
        path = Path(source)
        return str(path.with_name(f"{path.stem}-{'ban-sao' if part == 'copy' else 'da-ky'}.pdf"))
    return str(Path(folder) / f"ke-hoach-{plan.month}-ky-so.pdf")
