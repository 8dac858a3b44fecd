"""Ký số in the window: «Ký số…» (the issuing form signed in the decree's order, with a .p12 or a token; or an
electronic copy of a signed file), and
«Kiểm tra chữ ký số…» (who signed a PDF, when, whether it changed since, whether it is trusted) — a part of
``MainWindow``. The work is ``khdesk.usecases.issuing``'s, the same as the command line's."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ..errors import KhdeskError, NotFound
from .file_dialogs import ask, start_folder
from .messages import show_error, show_info

TRUST_KEY = "signing/trusted_roots"


class SigningArea:
    """Mixed into ``MainWindow``: uses its session, settings and the current plan."""

    def _images(self, plan) -> dict[str, bool]:
        images = self.session.store.signature_images
        found = {}
        for kind, name in (("person", plan.signer_name), ("seal", "")):
            try:
                images.get(kind, name)
                found[kind] = True
            except NotFound:
                found[kind] = False
        return found

    def _set_image(self, dialog, plan, kind: str, path: str | None = None) -> None:
        """A PNG chosen for the plan's signer (``person``) or the agency (``seal``), checked and kept."""
        what = f"chữ ký của {plan.signer_name}" if kind == "person" else "con dấu của cơ quan"
        path = path or ask(dialog, self.settings, f"Ảnh {what} (PNG nền trong suốt)", "Ảnh PNG (*.png)")
        if not path:
            return
        try:
            data = Path(path).open("rb").read(2_000_001)
            self.session.store.signature_images.put(kind, plan.signer_name if kind == "person" else "", data)
        except OSError as err:
            show_error(dialog, f"Không đọc được «{path}»: {err.strerror or err}.")
            return
        except KhdeskError as err:
            show_error(dialog, str(err))
            return
        dialog.show_images(self._images(plan))

    def sign_plan(self):
        """The signing dialog; on «Ký số» the next signature is added and said. Returns the dialog (tests)."""
        from .signing_dialog import SigningDialog, default_output

        plan = self.current_plan()
        if plan is None:
            return None
        dialog = SigningDialog(self, self.settings, plan, self._images(plan))
        dialog.person_button.clicked.connect(lambda: self._set_image(dialog, plan, "person"))
        dialog.seal_button.clicked.connect(lambda: self._set_image(dialog, plan, "seal"))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            chosen = dialog.values()
            chosen["output"] = chosen["output"] or default_output(plan, chosen["source"], start_folder(self.settings),
                                                                  chosen["part"])
            if self._sign(plan, chosen):
                break
        return dialog

    def _sign(self, plan, chosen: dict) -> bool:
        from ..formats.pdf.signing import load_p12, load_pkcs11
        from ..usecases.issuing import sign_copy, sign_fresh, sign_next, verify

        if not chosen["p12"] and not chosen["module"]:
            show_error(self, "Hãy chọn tệp chứng thư (.p12, .pfx) hoặc thư viện của thiết bị ký số.")
            return False
        if chosen["part"] == "copy" and not chosen["source"]:
            show_error(self, "Hãy chọn tệp PDF cần sao (ô «Tệp cần sao»).")
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = load_p12(chosen["p12"], chosen["pin"]) if chosen["p12"] else load_pkcs11(chosen["module"],
                                                                                         chosen["pin"])
            try:
                store = self.session.store
                if chosen["part"] == "copy":
                    said = sign_copy(chosen["source"], chosen["output"], key, chosen["agency"], chosen["kind"])
                elif chosen["source"]:
                    said = sign_next(store, plan.month, chosen["source"], chosen["output"], key)
                else:
                    said = sign_fresh(store, plan.month, chosen["part"], chosen["output"], key,
                                      number_at_issuing=chosen["number_at_issuing"])
            finally:
                key.close()
            checks = verify(chosen["output"], [])
        except KhdeskError as err:
            QApplication.restoreOverrideCursor()
            show_error(self, str(err))
            return False
        except BaseException:
            QApplication.restoreOverrideCursor()          # (the crash handler says the rest; no cursor left waiting)
            raise
        QApplication.restoreOverrideCursor()
        lines = "\n".join(f"• {c.summary()}" for c in checks)
        show_info(self, f"{said}\nTệp đã ký: «{chosen['output']}».\n\nCác chữ ký trong tệp:\n{lines}\n\n(Tin cậy hay "
                        "không: Kế hoạch › Kiểm tra chữ ký số…, với chứng thư gốc của nơi cấp.)", "khdesk — Ký số")
        self.statusBar().showMessage(f"Đã ký số: «{Path(chosen['output']).name}».", 8000)
        return True

    def verify_signed_file(self, path: str | None = None, roots: list[str] | None = None) -> str:
        """Check a signed PDF against the trusted roots the clerk chose (remembered); the summary shown."""
        from ..usecases.issuing import verify

        path = path or ask(self, self.settings, "Tệp PDF đã ký số cần kiểm tra", "Tệp PDF (*.pdf)")
        if not path:
            return ""
        if roots is None:
            roots = [r for r in self.settings.value(TRUST_KEY, [], list) or [] if Path(r).is_file()]
            if not roots:
                chosen = ask(self, self.settings, "Chứng thư gốc tin cậy (của nơi cấp chứng thư số)",
                             "Chứng thư (*.pem *.cer *.crt)")
                roots = [chosen] if chosen else []
                self.settings.setValue(TRUST_KEY, roots)
        try:
            checks = verify(path, [Path(r).read_bytes() for r in roots])
        except OSError as err:
            show_error(self, f"Không đọc được chứng thư gốc: {err.strerror or err}.")
            return ""
        except KhdeskError as err:
            show_error(self, str(err))
            return ""
        if not checks:
            text = f"«{Path(path).name}» không có chữ ký số nào."
        else:
            verdict = "Mọi chữ ký đều đạt." if all(c.good for c in checks) else "CÓ CHỮ KÝ KHÔNG ĐẠT."
            text = f"«{Path(path).name}»: {verdict}\n\n" + "\n".join(
                ("• Đạt: " if c.good else "• KHÔNG ĐẠT: ") + c.summary() for c in checks)
            text += "\n\n(Chưa kiểm tra chứng thư có bị thu hồi hay không: việc đó cần mạng.)"
        show_info(self, text, "khdesk — Kiểm tra chữ ký số")
        return text
