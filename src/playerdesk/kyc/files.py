"""What an uploaded identity document really is, judged from its bytes, and its preview.

Players' files are hostile input. :func:`inspect` accepts only a plain JPEG, PNG or PDF: it reads
the type from the magic bytes (never from the name or the declared type), refuses markup a
browser could run, data hidden after an image's end, images too large to decode safely,
damaged files, encrypted PDFs and PDFs with scripts or embedded files. :func:`preview` makes a
re-encoded PNG without any metadata for the reviewing officer. No database, no storage, no
network.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import threading
import warnings
from dataclasses import dataclass
from typing import Any

import pypdf
import pypdfium2
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

__all__ = [
    "EXTENSIONS",
    "MAX_BYTES",
    "MAX_PIXELS",
    "FileRejected",
    "Inspection",
    "inspect",
    "preview",
    "sniff",
]

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
EXTENSIONS = {"jpeg": {"jpg", "jpeg"}, "png": {"png"}, "pdf": {"pdf"}}

MIMES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
# Types that browsers and old systems declare for the same content.
MIME_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "application/x-pdf": "application/pdf",
}

# Bytes allowed after a JPEG's end-of-image marker or a PNG's IEND chunk (some writers pad).
MAX_TRAILING_BYTES = 16
# Far more segments or chunks than any camera, scanner or editor writes: a file made to be slow.
MAX_JPEG_SEGMENTS = 10_000
MAX_PNG_CHUNKS = 100_000
# The text of a PDF kept for the checks: of its first pages, and at most this long.
TEXT_PAGES = 20
TEXT_CHARS = 200_000
# Bounds of the walk of a PDF's structure, so that a crafted file cannot make it endless.
MAX_PDF_PAGES_WALKED = 2_000
MAX_PDF_OBJECTS = 100_000
MAX_PDF_DEPTH = 32

_MB = 1024 * 1024
_BLANK = b" \t\r\n\x00\x0b\x0c"

_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PDF_MAGIC = b"%PDF-"
# A marker in a JPEG's entropy-coded data: 0xFF, then neither a stuffed 0x00, nor a restart
# marker, nor a fill byte.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")

# Markup or script a browser could run if the file were ever served as HTML or SVG. A tag must
# end its name (whitespace, "/" or ">") as a browser requires: without that, "<svg" alone turns
# up by chance in compressed image data about once in a few hundred large photos.
_ACTIVE_MARKUP = re.compile(
    rb"<(?:html|script|body|iframe|svg|object|embed)[\t\n\x0c\r />]"
    rb"|<\?php"
    rb"|java[\t\n\r]*script:"
    rb"|on(?:error|load)[\t\n\x0c\r ]*=",
    re.IGNORECASE,
)

# The names of active content in a PDF, once #xx escapes are decoded; a name ends at a delimiter.
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_ACTIVE_NAME = re.compile(
    rb"/(?:JavaScript|JS|Launch|XFA|EmbeddedFiles?|RichMedia[A-Za-z]*)"
    rb"(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|$)"
)
_PDF_STREAM = re.compile(rb">>[\x00\t\n\x0c\r ]*stream(?:\r\n|\n|\r)")
_PDF_END_STREAM = b"endstream"

_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/Rendition",
        "/RichMediaExecute",
    }
)
_ACTIVE_ANNOTATIONS = frozenset(
    {"/RichMedia", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/3D"}
)
_ACTIVE_KEYS = frozenset(
    {
        "/JS",
        "/JavaScript",
        "/AA",
        "/XFA",
        "/EmbeddedFiles",
        "/EF",
        "/RichMediaContent",
        "/RichMediaSettings",
    }
)

# pdfium is not thread-safe: one rendering at a time in the process.
_PDFIUM_LOCK = threading.Lock()

# What a refused file was found to be, named for the player when it is easy to tell.
_FOUND = {
    "html": _("an HTML page"),
    "svg": _("an SVG image"),
    "xml": _("an XML document"),
    "gif": _("a GIF image"),
    "webp": _("a WebP image"),
    "heic": _("a HEIC photo"),
    "avif": _("an AVIF image"),
    "tiff": _("a TIFF image"),
    "bmp": _("a BMP image"),
    "zip": _("a ZIP archive (or a Word or Excel document)"),
    "rar": _("a RAR archive"),
    "7z": _("a 7-Zip archive"),
    "gzip": _("a compressed (gzip) file"),
    "office": _("a Microsoft Office document"),
    "rtf": _("an RTF document"),
    "exe": _("a Windows program"),
    "elf": _("a program"),
    "pdf_offset": _("a PDF with data before its header"),
    "text": _("a text file"),
    "unknown": _("a file of an unknown type"),
}
_KIND_NAMES = {
    "jpeg": _("a JPEG image"),
    "png": _("a PNG image"),
    "pdf": _("a PDF document"),
}
_ACCEPTED_EXTENSIONS = {"jpeg": ".jpg, .jpeg", "png": ".png", "pdf": ".pdf"}


class FileRejected(Exception):
    """A file refused: ``code`` for machines, ``message`` (lazy, with ``params``) for the player."""

    def __init__(self, code: str, message: Any, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.params = params

    def __str__(self) -> str:
        text = str(self.message)
        if not self.params:
            return text
        return text % {key: _param(value) for key, value in self.params.items()}

    def __repr__(self) -> str:
        return f"FileRejected({self.code!r})"


def _param(value: Any) -> Any:
    """A parameter of a message as the active language writes it."""
    if isinstance(value, float):
        if value.is_integer():
            return number_format(int(value))
        return number_format(value, decimal_pos=1)
    if isinstance(value, Promise):
        return str(value)
    return value


@dataclass(frozen=True)
class Inspection:
    kind: str
    mime: str
    size: int
    width: int | None
    height: int | None
    pages: int | None
    declared_mime: str
    extension: str
    declared_matches: bool
    text: str


def sniff(data: bytes) -> str | None:
    """``"jpeg"``, ``"png"`` or ``"pdf"`` from the magic bytes at the start, else None."""
    if data.startswith(_JPEG_MAGIC):
        return "jpeg"
    if data.startswith(_PNG_MAGIC):
        return "png"
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    return None


def inspect(
    data: bytes,
    *,
    filename: str,
    declared_mime: str = "",
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
) -> Inspection:
    """What ``data`` is, if it is a plain JPEG, PNG or PDF; else :class:`FileRejected`."""
    size = len(data)
    if _is_blank(data):
        raise FileRejected("empty", _("The file is empty."))
    if size > max_bytes:
        limit = round(max_bytes / _MB, 1)
        shown = round(size / _MB, 1)
        if shown <= limit:
            # Just over the limit: round up, so the size does not read as the limit itself.
            shown = math.ceil(size * 10 / _MB) / 10
        raise FileRejected(
            "too_large",
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            size=shown,
            limit=limit,
        )
    kind = sniff(data)
    if kind is None:
        raise FileRejected(
            "unsupported_type",
            _("This file is %(found)s. Please send a photo (JPEG or PNG) or a PDF document."),
            found=_FOUND[_describe_unknown(data)],
        )
    name = _basename(filename)
    extension = _extension(name)
    if extension not in EXTENSIONS[kind]:
        raise FileRejected(
            "extension",
            _(
                "The file “%(name)s” is %(found)s, so its name must end in %(accepted)s. "
                "Only .jpg, .jpeg, .png and .pdf files are accepted."
            ),
            name=_shorten(name) or "?",
            found=_KIND_NAMES[kind],
            accepted=_ACCEPTED_EXTENSIONS[kind],
        )
    if _ACTIVE_MARKUP.search(data):
        raise FileRejected(
            "polyglot",
            _(
                "This file contains web page code or a script, which a real photo or scan "
                "never does. Please send the original photo or scan."
            ),
        )
    mime = MIMES[kind]
    declared = (declared_mime or "").strip()
    normalised = declared.split(";", 1)[0].strip().lower()
    declared_matches = not normalised or MIME_ALIASES.get(normalised, normalised) == mime
    if kind == "pdf":
        pages, text = _inspect_pdf(data)
        width = height = None
    else:
        _check_trailing(data, kind)
        width, height = _check_image(data, kind, max_pixels)
        pages, text = None, ""
    return Inspection(
        kind=kind,
        mime=mime,
        size=size,
        width=width,
        height=height,
        pages=pages,
        declared_mime=declared,
        extension=extension,
        declared_matches=declared_matches,
        text=text,
    )


def preview(data: bytes, kind: str, *, max_side: int = 1600, max_pixels: int = MAX_PIXELS) -> bytes:
    """A PNG of the image, or of a PDF's first page, at most ``max_side`` pixels on its long
    side, upright, without EXIF, text chunks or colour profile. For a file :func:`inspect`
    accepted (with the same ``max_pixels``)."""
    if kind not in MIMES:
        raise ValueError(f"unknown kind of file: {kind!r}")
    if kind == "pdf":
        image = _render_first_page(data, max_side)
    else:
        image = _open_image(data, kind, max_pixels)
        try:
            if kind == "jpeg":
                # Decode at a reduced scale when the photo is much larger than the preview.
                image.draft("RGB", (max_side, max_side))
            image.load()
            # An orientation that cannot be read leaves the image as stored.
            with contextlib.suppress(Exception):
                image = ImageOps.exif_transpose(image)
            image = _to_srgb(image)
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        except Exception as exc:
            raise _corrupt() from exc
    return _clean_png(image)


# The checks, in their order.


def _is_blank(data: bytes) -> bool:
    if not data:
        return True
    return data[0] in _BLANK and not data.strip(_BLANK)


def _describe_unknown(data: bytes) -> str:
    head = data[:1024]
    start = head.lstrip(_BLANK)
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip(_BLANK)
    lower = start[:512].lower()
    if start.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if start.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if data.startswith(b"MZ"):
        return "exe"
    if data.startswith(b"\x7fELF"):
        return "elf"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"):
            return "heic"
        if brand in (b"avif", b"avis"):
            return "avif"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if data.startswith(b"BM") and len(data) > 26 and data[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    if data.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if data.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "office"
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if _PDF_MAGIC in head:
        return "pdf_offset"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "html"
    if lower.startswith(b"<svg") or (lower.startswith((b"<?xml", b"<!--")) and b"<svg" in lower):
        return "svg"
    if lower.startswith(b"<?xml"):
        return "xml"
    if b"<html" in lower or b"<!doctype html" in lower:
        return "html"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character cut at the end of the head is still text.
            if len(head) < 1024 or not _decodes_but_last(head):
                return "unknown"
        return "text"
    return "unknown"


def _decodes_but_last(head: bytes) -> bool:
    for cut in range(1, 4):
        try:
            head[:-cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def _basename(filename: str) -> str:
    # Some browsers send the whole path, with either separator.
    return re.split(r"[\\/]", filename or "")[-1].strip()


def _extension(name: str) -> str:
    _stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot else ""


def _shorten(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _check_trailing(data: bytes, kind: str) -> None:
    end = _jpeg_end(data) if kind == "jpeg" else _png_end(data)
    if end is None:
        # No end marker: truncated, or data appended where a decoder would stop silently.
        raise _corrupt()
    if len(data) - end > MAX_TRAILING_BYTES:
        raise FileRejected(
            "trailing_data",
            _(
                "This image has other data hidden after the picture itself, as motion photos "
                "and some edited files do. Please send a plain photo, scan or screenshot."
            ),
        )


def _jpeg_end(data: bytes) -> int | None:
    """The offset just after the JPEG's end-of-image marker, or None if there is none (or the
    segments before it are too many).

    The segments are walked as a decoder reads them, since an EXIF thumbnail holds an end marker
    of its own inside a segment; bytes between segments are skipped as decoders skip them.
    """
    n = len(data)
    i = 2
    for _segment in range(MAX_JPEG_SEGMENTS):
        i = data.find(b"\xff", i)
        if i < 0:
            return None
        while i < n and data[i] == 0xFF:
            i += 1
        if i >= n:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:
            return i
        if marker in (0x00, 0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            # No length follows these.
            continue
        if i + 2 > n:
            return None
        length = int.from_bytes(data[i : i + 2], "big")
        if length < 2:
            return None
        i += length
        if marker == 0xDA:
            # Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a
            # restart marker.
            found = _JPEG_MARKER.search(data, i)
            if found is None:
                return None
            i = found.start()
    return None


def _png_end(data: bytes) -> int | None:
    """The offset just after the PNG's IEND chunk, or None if the chunks break off first (or
    are too many)."""
    n = len(data)
    i = len(_PNG_MAGIC)
    for _chunk in range(MAX_PNG_CHUNKS):
        if i + 8 > n:
            return None
        length = int.from_bytes(data[i : i + 4], "big")
        chunk_type = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > n:
            return None
        if chunk_type == b"IEND":
            return end
        i = end
    return None


def _too_many_pixels(pixels: int) -> FileRejected:
    return FileRejected(
        "pixels",
        _(
            "This image is too large to process (%(megapixels)s megapixels). Please send a "
            "smaller photo or scan."
        ),
        megapixels=float(math.ceil(pixels / 100_000) / 10),
    )


def _corrupt() -> FileRejected:
    return FileRejected(
        "corrupt",
        _("This file is damaged or incomplete and cannot be opened. Please send it again."),
    )


def _open_image(data: bytes, kind: str, max_pixels: int) -> Image.Image:
    """The image with only its header read; refused if it has too many pixels or is not the
    kind its magic bytes said."""
    with warnings.catch_warnings():
        # Pillow's own guard warns, then raises, for images larger than its limits.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=["JPEG"] if kind == "jpeg" else ["PNG"])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(_bomb_pixels(exc)) from exc
        except Exception as exc:
            raise _corrupt() from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise _corrupt()
    if width * height > max_pixels:
        raise _too_many_pixels(width * height)
    return image


def _bomb_pixels(exc: Exception) -> int:
    """The pixel count in Pillow's decompression-bomb message (0 if it does not say)."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    return int(found.group(1)) if found else 0


