"""Whatever the bytes, the inspection answers with an Inspection or a FileRejected: never
another exception (which would be a server error and a lost upload)."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playerdesk.kyc import files
from tests.kyc import documents

SEEDS = [
    documents.id_image(documents.passport_zone()),
    documents.payment_screenshot(),
    documents.utility_bill(__import__("datetime").date(2026, 11, 1)),
]
NAMES = {b"\xff": "scan.jpg", b"\x89": "scan.png", b"%P": "scan.pdf"}


def _name(data: bytes) -> str:
    for head, name in NAMES.items():
        if data.startswith(head):
            return name
    return "scan.jpg"


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "overwrite"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=32))
            data[at : at + len(chunk)] = chunk
    return bytes(data)


def _check(data: bytes) -> None:
    try:
        found = files.inspect(data, filename=_name(data))
    except files.FileRejected as exc:
        assert exc.code and str(exc)
        return
    files.preview(data, found.kind)  # may itself refuse, as FileRejected only


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents_are_accepted_or_refused_never_crash(data):
    with contextlib.suppress(files.FileRejected):
        _check(data)


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=2048),
    st.sampled_from([b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4\n"]),
)
def test_random_bytes_behind_a_magic_number_never_crash(tail, head):
    with contextlib.suppress(files.FileRejected):
        _check(head + tail)
