"""khdesk's signed PDFs checked by another validator: poppler's `pdfsig` (NSS), as a clerk's reader would.

Makes a CA and keys (tests/signing_fixtures.py), signs the sample plan as the decree orders it (person, then
agency) and the appendix alone, alters a copy, then prints what pdfsig says of each signature. Not a test:
pdfsig is a system tool (`apt-get install poppler-utils`).

    .venv/bin/python bench/validate_with_pdfsig.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def khdesk(*args) -> None:
    subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], check=True, capture_output=True)


def pdfsig(path: Path) -> list[tuple[str, str, str]]:
    """(field, signature validation, certificate validation — "" when pdfsig gives none) per signature."""
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    found: list[list[str]] = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("Signature #"):
            found.append(["", "", ""])
        elif found and ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            slot = {"- Signature Field Name": 0, "- Signature Validation": 1, "- Certificate Validation": 2}.get(key)
            if slot is not None:
                found[-1][slot] = value
    return [tuple(f) for f in found]


def main() -> None:
    if shutil.which("pdfsig") is None:
        raise SystemExit("pdfsig is missing: apt-get install poppler-utils")
    from datasets import machine_line
    from signing_fixtures import PIN, make_keys, png

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        keys = make_keys(folder / "keys")
        (folder / "sig.png").write_bytes(png("person"))
        (folder / "seal.png").write_bytes(png("seal"))
        db = folder / "k.db"
        khdesk("init", "--sample", db)
        khdesk("signature-image", "--db", db, "--person", "Nguyễn Tấn Tuấn", folder / "sig.png")
        khdesk("signature-image", "--db", db, "--seal", folder / "seal.png")
        os.environ["KHDESK_PIN"] = PIN
        khdesk("sign", "--db", db, "--plan", "2024-05", "--p12", keys.person, "-o", folder / "1.pdf")
        khdesk("sign", "--db", db, "--plan", "2024-05", "--input", folder / "1.pdf", "--p12", keys.agency,
               "-o", folder / "2.pdf")
        khdesk("sign", "--db", db, "--plan", "2024-05", "--part", "appendix", "--p12", keys.agency,
               "-o", folder / "phu-luc.pdf")
        khdesk("sign-copy", folder / "2.pdf", "--agency", "Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa", "--p12",
               keys.agency, "-o", folder / "ban-sao.pdf")
        data = (folder / "2.pdf").read_bytes()
        at = data.index(b"khdesk")
        (folder / "sua.pdf").write_bytes(data[:at] + b"KHDESK" + data[at + 6:])
        print(machine_line())
        print(f"{'file':34} {'field':10} {'pdfsig: signature':28} certificate (the test CA is not in NSS's store)")
        for name, what in (("2.pdf", "plan, person then agency"), ("phu-luc.pdf", "appendix alone"),
                           ("ban-sao.pdf", "electronic copy of the plan"),
                           ("sua.pdf", "the same, one byte altered")):
            for field, signature, certificate in pdfsig(folder / name):
                print(f"{what:34} {field:10} {signature:28} {certificate}")


if __name__ == "__main__":
    main()
