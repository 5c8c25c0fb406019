"""Specimen identity documents for the demo, drawn at load time (nothing is shipped or fetched):
a passport page with a machine-readable zone, and a utility bill as a PDF with text."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from playerdesk.kyc import mrz


def passport(
    *, surname: str, given: str, born: date, expires: date, number: str, sex: str = "F"
) -> tuple[bytes, str]:
    """A JPEG of a specimen passport page, and its zone's text."""
    zone = mrz.make_td3(
        document_code="P",
        issuing_state="CAN",
        document_number=number,
        birth_date=born,
        sex=sex,
        expiry_date=expires,
        nationality="CAN",
        surname=surname,
        given_names=given,
    )
    image = Image.new("RGB", (1400, 900), (233, 238, 245))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    small = ImageFont.load_default(size=24)
    mono = ImageFont.load_default(size=34)
    draw.rectangle([60, 110, 400, 560], fill=(176, 188, 204), outline=(120, 130, 150), width=3)
    draw.text((150, 320), "PHOTO", fill=(90, 100, 120), font=font)
    draw.text((60, 40), "CANADA - PASSPORT / PASSEPORT - SPECIMEN", fill=(30, 40, 90), font=font)
    rows = [
        ("Surname / Nom", surname.upper()),
        ("Given names / Prenoms", given.upper()),
        ("Date of birth / Date de naissance", born.strftime("%d %b %Y").upper()),
        ("Date of expiry / Date d'expiration", expires.strftime("%d %b %Y").upper()),
        ("Passport No. / No de passeport", number),
    ]
    for i, (label, value) in enumerate(rows):
        draw.text((450, 120 + i * 85), label, fill=(90, 100, 120), font=small)
        draw.text((450, 150 + i * 85), value, fill=(10, 20, 40), font=font)
    for i, line in enumerate(zone.splitlines()):
        draw.text((60, 700 + i * 60), line, fill=(0, 0, 0), font=mono)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue(), zone


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is ``lines``."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = (
        "BT /F1 13 Tf 72 720 Td 18 TL "
        + " ".join(f"({escape(line)}) Tj T*" for line in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def utility_bill(*, name: str, address: str, city: str, postal_code: str, issued: date) -> bytes:
    return pdf(
        [
            "SPECIMEN - Hydro - Bill / Facture",
            name,
            address,
            f"{city} {postal_code}",
            f"Statement date / Date de facturation: {issued.isoformat()}",
            "Amount due / Montant du: 84.12 CAD",
        ]
    )


def payment_screenshot(*, name: str) -> bytes:
    """A PNG of a specimen card statement showing the payment method in the player's name."""
    image = Image.new("RGB", (1200, 800), (248, 248, 250))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    draw.text((60, 60), "SPECIMEN - Card statement / Relevé de carte", fill=(30, 40, 90), font=font)
    draw.text((60, 160), f"VISA **** 4242   {name}", fill=(0, 0, 0), font=font)
    draw.text((60, 240), "Deposit / Dépôt  100.00 CAD", fill=(0, 0, 0), font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
