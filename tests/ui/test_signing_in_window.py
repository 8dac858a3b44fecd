"""Ký số in the window (issue 29): the images set from PNG files, the plan signed in the decree's order from
«Kế hoạch › Ký số…», and a signed file checked from «Kiểm tra chữ ký số…»."""
from __future__ import annotations

import pytest
from signing_fixtures import PIN, make_keys, png

from khdesk.formats.pdf.signing import AGENCY, PERSON, fields_of
from khdesk.ui import signing_dialog


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return make_keys(tmp_path_factory.mktemp("keys"))


def answer(monkeypatch, fill):
    """The signing dialog answered by ``fill(dialog)`` (as the clerk fills it), then «Ký số»; once."""
    calls = []

    def exec_(dialog):
        calls.append(dialog)
        if len(calls) > 1:
            return 0                                 # (the clerk closes it the second time)
        fill(dialog)
        return 1

    monkeypatch.setattr(signing_dialog.SigningDialog, "exec", exec_)
    return calls


def test_images_then_person_then_agency_from_the_menu(issued_window, keys, tmp_path, monkeypatch):
    window = issued_window
    shown = []
    monkeypatch.setattr("khdesk.ui.signing_area.show_info", lambda parent, text, title="": shown.append(text))
    (tmp_path / "chu-ky.png").write_bytes(png("person"))
    (tmp_path / "dau.png").write_bytes(png("seal"))
    (tmp_path / "nen-trang.png").write_bytes(png("seal", transparent=False))
    errors = []
    monkeypatch.setattr("khdesk.ui.signing_area.show_error", lambda parent, text, *a: errors.append(text))

    def fill_person(dialog):
        assert "CHƯA CÓ" in dialog.person_label.text() and "CHƯA CÓ" in dialog.seal_label.text()
        monkeypatch.setattr("khdesk.ui.signing_area.ask", lambda *a, **k: str(tmp_path / "nen-trang.png"))
        dialog.seal_button.click()                                  # a white background is refused, said
        assert errors and "nền trong suốt" in errors[-1] and "CHƯA CÓ" in dialog.seal_label.text()
        for button, name in ((dialog.person_button, "chu-ky.png"), (dialog.seal_button, "dau.png")):
            monkeypatch.setattr("khdesk.ui.signing_area.ask", lambda *a, n=name, **k: str(tmp_path / n))
            button.click()
        assert "Nguyễn Tấn Tuấn: đã có" in dialog.person_label.text() and "Con dấu: đã có" in dialog.seal_label.text()
        dialog.use_p12.setChecked(True)
        dialog.p12.setText(str(keys.person))
        dialog.pin.setText(PIN)
        dialog.output.setText(str(tmp_path / "1.pdf"))

    answer(monkeypatch, fill_person)
    window.sign_action.trigger()
    assert {name: signed for name, (signed, _) in fields_of(tmp_path / "1.pdf").items()} == {PERSON: True, AGENCY: False}
    assert "Đã ký số của Nguyễn Tấn Tuấn" in shown[-1] and "«NguoiKy»: Nguyễn Tấn Tuấn" in shown[-1]

    def fill_agency(dialog):
        assert dialog.p12.text() == str(keys.person)                 # the key's file is remembered (never the PIN)
        assert dialog.pin.text() == ""
        dialog.source.setText(str(tmp_path / "1.pdf"))
        dialog.p12.setText(str(keys.agency))
        dialog.pin.setText(PIN)                                      # the output left empty: beside the source

    answer(monkeypatch, fill_agency)
    window.sign_action.trigger()
    signed = tmp_path / "1-da-ky.pdf"
    assert {name: s for name, (s, _) in fields_of(signed).items()} == {PERSON: True, AGENCY: True}
    assert "con dấu đè lên chữ ký" in shown[-1]

    text = window.verify_signed_file(str(signed), [str(keys.ca_pem)])
    assert "Mọi chữ ký đều đạt." in text and text.count("• Đạt: ") == 2 and "thu hồi" in text
    text = window.verify_signed_file(str(signed), [])
    assert "CÓ CHỮ KÝ KHÔNG ĐẠT" in text and "CHƯA được tin cậy" in text


