"""Uploaded identity documents judged from their bytes: every file here is made by the test."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from django.utils.translation import override
from PIL import ExifTags, Image, ImageCms, ImageDraw, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from playerdesk.kyc import files
from playerdesk.kyc.files import FileRejected, inspect, preview, sniff

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STATEMENT = b"Statement date: 2026-10-02"


# Makers of files.


def photo(size: tuple[int, int] = (300, 200), mode: str = "RGB") -> Image.Image:
    """A gradient with some detail, so that JPEG data has a body worth cutting."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert(mode)
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 7):
        draw.line((x, 0, width - x, height), fill="black" if mode == "L" else (x % 255, 40, 90))
    return image


def jpeg_bytes(image: Image.Image | None = None, **options: object) -> bytes:
    out = io.BytesIO()
    (image or photo()).save(out, format="JPEG", quality=90, **options)
    return out.getvalue()


def png_bytes(image: Image.Image | None = None, **options: object) -> bytes:
    out = io.BytesIO()
    (image or photo()).save(out, format="PNG", **options)
    return out.getvalue()


def with_jpeg_comment(jpeg: bytes, comment: bytes) -> bytes:
    """The JPEG with a COM segment right after its start-of-image marker."""
    segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    return jpeg[:2] + segment + jpeg[2:]


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(width: int, height: int) -> bytes:
    """A 1-bit greyscale PNG of zeros: a few kilobytes, width x height pixels once decoded. The
    rows are compressed one by one so that the test never holds them all."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def make_pdf(
    objects: dict[int, bytes],
    *,
    compressed: dict[int, bytes] | None = None,
    appendix: bytes = b"",
) -> bytes:
    """A PDF of numbered objects (1 is the catalog). ``compressed`` objects go into a
    compressed object stream, listed by a cross-reference stream; ``appendix`` is written after
    the objects and listed nowhere."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    out += appendix
    if not compressed:
        size = max(offsets) + 1
        start = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for number in range(1, size):
            if number in offsets:
                out += b"%010d 00000 n \n" % offsets[number]
            else:
                out += b"0000000000 65535 f \n"
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)
        return bytes(out)
    stream_number = max([*objects, *compressed]) + 1
    xref_number = stream_number + 1
    order = sorted(compressed)
    bodies = b""
    header = []
    for number in order:
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += compressed[number] + b"\n"
    head = b" ".join(header) + b"\n"
    packed = zlib.compress(head + bodies)
    offsets[stream_number] = len(out)
    out += (
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
        b"stream\n" % (stream_number, len(order), len(head), len(packed))
    )
    out += packed + b"\nendstream\nendobj\n"
    offsets[xref_number] = len(out)
    size = xref_number + 1
    rows = b""
    for number in range(size):
        if number in offsets:
            rows += b"\x01" + struct.pack(">IH", offsets[number], 0)
        elif number in compressed:
            rows += b"\x02" + struct.pack(">IH", stream_number, order.index(number))
        else:
            rows += b"\x00" + struct.pack(">IH", 0, 65535)
    xref = b"<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>" % (size, len(rows))
    out += b"%d 0 obj\n%s\nstream\n" % (xref_number, xref)
    out += rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def page_objects(
    catalog: bytes = b"", page: bytes = b"", text: bytes = STATEMENT
) -> dict[int, bytes]:
    """A one-page document with a line of text; extra entries for the catalog and the page."""
    content = b"BT /F1 18 Tf 72 700 Td (" + text + b") Tj ET"
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R " + page + b">>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    }


def text_pdf(**parts: bytes) -> bytes:
    return make_pdf(page_objects(**parts))


