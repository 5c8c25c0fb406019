"""The player's pages: signing in with the member area's token, uploading, hostile files refused
with a reason in the player's language, and nothing lost on the record."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from playerdesk.brands.platform import TokenError, make_token, read_token
from playerdesk.kyc.models import CaseEvent, Document
from tests.kyc import documents

pytestmark = pytest.mark.django_db


def _signed_in(brand, player) -> Client:
    client = Client()
    response = client.get(
        f"/p/{brand.slug}/enter/", {"token": make_token(brand.slug, player.external_id)}
    )
    assert response.status_code == 302
    return client


def _send(
    client: Client, brand, kind: str, name: str, data: bytes, content_type: str = "", **extra
):
    upload = SimpleUploadedFile(name, data, content_type=content_type or "application/octet-stream")
    return client.post(
        f"/p/{brand.slug}/verification/upload/", {"kind": kind, "file": upload, **extra}
    )


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _bomb_png(side: int = 30_000) -> bytes:
    """A greyscale PNG of side x side zero pixels: a few dozen KB that would decode to 900 MB."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def _polyglot_jpeg() -> bytes:
    jpeg = documents.id_image(documents.passport_zone())
    comment = b"<html><script>alert(document.cookie)</script></html>"
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return jpeg[:2] + segment + jpeg[2:]


def _pdf_with_javascript() -> bytes:
    text = documents.pdf(["Statement date: 2026-11-01"])
    return text.replace(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    )


HOSTILE = [
    # (name, data, expected code, words of the French message)
    ("polyglot", "passport.jpg", _polyglot_jpeg, "polyglot"),
    ("pdf_js", "bill.pdf", _pdf_with_javascript, "pdf_active"),
    ("bomb", "passport.png", _bomb_png, "pixels"),
    ("empty", "passport.jpg", lambda: b"", "empty"),
    ("extension", "passport.pdf", lambda: documents.id_image(), "extension"),
    (
        "html",
        "passport.jpg",
        lambda: b"<!doctype html><html><body>hi</body></html>",
        "unsupported_type",
    ),
]


@pytest.mark.parametrize("label,name,make,code", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_with_a_reason_in_the_players_language(
    case, kyc_brand, label, name, make, code
):
    assert case.player.preferred_language == "fr"
    client = _signed_in(kyc_brand, case.player)
    response = _send(client, kyc_brand, "photo_id", name, make(), id_type="passport")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="upload-error"' in page
    assert '<html lang="fr">' in page
    assert not Document.objects.exists()
    refused = CaseEvent.objects.get(case=case, type="refused")
    assert refused.data["code"] == code and refused.data["filename"] == name
    # The same refusal for an English-speaking player is in English, and not the same words.
    case.player.preferred_language = "en"
    case.player.save()
    english = _send(client, kyc_brand, "photo_id", name, make(), id_type="passport")
    assert english.status_code == 400 and '<html lang="en">' in english.content.decode()
    french_error = page.split('data-testid="upload-error">')[1].split("<")[0]
    english_error = english.content.decode().split('data-testid="upload-error">')[1].split("<")[0]
    assert french_error != english_error


def test_oversized_file_is_refused_without_reading_it_all(case, kyc_brand, settings):
    from playerdesk.kyc import files

    client = _signed_in(kyc_brand, case.player)
    big = documents.id_image() + b"\x00" * (files.MAX_BYTES + 10)
    response = _send(client, kyc_brand, "photo_id", "passport.jpg", big, id_type="passport")
    assert response.status_code == 400
    assert CaseEvent.objects.get(case=case, type="refused").data["code"] == "too_large"


def test_upload_flow_and_status(case, kyc_brand):
    client = _signed_in(kyc_brand, case.player)
    page = client.get(f"/p/{kyc_brand.slug}/verification/")
    assert page.status_code == 200 and case.reference.encode() in page.content
    response = _send(
        client,
        kyc_brand,
        "photo_id",
        "passport.jpg",
        documents.id_image(documents.passport_zone()),
        "image/jpeg",
        id_type="passport",
    )
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    response = _send(
        client,
        kyc_brand,
        "proof_of_address",
        "facture.pdf",
        documents.utility_bill(__import__("datetime").date.today()),
        "application/pdf",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "submitted"
    page = client.get(f"/p/{kyc_brand.slug}/verification/")
    assert b'data-testid="portal-status"' in page.content
    assert b'type="file"' not in page.content  # nothing more to send


def test_photo_id_needs_its_type(case, kyc_brand):
    client = _signed_in(kyc_brand, case.player)
    response = _send(client, kyc_brand, "photo_id", "passport.jpg", documents.id_image())
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_kind_not_asked_for_is_refused(case, kyc_brand):
    client = _signed_in(kyc_brand, case.player)
    response = _send(
        client, kyc_brand, "proof_of_payment", "card.png", documents.payment_screenshot()
    )
    assert response.status_code == 400


def test_pages_need_the_member_area_token(kyc_brand):
    response = Client().get(f"/p/{kyc_brand.slug}/verification/")
    assert response.status_code == 401


@pytest.mark.parametrize("code", ["forged", "expired", "malformed"])
def test_forged_expired_and_malformed_tokens_are_refused(kyc_player, kyc_brand, code):
    good = make_token(kyc_brand.slug, kyc_player.external_id)
    token = {
        "forged": good[:-4] + ("0000" if not good.endswith("0000") else "1111"),
        "expired": make_token(kyc_brand.slug, kyc_player.external_id, now=time.time() - 7200),
        "malformed": "not-a-token",
    }[code]
    response = Client().get(f"/p/{kyc_brand.slug}/enter/", {"token": token})
    assert response.status_code == 403
    assert f'data-code="{code}"'.encode() in response.content


def test_token_for_another_player_id_is_forged(kyc_brand, kyc_player):
    token = make_token(kyc_brand.slug, kyc_player.external_id)
    _player_id, expiry, signature = token.rsplit(":", 2)
    with pytest.raises(TokenError) as caught:
        read_token(kyc_brand.slug, f"ojo-9999:{expiry}:{signature}")
    assert caught.value.code == "forged"


def test_token_valid_for_too_long_is_refused(kyc_brand, kyc_player):
    token = make_token(kyc_brand.slug, kyc_player.external_id, lifetime=30 * 24 * 3600)
    with pytest.raises(TokenError):
        read_token(kyc_brand.slug, token)


def test_preview_has_no_metadata(case):
    from tests.kyc.conftest import upload

    image = Image.new("RGB", (1400, 900), (200, 200, 200))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x0112] = 6  # Orientation: rotated
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    document = upload(case, "photo_id", out.getvalue(), "p.jpg", id_type="passport")
    from playerdesk.kyc import vault

    preview = Image.open(io.BytesIO(vault.get(document.preview_blob)))
    assert preview.format == "PNG"
    assert not preview.getexif() and "exif" not in preview.info
    assert preview.size[0] < preview.size[1]  # turned upright


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(case, kyc_brand):
    from playerdesk.kyc import files

    client = _signed_in(kyc_brand, case.player)
    response = client.post(
        f"/p/{kyc_brand.slug}/verification/upload/",
        data=b"x",
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH=str(files.MAX_BYTES * 3),
    )
    assert response.status_code == 413
    assert '<html lang="fr">' in response.content.decode()
