"""Identity documents the tests draw: photo IDs with a machine-readable zone (Pillow) and
proofs of address as PDFs with text, written byte by byte."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw, ImageFont

from playerdesk.demo.documents import pdf
from playerdesk.kyc import mrz

__all__ = ["id_image", "passport_zone", "payment_screenshot", "pdf", "utility_bill"]


def passport_zone(
    *,
    surname: str = "Tremblay",
    given: str = "Julie",
    number: str = "AB1234567",
    born: date = date(1990, 5, 17),
    expires: date = date(2031, 3, 1),
    state: str = "CAN",
) -> str:
    return mrz.make_td3(
        document_code="P",
        issuing_state=state,
        document_number=number,
        birth_date=born,
        sex="F",
        expiry_date=expires,
        nationality=state,
        surname=surname,
        given_names=given,
    )


def id_image(zone: str = "", *, size: tuple[int, int] = (1400, 900), fmt: str = "JPEG") -> bytes:
    """A photo ID: a card with a face box, some text and the zone along the bottom."""
    image = Image.new("RGB", size, (236, 240, 246))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    w, h = size
    draw.rectangle([w * 0.05, h * 0.12, w * 0.3, h * 0.6], fill=(180, 190, 205))
    draw.text((w * 0.35, h * 0.15), "PASSPORT / PASSEPORT  CANADA", fill=(20, 30, 60), font=font)
    for i, line in enumerate(zone.splitlines()):
        draw.text((w * 0.05, h * 0.72 + i * 30), line, fill=(0, 0, 0), font=font)
    out = io.BytesIO()
    image.save(out, fmt, quality=85)
    return out.getvalue()


def utility_bill(
    issued: date, *, address: str = "123 Rue Principale", postal: str = "H2X 1Y4"
) -> bytes:
    return pdf(
        [
            "Hydro-Quebec - Facture / Bill",
            "Julie Tremblay",
            address,
            f"Montreal QC {postal}",
            f"Date de facturation / Statement date: {issued.isoformat()}",
            "Montant du: 84.12 $",
        ]
    )


def payment_screenshot() -> bytes:
    image = Image.new("RGB", (1200, 800), (250, 250, 250))
    ImageDraw.Draw(image).text((50, 50), "VISA **** 4242  Julie Tremblay", fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