def writer_pdf(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_writer(pages: int = 1) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    return writer


def refused(data: bytes, filename: str = "document.jpg", **options: object) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        inspect(data, filename=filename, **options)
    return caught.value


# Accepted files.


def test_a_jpeg_is_accepted_with_its_facts():
    data = jpeg_bytes(photo((320, 240)))
    result = inspect(data, filename="passport.jpg", declared_mime="image/jpeg")
    assert (result.kind, result.mime, result.size) == ("jpeg", "image/jpeg", len(data))
    assert (result.width, result.height, result.pages) == (320, 240, None)
    assert (result.extension, result.declared_mime, result.text) == ("jpg", "image/jpeg", "")
    assert result.declared_matches


def test_a_png_is_accepted_with_its_facts():
    data = png_bytes(photo((123, 45)))
    result = inspect(data, filename="screenshot.png")
    assert (result.kind, result.mime, result.width, result.height) == ("png", "image/png", 123, 45)
    assert result.declared_mime == ""
    assert result.declared_matches


def test_a_pdf_is_accepted_with_its_pages_and_text():
    data = text_pdf()
    result = inspect(data, filename="statement.pdf", declared_mime="application/pdf")
    assert (result.kind, result.mime, result.size) == ("pdf", "application/pdf", len(data))
    assert (result.width, result.height, result.pages) == (None, None, 1)
    assert "Statement date: 2026-10-02" in result.text
    assert result.declared_matches


def test_a_pdf_of_several_pages():
    assert inspect(writer_pdf(blank_writer(3)), filename="bill.pdf").pages == 3


def test_a_pdf_in_compressed_object_streams_is_read():
    objects = page_objects()
    catalog, page = objects.pop(1), objects.pop(3)
    result = inspect(make_pdf(objects, compressed={1: catalog, 3: page}), filename="bill.pdf")
    assert result.pages == 1
    assert "2026-10-02" in result.text


def test_links_and_a_plain_open_action_are_not_active_content():
    link = (
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
        b"/A << /S /URI /URI (https://bank.example/statements) >> >>]"
    )
    data = text_pdf(catalog=b"/OpenAction [3 0 R /Fit] ", page=link)
    assert inspect(data, filename="bill.pdf").pages == 1


@pytest.mark.parametrize(
    ("declared", "matches"),
    [
        ("", True),
        ("image/jpeg", True),
        ("image/jpg", True),
        ("image/pjpeg", True),
        ("IMAGE/JPEG; charset=binary", True),
        ("image/png", False),
        ("application/pdf", False),
        ("application/octet-stream", False),
    ],
)
def test_the_declared_type_is_compared_not_trusted(declared, matches):
    result = inspect(jpeg_bytes(), filename="id.jpg", declared_mime=declared)
    assert result.kind == "jpeg"
    assert result.declared_matches is matches


@pytest.mark.parametrize(
    ("filename", "extension"),
    [("ID.JPG", "jpg"), ("scan.Jpeg", "jpeg"), ("C:\\fakepath\\my id.jpg", "jpg")],
)
def test_the_extension_is_read_without_case_or_path(filename, extension):
    assert inspect(jpeg_bytes(), filename=filename).extension == extension


def test_sniff_reads_the_magic_bytes_only():
    assert sniff(jpeg_bytes()) == "jpeg"
    assert sniff(png_bytes()) == "png"
    assert sniff(text_pdf()) == "pdf"
    assert sniff(b"GIF89a") is None
    assert sniff(b"  %PDF-1.4") is None
    assert sniff(b"") is None


# Empty and too large.


@pytest.mark.parametrize("data", [b"", b" \n\t\r ", b"\x00" * 100])
def test_an_empty_file_is_refused(data):
    error = refused(data)
    assert error.code == "empty"
    assert str(error) == "The file is empty."


def test_a_file_over_the_limit_is_refused_with_the_size_and_the_limit():
    data = b"\xff\xd8\xff" + bytes(3 * 1024 * 1024 // 2)
    error = refused(data, max_bytes=1024 * 1024)
    assert error.code == "too_large"
    assert str(error) == "This file is 1.5 MB; the limit is 1 MB."
    assert error.params == {"size": 1.5, "limit": 1.0}


def test_the_default_limit_is_ten_megabytes():
    error = refused(b"%PDF-1.4\n" + bytes(files.MAX_BYTES), filename="a.pdf")
    assert error.code == "too_large"
    assert "the limit is 10 MB" in str(error)
    # Just over the limit does not read as the limit.
    assert str(error).startswith("This file is 10.1 MB")


# Types.


def test_an_html_page_named_as_a_photo_is_refused_for_its_type():
    page = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>"
    error = refused(page, filename="id.jpg", declared_mime="image/jpeg")
    assert error.code == "unsupported_type"
    assert "an HTML page" in str(error)


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(40), "a ZIP archive"),
        (b"MZ\x90\x00\x03" + bytes(60), "a Windows program"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>', "an SVG image"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "a HEIC photo"),
        (b"garbage %PDF-1.4 after some bytes", "a PDF with data before its header"),
        (b"\x01\x02\x03\x04\xfe\xfd" * 10, "a file of an unknown type"),
    ],
)
def test_other_types_are_refused_and_named(data, found):
    error = refused(data)
    assert error.code == "unsupported_type"
    assert found in str(error)