def test_a_wrong_pin_is_said_and_the_dialog_comes_back(issued_window, keys, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr("khdesk.ui.signing_area.show_error", lambda parent, text, *a: errors.append(text))

    def fill(dialog):
        dialog.use_p12.setChecked(True)
        dialog.p12.setText(str(keys.person))
        dialog.pin.setText("sai")
        dialog.output.setText(str(tmp_path / "x.pdf"))

    calls = answer(monkeypatch, fill)
    issued_window.sign_action.trigger()
    assert errors == ["Mật khẩu của «nguoi-ky.p12» không đúng."]
    assert len(calls) == 2                              # shown again, for the clerk to correct
    assert not (tmp_path / "x.pdf").exists()


def test_the_issuing_form_s_preview_marks_where_each_signature_goes(issued_window, qtbot, tmp_path, monkeypatch):
    from khdesk.ui.print_workers import MARK_COLOUR

    monkeypatch.setattr("khdesk.ui.print_preview.show_info", lambda *a, **k: None)
    preview = issued_window.print_issuing_form()
    qtbot.waitUntil(lambda: preview.save_button.isEnabled(), timeout=20000)
    assert [m.field for m in preview.marks] == [PERSON, AGENCY]
    page = preview.marks[0].page
    qtbot.waitUntil(lambda: preview.scroll.verticalScrollBar().maximum() > 0)    # the pages laid out on screen
    preview.go_to_page(page + 1)
    qtbot.waitUntil(lambda: page in preview.drawn and not preview.labels[page].pixmap().isNull())
    image = preview.labels[page].pixmap().toImage()
    scale = preview.drawn[page]
    x0, y0, x1, y1 = preview.marks[0].box
    height = preview.page_sizes[page][1]
    edge = [image.pixelColor(int(x * scale), int((height - y1) * scale)) for x in range(int(x0) + 3, int(x1) - 3)]
    assert any(abs(c.blue() - MARK_COLOUR.blue()) < 40 and c.red() < 80 for c in edge)     # the dashed top edge
    assert "không in ra" in preview.note.text()
    saved = preview.save_pdf(str(tmp_path / "mau.pdf"))                  # the file: its fields, never the marks
    assert set(fields_of(saved)) == {PERSON, AGENCY}
    preview.close()


def test_every_document_has_its_issuing_form_from_the_menu(issued_window, qtbot, monkeypatch):
    """Kế hoạch › Mẫu ban hành để ký số › (kế hoạch kèm phụ lục, kế hoạch, phụ lục tách tệp, báo cáo)."""
    monkeypatch.setattr("khdesk.ui.print_preview.show_info", lambda *a, **k: None)
    opened = []
    monkeypatch.setattr("khdesk.ui.print_preview.PrintPreview.show", lambda self: opened.append(self))
    expected = {"all": [PERSON, AGENCY], "plan": [PERSON, AGENCY], "appendix": [AGENCY], "report": [PERSON, AGENCY]}
    for part, action in issued_window.issuing_form_actions.items():
        action.trigger()
        preview = opened[-1]
        qtbot.waitUntil(lambda p=preview: p.save_button.isEnabled(), timeout=20000)
        assert [m.field for m in preview.marks] == expected[part], part
        assert ("góc trên bên phải" in preview.note.text()) == (part == "appendix")
        if part == "appendix":
            assert preview.marks[0].page == 0
        preview.reject()
    assert len(opened) == 4


def test_an_electronic_copy_from_the_signing_dialog(issued_window, keys, tmp_path, monkeypatch):
    from signing_fixtures import png

    window = issued_window
    store = window.session.store
    store.signature_images.put("person", "Nguyễn Tấn Tuấn", png("person"))
    store.signature_images.put("seal", "", png("seal"))
    shown, errors = [], []
    monkeypatch.setattr("khdesk.ui.signing_area.show_info", lambda parent, text, title="": shown.append(text))
    monkeypatch.setattr("khdesk.ui.signing_area.show_error", lambda parent, text, *a: errors.append(text))

    def fill(source: str, agency: str):
        def do(d):
            d.part.setCurrentIndex(d.part.findData("copy"))
            assert d.copy_box.isEnabled() and not d.number_at_issuing.isEnabled()
            d.source.setText(source)
            if agency:
                d.copy_agency.setText(agency)
            d.copy_kind.setCurrentIndex(d.copy_kind.findData("sao-luc"))
            d.use_p12.setChecked(True)
            d.p12.setText(str(keys.agency))
            d.pin.setText(PIN)
        return do

    answer(monkeypatch, lambda d: (d.part.setCurrentIndex(d.part.findData("all")), d.use_p12.setChecked(True),
                                   d.p12.setText(str(keys.person)), d.pin.setText(PIN),
                                   d.output.setText(str(tmp_path / "1.pdf"))))
    window.sign_action.trigger()
    answer(monkeypatch, fill("", "Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa"))
    window.sign_action.trigger()
    assert "chọn tệp PDF cần sao" in errors[-1]
    calls = answer(monkeypatch, fill(str(tmp_path / "1.pdf"), ""))
    window.sign_action.trigger()
    assert calls[0].copy_agency.text() == "Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa"      # remembered
    copy = tmp_path / "1-ban-sao.pdf"                                # beside the source, never over it
    assert list(fields_of(copy)) == ["SaoVanBan"]
    assert "Sao lục, Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa" in shown[-1]