def _check_image(data: bytes, kind: str, max_pixels: int) -> tuple[int, int]:
    image = _open_image(data, kind, max_pixels)
    width, height = image.size
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            if kind == "png":
                # verify() checks the chunks' CRCs; it leaves the image unusable, so reopen.
                image.verify()
                image = Image.open(io.BytesIO(data), formats=["PNG"])
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _too_many_pixels(width * height) from exc
        except Exception as exc:
            raise _corrupt() from exc
        finally:
            image.close()
    return width, height


# PDFs.


def _encrypted() -> FileRejected:
    return FileRejected(
        "pdf_encrypted",
        _(
            "This PDF is protected by a password, so we cannot check it. Please send a copy "
            "without a password, or a photo or scan of the document."
        ),
    )


def _active() -> FileRejected:
    return FileRejected(
        "pdf_active",
        _("This PDF contains scripts or embedded content; please send a plain scan or photo."),
    )


def _inspect_pdf(data: bytes) -> tuple[int, str]:
    """The page count and text of a PDF that pypdf reads, not encrypted, without scripts."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise _corrupt() from exc
    if encrypted:
        raise _encrypted()
    try:
        pages = len(reader.pages)
    except Exception as exc:
        raise _corrupt() from exc
    if pages == 0:
        raise _corrupt()
    if _pdf_raw_active(data) or _pdf_structure_active(reader) or _pdf_objects_active(reader):
        raise _active()
    return pages, _pdf_text(reader, pages)


def _pdf_text(reader: pypdf.PdfReader, pages: int) -> str:
    parts: list[str] = []
    length = 0
    for number in range(min(pages, TEXT_PAGES)):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception:  # noqa: S112 - a page whose text cannot be read is still a document
            continue
        parts.append(text)
        length += len(text) + 1
        if length >= TEXT_CHARS:
            break
    return "\n".join(parts)[:TEXT_CHARS]


def _pdf_raw_active(data: bytes) -> bool:
    """The names of active content anywhere in the file outside stream data, #xx escapes
    decoded: this sees objects that no reference reaches. Stream data is left out because it is
    compressed bytes, where a name like "/JS" turns up by chance in a few large scans in a
    hundred; the objects of compressed object streams are read by :func:`_pdf_objects_active`."""
    kept: list[bytes] = []
    position = 0
    for match in _PDF_STREAM.finditer(data):
        if match.start() < position:
            continue
        end = data.find(_PDF_END_STREAM, match.end())
        if end < 0:
            break
        kept.append(data[position : match.end()])
        position = end
    kept.append(data[position:])
    text = _PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), b"".join(kept))
    return _PDF_ACTIVE_NAME.search(text) is not None


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, PdfObject) else value


def _get(dictionary: Any, key: str) -> Any:
    if not isinstance(dictionary, DictionaryObject):
        return None
    return _resolved(dictionary.get(key))


def _active_action(action: Any, depth: int = 0) -> bool:
    """An action (or chain of actions through /Next) that runs a script, launches a program,
    sends data or opens embedded content."""
    if depth > MAX_PDF_DEPTH:
        return False
    action = _resolved(action)
    if isinstance(action, ArrayObject):
        return any(_active_action(item, depth + 1) for item in action)
    if not isinstance(action, DictionaryObject):
        return False
    if _get(action, "/S") in _ACTIVE_ACTIONS or "/JS" in action:
        return True
    return _active_action(action.get("/Next"), depth + 1)


def _active_annotation(annotation: Any) -> bool:
    annotation = _resolved(annotation)
    if not isinstance(annotation, DictionaryObject):
        return False
    return (
        "/AA" in annotation
        or _active_action(annotation.get("/A"))
        or _get(annotation, "/Subtype") in _ACTIVE_ANNOTATIONS
    )


def _active_fields(fields: Any, budget: list[int], depth: int = 0) -> bool:
    fields = _resolved(fields)
    if depth > MAX_PDF_DEPTH or not isinstance(fields, ArrayObject):
        return False
    for field in fields:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        field = _resolved(field)
        if _active_annotation(field):
            return True
        if _active_fields(_get(field, "/Kids"), budget, depth + 1):
            return True
    return False


def _pdf_structure_active(reader: pypdf.PdfReader) -> bool:
    """Scripts, actions, forms and embedded files reachable from the document's catalog."""
    try:
        root = _resolved(reader.trailer["/Root"])
        if not isinstance(root, DictionaryObject):
            return False
        names = _get(root, "/Names")
        if isinstance(names, DictionaryObject) and (
            "/JavaScript" in names or "/EmbeddedFiles" in names
        ):
            return True
        if "/AA" in root or "/Collection" in root or _active_action(root.get("/OpenAction")):
            return True
        form = _get(root, "/AcroForm")
        if isinstance(form, DictionaryObject) and (
            "/XFA" in form or _active_fields(form.get("/Fields"), [MAX_PDF_OBJECTS])
        ):
            return True
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES_WALKED:
                break
            if "/AA" in page:
                return True
            annotations = _get(page, "/Annots")
            if isinstance(annotations, ArrayObject) and any(
                _active_annotation(annotation) for annotation in annotations
            ):
                return True
    except Exception as exc:
        # A structure pypdf cannot follow is a damaged file.
        raise _corrupt() from exc
    return False