def test_a_gif_made_by_pillow_is_refused():
    out = io.BytesIO()
    photo().save(out, format="GIF")
    assert refused(out.getvalue(), filename="id.gif").code == "unsupported_type"


# Extensions.


def test_a_png_named_jpg_is_refused_with_what_it_is():
    error = refused(png_bytes(), filename="id.jpg")
    assert error.code == "extension"
    assert "a PNG image" in str(error)
    assert ".png" in str(error)
    assert "id.jpg" in str(error)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (jpeg_bytes(), "passport.jpg.exe"),
        (jpeg_bytes(), "passport"),
        (jpeg_bytes(), "passport."),
        (jpeg_bytes(), "passport.jfif"),
        (text_pdf(), "scan.png"),
        (png_bytes(), "id.pdf"),
    ],
)
def test_a_name_that_does_not_fit_the_content_is_refused(data, filename):
    error = refused(data, filename=filename)
    assert error.code == "extension"
    assert ".pdf" in str(error)


# Markup, hidden data.


def test_a_jpeg_html_polyglot_is_refused():
    data = with_jpeg_comment(jpeg_bytes(), b"<html><script>alert(1)</script></html>")
    # Still a valid JPEG: only the scan of its bytes finds the markup.
    assert Image.open(io.BytesIO(data)).size == (300, 200)
    error = refused(data, filename="id.jpg")
    assert error.code == "polyglot"
    assert "script" in str(error)


def test_a_png_with_a_script_in_a_text_chunk_is_refused():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>fetch('/api')</script>")
    assert refused(png_bytes(pnginfo=info), filename="id.png").code == "polyglot"


@pytest.mark.parametrize(
    "markup",
    [
        b"<SVG onload=alert(1)>",
        b"<iframe src=x>",
        b"<?php system($_GET['c']); ?>",
        b"<a href='JavaScript:alert(1)'>",
        b"<img src=x onerror = alert(1)>",
        b"<object data=x>",
        b"<embed src=x>",
        b"<body>",
    ],
)
def test_markup_anywhere_is_refused(markup):
    assert refused(with_jpeg_comment(jpeg_bytes(), markup)).code == "polyglot"


def test_a_pdf_with_markup_is_refused():
    data = text_pdf(catalog=b"/Comment (<script>alert(1)</script>) ")
    assert refused(data, filename="bill.pdf").code == "polyglot"


def test_a_tag_name_must_end_to_count_as_markup():
    # "<svg" followed by a letter is not a tag a browser would read.
    data = with_jpeg_comment(jpeg_bytes(), b"<svgx <htmlfoo <bodyguard")
    assert inspect(data, filename="id.jpg").kind == "jpeg"


def test_data_after_the_end_of_a_jpeg_is_refused():
    data = jpeg_bytes() + b"PK\x03\x04" + b"hidden archive" * 10
    error = refused(data, filename="id.jpg")
    assert error.code == "trailing_data"
    assert "hidden" in str(error)


def test_data_after_the_iend_of_a_png_is_refused():
    assert refused(png_bytes() + b"x" * 17, filename="id.png").code == "trailing_data"


def test_junk_between_segments_does_not_hide_data_after_the_end():
    # Decoders skip stray bytes between segments; so does the search for the end.
    jpeg = jpeg_bytes()
    data = jpeg[:20] + b"\x00junk" + jpeg[20:] + b"PK\x03\x04" + b"archive" * 10
    assert refused(data, filename="id.jpg").code == "trailing_data"


