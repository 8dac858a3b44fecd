"""Electronic issuing (issue 29): the issuing form, signing with a .p12 in the decree's order and with its
appearance, and checking signed files — read back from the PDFs (fields, positions, colours, text)."""
from __future__ import annotations

import io
import re
import sys
from datetime import datetime, timedelta, timezone

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader
from signing_fixtures import PIN, make_keys, png

from khdesk.cli import main
from khdesk.errors import InvalidInput
from khdesk.formats.pdf.signing import AGENCY, COPY, PERSON, SEAL_MM, fields_of, load_p12

MM = 72 / 25.4


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def office(sample_store, tmp_path, monkeypatch):
    """The sample database with the office's images, closed (the command line opens it), and the PIN set."""
    sample_store.signature_images.put("person", "Nguyễn Tấn Tuấn", png("person"))
    sample_store.signature_images.put("seal", "", png("seal"))
    path = sample_store.path
    sample_store.close()
    monkeypatch.setenv("KHDESK_PIN", PIN)
    return path


def flattened(path, index: int) -> bytes:
    """The PDF with page ``index``'s signature appearances drawn into the page, as a printer draws them
    (pdfium): their text can then be read back like the page's own."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page = pdf[index]
        assert pypdfium2.raw.FPDFPage_Flatten(page.raw, pypdfium2.raw.FLAT_PRINT) == pypdfium2.raw.FLATTEN_SUCCESS
        page.close()
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def run(*args) -> int:
    return main([str(a) for a in args])


def signed_twice(office, keys, tmp_path):
    assert run("sign", "--db", office, "--plan", "2024-05", "--p12", keys.person, "-o", tmp_path / "1.pdf") == 0
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "1.pdf", "--p12", keys.agency,
               "-o", tmp_path / "2.pdf") == 0
    return tmp_path / "2.pdf"


def test_the_issuing_form_keeps_a_seal_s_room_and_two_empty_fields_where_the_decree_puts_them(office, tmp_path):
    assert run("print", "--db", office, "--plan", "2024-05", "--part", "all", "--issuing", "-o", tmp_path / "f.pdf") == 0
    reader = PdfReader(tmp_path / "f.pdf")
    assert not reader.is_encrypted and float(reader.pdf_header[5:]) >= 1.4
    fields = fields_of(tmp_path / "f.pdf")
    assert {name: signed for name, (signed, _) in fields.items()} == {PERSON: False, AGENCY: False}
    person, seal = fields[PERSON][1], fields[AGENCY][1]
    assert person[3] - person[1] == pytest.approx(38 * MM, abs=0.5)           # room for a seal at its real size
    assert seal[2] - seal[0] == pytest.approx(SEAL_MM * MM, abs=0.5)
    assert seal[2] == pytest.approx(person[0] + (person[2] - person[0]) / 3, abs=0.5)    # over its left third
    with pdfplumber.open(tmp_path / "f.pdf") as pdf:
        page = next(p for p in pdf.pages if "Nơi nhận" in (p.extract_text() or ""))
        words = page.extract_words()
        title = max(w["bottom"] for w in words if w["text"] == "CHỦ")
        name = min(w["top"] for w in words if w["text"] == "Tuấn")
        top, bottom = page.height - person[3], page.height - person[1]
        assert title <= top + 1 and bottom <= name + 1           # between the title and the signer's name
        fonts = {c["fontname"] for c in page.chars}
    assert all("+" in f for f in fonts)                          # every font embedded (a subset)


def test_person_then_agency_with_their_images_and_both_signatures_are_intact_and_trusted(office, keys, tmp_path,
                                                                                         capsys):
    signed = signed_twice(office, keys, tmp_path)
    out = capsys.readouterr().out
    assert "Đã ký số của Nguyễn Tấn Tuấn" in out and "con dấu đè lên chữ ký" in out
    assert (tmp_path / "1.pdf").read_bytes() == signed.read_bytes()[:(tmp_path / "1.pdf").stat().st_size]   # appended
    assert run("verify", signed, "--trust", keys.ca_pem) == 0
    out = capsys.readouterr().out
    assert out.count("Đạt: ") == 2 and "Nguyễn Tấn Tuấn" in out and "Ủy ban nhân dân tỉnh Khánh Hòa" in out
    assert re.search(r"ký lúc 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", out)
    assert "thu hồi" in out                                       # revocation said to be unchecked

    # what the reader sees: the blue signature and, over its left third, the red seal
    fields = fields_of(signed)
    person, seal = fields[PERSON][1], fields[AGENCY][1]
    pdf = pypdfium2.PdfDocument(str(signed))
    pdf.init_forms()                                     # (the signatures are the appearances of form fields)
    try:
        page_index = next(i for i in range(len(pdf)) if "Nơi nhận" in pdf[i].get_textpage().get_text_range())
        image = pdf[page_index].render(scale=2).to_pil().convert("RGB")
    finally:
        pdf.close()
    height = image.height / 2

    def colours(box):
        x0, y0, x1, y1 = box
        return [image.getpixel((int(x * 2), int((height - y) * 2))) for x in range(int(x0), int(x1), 2)
                for y in range(int(y0), int(y1), 2)]

    right_of_seal = (seal[2] + 2, person[1], person[2], person[3])
    assert any(b > 150 and r < 100 for r, g, b in colours(right_of_seal))          # the signature's blue
    assert any(r > 180 and g < 80 and b < 80 for r, g, b in colours(seal))         # the seal's red
    assert b"Helvetica" not in signed.read_bytes()          # no font named that is not embedded (reportlab's default)


def test_the_agency_signs_only_what_the_person_signed(office, keys, tmp_path, capsys):
    assert run("print", "--db", office, "--plan", "2024-05", "--part", "all", "--issuing", "-o", tmp_path / "f.pdf") == 0
    capsys.readouterr()
    # the first signature goes to the person's field, whoever holds the key; its image is the plan's signer's
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "f.pdf", "--p12", keys.person,
               "-o", tmp_path / "1.pdf") == 0
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "1.pdf", "--p12", keys.agency,
               "-o", tmp_path / "2.pdf") == 0
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "2.pdf", "--p12", keys.agency,
               "-o", tmp_path / "3.pdf") == 1
    assert "đã đủ chữ ký số" in capsys.readouterr().err
    assert not (tmp_path / "3.pdf").exists()


def test_an_appendix_in_its_own_file_carries_the_agency_s_stamp_line_top_right(office, keys, tmp_path, capsys):
    before = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)
    assert run("sign", "--db", office, "--plan", "2024-05", "--part", "appendix", "--p12", keys.agency,
               "-o", tmp_path / "pl.pdf") == 0
    after = datetime.now(timezone(timedelta(hours=7)))
    assert run("verify", tmp_path / "pl.pdf", "--trust", keys.ca_pem) == 0
    assert list(fields_of(tmp_path / "pl.pdf")) == [AGENCY]
    with pdfplumber.open(io.BytesIO(flattened(tmp_path / "pl.pdf", 0))) as pdf:      # as printed
        page = pdf.pages[0]
        stamp = [c for c in page.chars if c["top"] < 20 * MM]           # in the top margin
    text = "".join(c["text"] for c in stamp)
    assert text.startswith("4969/KH-UBND")
    when = datetime.fromisoformat(re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", text).group(0))
    assert before <= when <= after
    assert {round(c["size"]) for c in stamp} == {10} and all(c["non_stroking_color"] in ((0,), (0, 0, 0), 0, None)
                                                             for c in stamp)
    assert max(c["x1"] for c in stamp) == pytest.approx(page.width - 15 * MM, abs=1)    # right-aligned to the margin
    assert all("LiberationSerif" in c["fontname"] or "Times" in c["fontname"] for c in stamp)


def test_an_altered_file_and_an_untrusted_signer_are_reported(office, keys, tmp_path, capsys):
    signed = signed_twice(office, keys, tmp_path)
    capsys.readouterr()
    data = signed.read_bytes()
    at = data.index(b"khdesk")                      # the creator in the first revision, under both signatures
    (tmp_path / "sua.pdf").write_bytes(data[:at] + b"KHDESK" + data[at + 6:])
    assert run("verify", tmp_path / "sua.pdf", "--trust", keys.ca_pem) == 1
    out = capsys.readouterr().out
    assert out.count("KHÔNG ĐẠT") == 2 and "ĐÃ BỊ SỬA" in out

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))                 # a note added after the signatures
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"), generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (10, 10, 40, 40)]),
        generic.NameObject("/Contents"): generic.TextStringObject("đã sửa")}))
    page[generic.NameObject("/Annots")] = generic.ArrayObject([*page.get("/Annots", []), note])
    writer.update_container(page)
    out_buffer = io.BytesIO()
    writer.write(out_buffer)
    (tmp_path / "them.pdf").write_bytes(out_buffer.getvalue())
    assert run("verify", tmp_path / "them.pdf", "--trust", keys.ca_pem) == 1
    assert "không cho phép" in capsys.readouterr().out

    assert run("sign", "--db", office, "--plan", "2024-05", "--p12", keys.stranger, "-o", tmp_path / "la.pdf") == 0
    capsys.readouterr()
    assert run("verify", tmp_path / "la.pdf", "--trust", keys.ca_pem) == 1
    captured = capsys.readouterr()
    assert "CHƯA được tin cậy" in captured.out and "Traceback" not in captured.err and captured.err == ""


def test_keys_and_pins_say_what_is_wrong(office, keys, tmp_path, monkeypatch, capsys):
    with pytest.raises(InvalidInput, match="Mật khẩu của «nguoi-ky.p12» không đúng"):
        load_p12(keys.person, "sai")
    (tmp_path / "x.p12").write_bytes(b"not a key")
    with pytest.raises(InvalidInput, match="không phải tệp chứng thư số"):
        load_p12(tmp_path / "x.p12", PIN)
    assert load_p12(keys.person, PIN).subject == "Nguyễn Tấn Tuấn"
    monkeypatch.delenv("KHDESK_PIN")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))           # no terminal to ask in
    assert run("sign", "--db", office, "--plan", "2024-05", "--p12", keys.person, "-o", tmp_path / "1.pdf") == 1
    assert "KHDESK_PIN" in capsys.readouterr().err
    monkeypatch.setenv("KHDESK_PIN", PIN)
    assert run("print", "--db", office, "--plan", "2024-05", "--issuing", "-o", tmp_path / "f.pdf") == 0
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "f.pdf", "--p12", keys.person,
               "-o", tmp_path / "f.pdf") == 1
    assert "không ghi đè tệp chưa ký" in capsys.readouterr().err
    assert run("print", "--db", office, "--plan", "2024-05", "-o", tmp_path / "giay.pdf") == 0     # the paper form
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "giay.pdf", "--p12", keys.person,
               "-o", tmp_path / "g.pdf") == 1
    assert "không có ô ký số" in capsys.readouterr().err


def test_signature_images_are_transparent_pngs_of_a_sane_size(sample_store):
    images = sample_store.signature_images
    for data, reason in ((b"GIF89a...", "phải là tệp PNG"), (png("seal", transparent=False), "nền trong suốt"),
                         (png("seal")[:200], "bị hỏng")):
        with pytest.raises(InvalidInput, match=reason):
            images.put("seal", "", data)
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 6, 0, 0, 0)      # a crafted «100,000 × 100,000»
    chunk = lambda kind, body: struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))  # noqa: E731
    huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    with pytest.raises(InvalidInput, match="100000 × 100000 điểm ảnh"):
        images.put("seal", "", huge)
    with pytest.raises(InvalidInput, match="tên người ký"):
        images.put("person", " ", png("person"))
    images.put("person", "Nguyễn Tấn Tuấn", png("person"))
    assert images.get("person", "Nguyễn Tấn Tuấn") == png("person")
    from khdesk.errors import NotFound

    with pytest.raises(NotFound, match="Chưa có ảnh con dấu"):
        images.get("seal")


def test_the_plan_remembers_its_signed_file_and_check_tells_when_it_changed_after(office, keys, tmp_path, capsys):
    import hashlib

    from seed_data import reopened

    from khdesk.db import Store

    signed = signed_twice(office, keys, tmp_path)
    with Store.open(office) as store:
        plan = store.plans.by_month("2024-05")
        issued = store.issued_files.of_plan(plan.id)
    assert [f.file_name for f in issued] == ["1.pdf", "2.pdf"]
    assert issued[-1].sha256 == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert issued[-1].signer == "Ủy ban nhân dân tỉnh Khánh Hòa" and issued[-1].signed_at.endswith("+07:00")
    capsys.readouterr()
    run("check", "--db", office, "--plan", "2024-05")
    assert "Bản đã ký số" not in capsys.readouterr().out            # the plan says what the file says

    with Store.open(office) as store:
        task = store.tasks.of_plan(reopened(store).id)[3]
        store.tasks.update(task.id, content=task.content + " (sửa sau khi ký)")
    run("check", "--db", office, "--plan", "2024-05")
    out = capsys.readouterr().out
    assert "Bản đã ký số" in out and "«2.pdf»" in out and "Hãy ký lại" in out


@pytest.mark.skipif(sys.platform == "win32", reason="SoftHSM2 is a Linux library (Debian's softhsm2); on Windows a "
                                                    "token's driver is the maker's own DLL, loaded the same way")
def test_a_pkcs11_token_signs_as_the_p12_does(office, keys, tmp_path_factory, tmp_path, capsys):
    from signing_fixtures import TOKEN_PIN, softhsm_module, softhsm_token

    from khdesk.formats.pdf.signing import load_pkcs11

    if softhsm_module() is None:
        pytest.fail("SoftHSM2 is missing: `make test` installs Debian's softhsm2 (apt-get install softhsm2)")
    module = softhsm_token(tmp_path_factory.mktemp("token"), keys.person)
    with pytest.raises(InvalidInput, match="PIN của thiết bị ký số không đúng"):
        load_pkcs11(module, "000000")
    with pytest.raises(InvalidInput, match="không thấy thiết bị ký số|Không thấy thiết bị ký số"):
        load_pkcs11(module, TOKEN_PIN, slot=999)
    key = load_pkcs11(module, TOKEN_PIN)
    assert key.subject == "Nguyễn Tấn Tuấn"
    key.close()

    import os

    os.environ["KHDESK_PIN"] = TOKEN_PIN
    assert run("sign", "--db", office, "--plan", "2024-05", "--pkcs11", module, "-o", tmp_path / "1.pdf") == 0
    os.environ["KHDESK_PIN"] = PIN
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "1.pdf", "--p12", keys.agency,
               "-o", tmp_path / "2.pdf") == 0
    capsys.readouterr()
    assert run("verify", tmp_path / "2.pdf", "--trust", keys.ca_pem) == 0
    out = capsys.readouterr().out
    assert out.count("Đạt: ") == 2 and "«NguoiKy»: Nguyễn Tấn Tuấn" in out


def test_the_number_and_date_can_be_left_for_the_e_office_system(office, tmp_path, capsys):
    """The plan holds 4969 of 13/5/2024; the issuing form can leave both blank (and the appendix's «Kèm theo»
    line not filled, Mẫu 2.2) for the system that issues the file; without the choice they are printed."""
    from pdf_reader import squash

    assert run("print", "--db", office, "--plan", "2024-05", "--part", "all", "--issuing", "--number-at-issuing",
               "-o", tmp_path / "trong.pdf") == 0
    assert run("print", "--db", office, "--plan", "2024-05", "--part", "all", "--issuing", "-o", tmp_path / "so.pdf") == 0
    with pdfplumber.open(tmp_path / "trong.pdf") as pdf:
        blank = squash(" ".join(p.extract_text() for p in pdf.pages))
    with pdfplumber.open(tmp_path / "so.pdf") as pdf:
        filled = squash(" ".join(p.extract_text() for p in pdf.pages))
    assert "4969" not in blank and "13 tháng 5" not in blank
    assert "Số: /KH-UBND" in blank and "Khánh Hòa, ngày tháng năm 2024" in blank
    assert "(Kèm theo Kế hoạch số /KH-UBND ngày tháng năm 2024 của Ủy ban nhân dân tỉnh Khánh Hòa)" in blank
    assert "Số: 4969/KH-UBND" in filled and "ngày 13 tháng 5 năm 2024" in filled
    assert run("print", "--db", office, "--plan", "2024-05", "--number-at-issuing", "-o", tmp_path / "x.pdf") == 1
    assert "chỉ dùng cùng --issuing" in capsys.readouterr().err


def test_what_is_not_a_pdf_is_refused_before_it_is_read_whole(tmp_path):
    from khdesk.usecases.issuing import verify

    (tmp_path / "x.pdf").write_bytes(b"PK\x03\x04 a zip, not a PDF")
    with pytest.raises(InvalidInput, match="không phải tệp PDF"):
        verify(tmp_path / "x.pdf", [])
    with pytest.raises(InvalidInput, match="Không thấy tệp PDF"):
        verify(tmp_path / "khong-co.pdf", [])
    with pytest.raises(InvalidInput, match="không phải tệp thường"):
        verify(tmp_path, [])


def test_an_appendix_alone_is_not_signed_without_the_plan_s_number(office, keys, tmp_path, capsys):
    """Its stamp line carries the number and symbol: a plan with no number yet is refused, saying what to do."""
    from seed_data import reopened

    from khdesk.db import Store

    with Store.open(office) as store:
        store.plans.update(reopened(store).id, number="")
    assert run("sign", "--db", office, "--plan", "2024-05", "--part", "appendix", "--p12", keys.agency,
               "-o", tmp_path / "pl.pdf") == 1
    assert "kế hoạch chưa có số" in capsys.readouterr().err
    assert not (tmp_path / "pl.pdf").exists()


def stamp_chars(path, top_mm: float = 20):
    """The characters of the first page's top margin, as printed (the signatures' appearances drawn in)."""
    with pdfplumber.open(io.BytesIO(flattened(path, 0))) as pdf:
        page = pdf.pages[0]
        return page, [c for c in page.chars if c["top"] < top_mm * MM]


def test_an_electronic_copy_is_the_document_as_shown_signed_by_the_copier_top_right(office, keys, tmp_path, capsys):
    signed = signed_twice(office, keys, tmp_path)
    agency = 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa & <Sở> "Tư pháp"'
    before = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)
    assert run("sign-copy", signed, "--agency", agency, "--p12", keys.agency, "-o", tmp_path / "sao.pdf") == 0
    after = datetime.now(timezone(timedelta(hours=7)))
    assert "Đã ký số bản sao" in capsys.readouterr().out
    assert run("verify", tmp_path / "sao.pdf", "--trust", keys.ca_pem) == 0
    assert list(fields_of(tmp_path / "sao.pdf")) == [COPY]              # the copier's signature, the only one

    page, stamp = stamp_chars(tmp_path / "sao.pdf")
    lines = [line["text"] for line in page.extract_text_lines() if line["top"] < 20 * MM]
    assert " ".join(lines[:-1]) == "Sao y, " + agency                  # what the clerk typed, & < > " kept
    when = datetime.fromisoformat(lines[-1])
    assert before <= when <= after and lines[-1].endswith("+07:00")
    assert {round(c["size"]) for c in stamp} == {10} and max(c["x1"] for c in stamp) == pytest.approx(
        page.width - 15 * MM, abs=1)

    # the document as it showed: the same words on every page, the signature and the seal drawn into the page
    original, copy = PdfReader(signed), PdfReader(tmp_path / "sao.pdf")
    assert [p.extract_text().split() for p in copy.pages] == [p.extract_text().split() for p in original.pages]
    pdf = pypdfium2.PdfDocument(str(tmp_path / "sao.pdf"))             # no forms: only what the pages draw
    try:
        index = next(i for i in range(len(pdf)) if "Nơi nhận" in pdf[i].get_textpage().get_text_range())
        image = pdf[index].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf.close()
    pixels = [image.getpixel((x, y)) for x in range(0, image.width, 2) for y in range(0, image.height, 2)]
    assert any(r > 180 and g < 80 and b < 80 for r, g, b in pixels)         # the seal's red
    assert any(b > 150 and r < 100 and g < 150 for r, g, b in pixels)       # the signature's blue
    assert b"Helvetica" not in (tmp_path / "sao.pdf").read_bytes()


def test_a_copy_is_refused_from_an_altered_original_from_a_copy_and_without_an_agency(office, keys, tmp_path,
                                                                                      capsys):
    signed = signed_twice(office, keys, tmp_path)
    data = signed.read_bytes()
    at = data.index(b"khdesk")
    (tmp_path / "sua.pdf").write_bytes(data[:at] + b"KHDESK" + data[at + 6:])
    capsys.readouterr()
    assert run("sign-copy", tmp_path / "sua.pdf", "--agency", "Văn phòng", "--p12", keys.agency,
               "-o", tmp_path / "a.pdf") == 1
    assert "không còn nguyên" in capsys.readouterr().err and not (tmp_path / "a.pdf").exists()
    assert run("sign-copy", signed, "--agency", "Văn phòng", "--p12", keys.agency, "-o", tmp_path / "b.pdf") == 0
    assert run("sign-copy", tmp_path / "b.pdf", "--agency", "Sở Nội vụ", "--kind", "sao-luc", "--p12", keys.agency,
               "-o", tmp_path / "c.pdf") == 1
    assert "đã là bản sao điện tử" in capsys.readouterr().err and not (tmp_path / "c.pdf").exists()
    assert run("sign-copy", signed, "--agency", "  ", "--p12", keys.agency, "-o", tmp_path / "d.pdf") == 1
    assert "tên cơ quan sao" in capsys.readouterr().err and not (tmp_path / "d.pdf").exists()
    assert run("sign-copy", signed, "--agency", "Văn phòng", "--p12", keys.agency, "-o", signed) == 1
    assert "không ghi đè văn bản gốc" in capsys.readouterr().err and signed.read_bytes() == data

    # a paper document scanned (no signature): copied too, «Sao lục», a long name wrapped, not cut
    assert run("print", "--db", office, "--plan", "2024-05", "-o", tmp_path / "giay.pdf") == 0
    long_name = "Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa (Phòng Hành chính — Tổ chức, bộ phận văn thư lưu trữ)"
    assert run("sign-copy", tmp_path / "giay.pdf", "--agency", long_name, "--kind", "sao-luc", "--p12", keys.agency,
               "-o", tmp_path / "e.pdf") == 0
    page, _ = stamp_chars(tmp_path / "e.pdf")
    lines = [line["text"] for line in page.extract_text_lines() if line["top"] < 20 * MM]
    assert len(lines) == 3 and " ".join(lines[:2]) == "Sao lục, " + long_name
    assert run("verify", tmp_path / "e.pdf", "--trust", keys.ca_pem) == 0


def test_a_pdf_that_allows_no_signature_is_refused_in_words_and_leaves_no_file(office, keys, tmp_path, capsys):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    assert run("print", "--db", office, "--plan", "2024-05", "--issuing", "-o", tmp_path / "form.pdf") == 0
    signer = signers.SimpleSigner.load_pkcs12(str(keys.person), passphrase=PIN.encode("utf-8"))
    meta = signers.PdfSignatureMetadata(field_name=PERSON, certify=True, docmdp_permissions=fields.MDPPerm.NO_CHANGES)
    with open(tmp_path / "form.pdf", "rb") as source, open(tmp_path / "khoa.pdf", "wb") as out:
        signers.PdfSigner(meta, signer=signer).sign_pdf(IncrementalPdfFileWriter(source), output=out)
    capsys.readouterr()
    assert run("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "khoa.pdf", "--p12", keys.agency,
               "-o", tmp_path / "2.pdf") == 1
    err = capsys.readouterr().err
    assert "không cho thay đổi" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "2.pdf").exists()

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(tmp_path / "form.pdf"))       # encrypted, with an empty password
    writer.encrypt(user_password="", owner_password="chu", algorithm="AES-128")
    writer.write(tmp_path / "ma-hoa.pdf")
    for args in (("sign", "--db", office, "--plan", "2024-05", "--input", tmp_path / "ma-hoa.pdf", "--p12",
                  keys.person, "-o", tmp_path / "3.pdf"),
                 ("sign-copy", tmp_path / "ma-hoa.pdf", "--agency", "Văn phòng", "--p12", keys.agency,
                  "-o", tmp_path / "3.pdf"),
                 ("verify", tmp_path / "ma-hoa.pdf")):
        assert run(*args) == 1
        err = capsys.readouterr().err
        assert "được mã hóa" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "3.pdf").exists()
