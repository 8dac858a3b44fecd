"""A self-made certificate authority with a Vietnamese name, the .p12 files of a competent person and of the
agency it issued, another CA's .p12 (not trusted), and the office's images (a blue signature and a red seal on
transparent PNGs) — all made by the tests, nothing fetched."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

PIN = "12 34 ơ"                 # a PIN with a space and a Vietnamese letter


@dataclass
class Keys:
    ca_pem: Path
    person: Path                # «Nguyễn Tấn Tuấn»
    agency: Path                # «Ủy ban nhân dân tỉnh Khánh Hòa»
    stranger: Path              # issued by another CA


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND tỉnh Khánh Hòa"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _ca(cn: str):
    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(_name(cn)).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True).sign(key, hashes.SHA256()))
    return key, cert


def _p12(path: Path, cn: str, ca_key, ca_cert) -> Path:
    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(_name(cn)).issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365)).add_extension(usage, critical=True)
            .sign(ca_key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        cn.encode("utf-8"), key, cert, [ca_cert], serialization.BestAvailableEncryption(PIN.encode("utf-8"))))
    # the same key and certificate as a token holds them (for SoftHSM)
    path.with_suffix(".key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                               serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
    path.with_suffix(".cert.der").write_bytes(cert.public_bytes(serialization.Encoding.DER))
    return path


def make_keys(folder: Path) -> Keys:
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert = _ca("CA thử nghiệm của khdesk")
    other_key, other_cert = _ca("CA lạ")
    (folder / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return Keys(folder / "ca.pem", _p12(folder / "nguoi-ky.p12", "Nguyễn Tấn Tuấn", ca_key, ca_cert),
                _p12(folder / "co-quan.p12", "Ủy ban nhân dân tỉnh Khánh Hòa", ca_key, ca_cert),
                _p12(folder / "la.p12", "Người lạ", other_key, other_cert))


def png(kind: str, transparent: bool = True) -> bytes:
    """A blue signature stroke (600 × 250) or a red seal ring (500 × 500), transparent around it."""
    mode, clear = ("RGBA", (0, 0, 0, 0)) if transparent else ("RGB", (255, 255, 255))
    if kind == "person":
        image = Image.new(mode, (600, 250), clear)
        ImageDraw.Draw(image).line([(40, 180), (160, 60), (260, 200), (380, 70), (560, 150)],
                                   fill=(20, 40, 200), width=14)
    else:
        image = Image.new(mode, (500, 500), clear)
        draw = ImageDraw.Draw(image)
        draw.ellipse([10, 10, 490, 490], outline=(220, 20, 20), width=40)
        draw.ellipse([120, 120, 380, 380], fill=(220, 20, 20))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


SOFTHSM_MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                   "/usr/local/lib/softhsm/libsofthsm2.so")
TOKEN_PIN = "246810"


def softhsm_module() -> str | None:
    import shutil

    found = next((m for m in SOFTHSM_MODULES if Path(m).is_file()), None)
    return found if found and shutil.which("softhsm2-util") else None


def softhsm_token(folder: Path, p12: Path, label: str = "nguoi-ky") -> str:
    """A SoftHSM2 token in ``folder`` holding the key and certificate of ``p12`` (made by ``make_keys``);
    sets SOFTHSM2_CONF for this process (the library reads it when first loaded). Returns the module."""
    import os
    import subprocess

    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    (folder / "tokens").mkdir(parents=True, exist_ok=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n",
                    encoding="utf-8")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = ["softhsm2-util"]
    subprocess.run([*util, "--init-token", "--free", "--label", "khdesk", "--pin", TOKEN_PIN, "--so-pin", "13579"],
                   check=True, capture_output=True)
    subprocess.run([*util, "--import", str(p12.with_suffix(".key.pem")), "--token", "khdesk", "--label", label,
                    "--id", "01", "--pin", TOKEN_PIN], check=True, capture_output=True)
    module = softhsm_module()
    token = pkcs11.lib(module).get_token(token_label="khdesk")
    der = p12.with_suffix(".cert.der").read_bytes()
    cert = x509.load_der_x509_certificate(der)
    with token.open(rw=True, user_pin=TOKEN_PIN) as session:
        session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                               Attribute.VALUE: der, Attribute.SUBJECT: cert.subject.public_bytes(),
                               Attribute.ISSUER: cert.issuer.public_bytes(), Attribute.LABEL: label,
                               Attribute.ID: b"\x01", Attribute.TOKEN: True})
    return module