def test_a_png_without_its_end_is_corrupt():
    png = png_bytes()
    iend = png.rindex(b"IEND") - 4
    data = png[:iend] + b"PK\x03\x04\x14\x00\x00\x00" + b"appended archive" * 4
    # Pillow stops reading quietly where the chunks end: the missing IEND is what tells.
    Image.open(io.BytesIO(data)).load()
    assert refused(data, filename="id.png").code == "corrupt"


def test_a_jpeg_of_endless_segments_is_refused_early():
    jpeg = jpeg_bytes()
    data = jpeg[:2] + b"\xff\xfe\x00\x02" * (files.MAX_JPEG_SEGMENTS + 1) + jpeg[2:]
    assert refused(data, filename="id.jpg").code == "corrupt"


def test_a_few_bytes_of_padding_are_allowed():
    assert inspect(jpeg_bytes() + b"\x00" * 16, filename="id.jpg").kind == "jpeg"
    assert inspect(png_bytes() + b"\x00" * 16, filename="id.png").kind == "png"


def test_an_end_marker_inside_a_segment_is_not_the_end():
    # An EXIF thumbnail or a comment can hold FF D9; the image ends at its own marker.
    data = with_jpeg_comment(jpeg_bytes(), b"\xff\xd9" + b"not the end" * 5)
    assert inspect(data, filename="id.jpg").kind == "jpeg"


def test_a_progressive_jpeg_with_restart_markers_is_accepted():
    data = jpeg_bytes(photo((640, 480)), progressive=True, restart_marker_rows=1)
    assert inspect(data, filename="id.jpg").width == 640


# Pixels.


def test_a_decompression_bomb_is_refused_from_its_header():
    data = bomb_png(20_000, 20_000)
    assert len(data) < 200_000
    error = refused(data, filename="id.png")
    assert error.code == "pixels"
    assert "megapixels" in str(error)


def test_an_image_over_our_limit_but_under_pillows_is_refused():
    error = refused(bomb_png(7_000, 6_000), filename="id.png")
    assert error.code == "pixels"
    assert "42 megapixels" in str(error)


def test_pillows_bomb_warning_does_not_escape():
    # 100 megapixels: over Pillow's warning threshold, under its error threshold.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert refused(bomb_png(10_000, 10_000), filename="id.png").code == "pixels"


def test_the_pixel_limit_can_be_lowered():
    error = refused(jpeg_bytes(photo((300, 200))), filename="id.jpg", max_pixels=50_000)
    assert error.code == "pixels"


# Damaged files.