def _active_object(value: Any, depth: int = 0) -> bool:
    """A dictionary (or any dictionary nested in it directly) that is active content."""
    if depth > MAX_PDF_DEPTH:
        return False
    if isinstance(value, ArrayObject):
        return any(
            _active_object(item, depth + 1)
            for item in value
            if not isinstance(item, IndirectObject)
        )
    if not isinstance(value, DictionaryObject):
        return False
    if any(key in value for key in _ACTIVE_KEYS):
        return True
    action = value.get("/S")
    subtype = value.get("/Subtype")
    if action in _ACTIVE_ACTIONS or subtype in _ACTIVE_ANNOTATIONS:
        return True
    if value.get("/Type") == "/EmbeddedFile":
        return True
    return any(
        _active_object(item, depth + 1)
        for item in value.values()
        if not isinstance(item, IndirectObject)
    )


def _pdf_objects_active(reader: pypdf.PdfReader) -> bool:
    """Every object of the cross-reference, reached or not, including those in compressed
    object streams, which the raw scan cannot read."""
    numbers: list[tuple[int, int]] = [
        (number, generation) for generation, table in reader.xref.items() for number in table
    ]
    numbers.extend((number, 0) for number in reader.xref_objStm)
    for count, (number, generation) in enumerate(numbers):
        if count >= MAX_PDF_OBJECTS:
            break
        try:
            value = reader.get_object(IndirectObject(number, generation, reader))
        except Exception:  # noqa: S112 - an unreadable unreachable object runs nothing
            continue
        if _active_object(value):
            return True
    return False


def _render_first_page(data: bytes, max_side: int) -> Image.Image:
    with _PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
            try:
                page = document[0]
                try:
                    width, height = page.get_size()
                    scale = max_side / max(width, height, 1.0)
                    image = page.render(scale=scale).to_pil()
                    image.load()
                finally:
                    page.close()
            finally:
                document.close()
        except Exception as exc:
            raise _corrupt() from exc
    image = image.convert("RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


# Previews.


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB pixels in sRGB: a colour profile is applied (not kept), transparency goes on white."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = ImageCms.profileToProfile(
                image,
                source,
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale to 8 bits before the conversion to RGB.
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _clean_png(image: Image.Image) -> bytes:
    """PNG bytes of the pixels alone: a fresh image carries no EXIF, text or profile."""
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    output = io.BytesIO()
    clean.save(output, format="PNG", optimize=False)
    return output.getvalue()