def test_a_truncated_jpeg_is_corrupt():
    data = jpeg_bytes(photo((640, 480)))
    error = refused(data[: len(data) // 2], filename="id.jpg")
    assert error.code == "corrupt"
    assert "damaged" in str(error)


def test_a_truncated_png_is_corrupt():
    data = png_bytes(photo((640, 480)))
    assert refused(data[: len(data) // 2], filename="id.png").code == "corrupt"


def test_a_png_with_a_wrong_checksum_is_corrupt():
    data = bytearray(png_bytes(photo((64, 64))))
    idat = data.index(b"IDAT")
    data[idat + 10] ^= 0xFF
    assert refused(bytes(data), filename="id.png").code == "corrupt"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + bytes(range(256)) * 4,
        b"%PDF-1.4\ngarbage garbage garbage\n",
        make_pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Count 0 >>"}),
    ],
    ids=["binary", "text", "no-pages"],
)
def test_an_unreadable_pdf_is_corrupt(data):
    assert refused(data, filename="bill.pdf").code == "corrupt"


# PDFs that are encrypted or active.


def test_an_encrypted_pdf_is_refused():
    writer = blank_writer()
    writer.encrypt("pw")
    error = refused(writer_pdf(writer), filename="bill.pdf")
    assert error.code == "pdf_encrypted"
    assert "password" in str(error)


def test_a_pdf_with_document_javascript_is_refused():
    writer = blank_writer()
    writer.add_open_action(JavaScript("app.alert(1);"))
    error = refused(writer_pdf(writer), filename="bill.pdf")
    assert error.code == "pdf_active"
    assert str(error) == (
        "This PDF contains scripts or embedded content; please send a plain scan or photo."
    )


def test_a_pdf_with_an_open_action_script_is_refused():
    data = text_pdf(catalog=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ")
    assert refused(data, filename="bill.pdf").code == "pdf_active"


def test_a_pdf_with_an_embedded_file_is_refused():
    writer = blank_writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    assert refused(writer_pdf(writer), filename="bill.pdf").code == "pdf_active"


def test_a_hex_escaped_name_in_an_unreachable_object_is_refused():
    hidden = b"9 0 obj\n<< /S /J#61vaScript /JS (app.alert(1)) >>\nendobj\n"
    data = make_pdf(page_objects(), appendix=hidden)
    # Nothing references the object and the cross-reference does not list it.
    assert "2026-10-02" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert refused(data, filename="bill.pdf").code == "pdf_active"


def test_a_script_in_an_unreachable_compressed_object_is_refused():
    # Out of reach of the structure and, compressed, of the raw scan: the walk of every listed
    # object finds it.
    data = make_pdf(page_objects(), compressed={6: b"<< /S /JavaScript /JS (app.alert(1)) >>"})
    assert b"JavaScript" not in data
    assert refused(data, filename="bill.pdf").code == "pdf_active"


ACTIVE_STRUCTURES = {
    "open-action-javascript": {"catalog": b"/OpenAction << /S /JavaScript /JS (x) >> "},
    "open-action-launch": {"catalog": b"/OpenAction << /S /Launch /F (calc.exe) >> "},
    "chained-action": {
        "catalog": b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /Launch /F (x) >> >> "
    },
    "catalog-aa": {"catalog": b"/AA << /WC << /S /JavaScript /JS (x) >> >> "},
    "names-javascript": {"catalog": b"/Names << /JavaScript << /Names [] >> >> "},
    "embedded-files": {"catalog": b"/Names << /EmbeddedFiles << /Names [] >> >> "},
    "xfa": {"catalog": b"/AcroForm << /Fields [] /XFA [(template) 5 0 R] >> "},
    "field-aa": {
        "catalog": b"/AcroForm << /Fields [<< /T (amount) /AA << /K << /S /JavaScript "
        b"/JS (x) >> >> >>] >> "
    },
    "page-aa": {"page": b"/AA << /O << /S /JavaScript /JS (x) >> >> "},
    "annotation-submit": {
        "page": b"/Annots [<< /Subtype /Widget /A << /S /SubmitForm /F (http://x) >> >>] "
    },
    "annotation-import": {
        "page": b"/Annots [<< /Subtype /Link /A << /S /ImportData /F (x.fdf) >> >>] "
    },
    "annotation-aa": {"page": b"/Annots [<< /Subtype /Link /AA << /E << /S /URI >> >> >>] "},
    "rich-media": {"page": b"/Annots [<< /Subtype /RichMedia /Rect [0 0 9 9] >>] "},
    "file-attachment": {"page": b"/Annots [<< /Subtype /FileAttachment /Rect [0 0 9 9] >>] "},
}


@pytest.mark.parametrize("parts", ACTIVE_STRUCTURES.values(), ids=ACTIVE_STRUCTURES.keys())
def test_active_content_in_compressed_objects_is_refused(parts):
    objects = page_objects(**parts)
    catalog, page = objects.pop(1), objects.pop(3)
    data = make_pdf(objects, compressed={1: catalog, 3: page})
    assert refused(data, filename="bill.pdf").code == "pdf_active"
    # The walk of the document's structure alone finds each of them.
    assert files._pdf_structure_active(PdfReader(io.BytesIO(data)))


@pytest.mark.parametrize("parts", ACTIVE_STRUCTURES.values(), ids=ACTIVE_STRUCTURES.keys())
def test_active_content_in_plain_objects_is_refused(parts):
    data = text_pdf(**parts)
    assert refused(data, filename="bill.pdf").code == "pdf_active"


def test_a_name_inside_compressed_stream_data_is_not_a_false_alarm():
    # Compressed data can hold "/JS " by chance; only what is outside stream data counts.
    noise = b"\x78\x9c/JS /JavaScript ( /Launch>" * 3
    objects = page_objects()
    objects[6] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(noise),
        noise,
    )
    assert not files._pdf_raw_active(make_pdf(objects))


# Messages.


def test_messages_are_sentences_in_the_active_language():
    too_large = refused(b"\xff\xd8\xff" + bytes(files.MAX_BYTES + 1))
    html = refused(b"<html><body>hello</body></html>")
    assert "the limit is 10 MB" in str(too_large)
    assert "an HTML page" in str(html)
    with override("fr"):
        # Whatever the French catalogue says, the facts are filled in.
        assert "10" in str(too_large)
        assert str(html)
        assert str(refused(b"")).strip()
    assert too_large.code == "too_large"
    assert too_large.params["limit"] == 10.0


def test_a_message_without_parameters_keeps_its_percent_signs():
    assert str(FileRejected("x", "100% sure")) == "100% sure"


# Previews.


def exif_photo() -> bytes:
    """A 400 x 200 JPEG, red on the left and blue on the right, with an orientation of 6
    (turn 90° clockwise to view), a camera make and a GPS position."""
    image = Image.new("RGB", (400, 200), (220, 0, 0))
    image.paste((0, 0, 220), (200, 0, 400, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Acme Phones"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
    }
    data = jpeg_bytes(image, exif=exif.tobytes())
    read = Image.open(io.BytesIO(data)).getexif()
    assert read[ExifTags.Base.Make] == "Acme Phones"
    assert read.get_ifd(ExifTags.IFD.GPSInfo)
    return data


def opened(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


def test_a_preview_has_no_exif_and_is_upright():
    image = opened(preview(exif_photo(), "jpeg", max_side=100))
    assert not image.getexif()
    assert "exif" not in image.info
    # Turned clockwise: the left (red) half is now on top.
    assert image.size == (50, 100)
    red, _green, blue = image.getpixel((25, 10))
    assert red > 150 > blue
    red, _green, blue = image.getpixel((25, 90))
    assert blue > 150 > red


def test_a_preview_drops_text_chunks_and_colour_profiles():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Player 42")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for data, kind in [
        (png_bytes(pnginfo=info, icc_profile=profile), "png"),
        (jpeg_bytes(icc_profile=profile), "jpeg"),
    ]:
        image = opened(preview(data, kind))
        assert image.info == {}
        assert image.text == {}


def test_a_preview_is_at_most_max_side():
    image = opened(preview(jpeg_bytes(photo((3000, 1000))), "jpeg", max_side=600))
    assert max(image.size) <= 600
    assert image.size[0] == 600
    small = opened(preview(png_bytes(photo((120, 80))), "png", max_side=600))
    assert small.size == (120, 80)


def test_a_preview_puts_transparency_on_white():
    image = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    result = opened(preview(png_bytes(image), "png"))
    assert result.mode == "RGB"
    assert result.getpixel((5, 5)) == (255, 255, 255)


def test_a_preview_of_a_sixteen_bit_png():
    image = Image.new("I;16", (30, 20), 40_000)
    assert opened(preview(png_bytes(image), "png")).getpixel((1, 1))[0] > 100


def test_a_pdf_preview_is_a_png_of_its_first_page():
    image = opened(preview(text_pdf(), "pdf", max_side=800))
    # A 612 x 792 point page, fitted to 800 pixels on its long side.
    assert image.size[1] == 800
    assert 610 <= image.size[0] <= 620
    assert image.getpixel((5, 5)) == (255, 255, 255)
    darkest, _lightest = image.convert("L").getextrema()
    assert darkest < 100


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (jpeg_bytes()[:300], "jpeg"),
        (b"%PDF-1.4\n" + bytes(range(256)), "pdf"),
        (b"not a png", "png"),
    ],
)
def test_a_preview_of_a_damaged_file_is_refused(data, kind):
    with pytest.raises(FileRejected) as caught:
        preview(data, kind)
    assert caught.value.code == "corrupt"


def test_a_preview_of_a_bomb_is_refused():
    with pytest.raises(FileRejected) as caught:
        preview(bomb_png(20_000, 20_000), "png")
    assert caught.value.code == "pixels"
