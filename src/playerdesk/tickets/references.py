"""Ticket reference numbers that a player can read out, type and quote.

A reference is the brand's prefix and eight characters in two groups, for example
``PLY-7K2Q-9M4D``. The eight characters are seven data symbols and one check symbol over a
31-symbol alphabet (Crockford's base 32 without ``Z``: no I, L, O, U, Z, so nothing is read two
ways). The check makes the weighted sum of all eight symbols zero modulo 31, with weights
1..8. Because 31 is prime and every weight and every difference of neighbouring weights is
non-zero modulo 31, any single substituted symbol and any swap of two adjacent symbols changes
the sum: a typo is "no such ticket", never another ticket.

The seven data symbols are a keyed permutation (a Feistel network with cycle walking) of the
ticket's number, so references are unique by construction, yet neither sequential nor guessable
from one another without the key.

No ORM here: this module is pure and tested without a database.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
BASE = len(ALPHABET)  # 31, a prime
DATA_LENGTH = 7
CODE_LENGTH = DATA_LENGTH + 1
DOMAIN = BASE**DATA_LENGTH  # 27,512,614,111 distinct references per installation
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# What a person may type for a symbol: case does not matter, O is 0, I and L are 1.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
# The permutation works on pairs (high, low) in Z_31^4 x Z_31^3, alternating modular additions
# of a keyed pseudo-random function of the other half: a bijection with no cycle walking.
_HIGH = BASE**4
_LOW = BASE**3
_ROUNDS = 6
PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


class ReferenceError(ValueError):
    """The text is not a well-formed reference."""


@dataclass(frozen=True, slots=True)
class Reference:
    prefix: str
    code: str  # the eight symbols, without dashes

    def __str__(self) -> str:
        return f"{self.prefix}-{self.code[:4]}-{self.code[4:]}"


def check_symbol(data: str) -> str:
    """The symbol that makes the weighted sum of ``data`` plus itself zero modulo 31."""
    total = sum((i + 1) * _VALUE[c] for i, c in enumerate(data))
    weight = len(data) + 1
    # weight * x == -total (mod 31); 31 is prime, so the inverse exists.
    x = (-total * pow(weight, -1, BASE)) % BASE
    return ALPHABET[x]


def is_valid_code(code: str) -> bool:
    if len(code) != CODE_LENGTH or any(c not in _VALUE for c in code):
        return False
    return sum((i + 1) * _VALUE[c] for i, c in enumerate(code)) % BASE == 0


@functools.lru_cache(maxsize=8)
def _round_hashers(key: bytes) -> tuple[hashlib.blake2b, ...]:
    # Keyed BLAKE2 is a pseudo-random function: without the key, outputs are unpredictable.
    return tuple(
        hashlib.blake2b(key=key[:64], person=b"pdref%d" % r, digest_size=8) for r in range(_ROUNDS)
    )


def _prf(hashers: tuple[hashlib.blake2b, ...], round_no: int, half: int) -> int:
    h = hashers[round_no].copy()
    h.update(half.to_bytes(4, "big"))
    return int.from_bytes(h.digest(), "big")


def permute(number: int, key: bytes) -> int:
    """A keyed bijection of ``range(DOMAIN)`` onto itself."""
    if not 0 <= number < DOMAIN:
        raise ValueError(f"ticket number {number} is outside 0..{DOMAIN - 1}")
    hashers = _round_hashers(key)
    high, low = divmod(number, _LOW)
    for r in range(_ROUNDS):
        if r % 2 == 0:
            high = (high + _prf(hashers, r, low)) % _HIGH
        else:
            low = (low + _prf(hashers, r, high)) % _LOW
    return high * _LOW + low


def unpermute(value: int, key: bytes) -> int:
    """The inverse of :func:`permute` (used by tests to show it is a bijection)."""
    hashers = _round_hashers(key)
    high, low = divmod(value, _LOW)
    for r in reversed(range(_ROUNDS)):
        if r % 2 == 0:
            high = (high - _prf(hashers, r, low)) % _HIGH
        else:
            low = (low - _prf(hashers, r, high)) % _LOW
    return high * _LOW + low


def encode_number(number: int, key: bytes) -> str:
    """The eight-symbol code of a ticket number."""
    value = permute(number, key)
    symbols = []
    for _ in range(DATA_LENGTH):
        value, digit = divmod(value, BASE)
        symbols.append(ALPHABET[digit])
    data = "".join(reversed(symbols))
    return data + check_symbol(data)


def make_reference(prefix: str, number: int, key: bytes) -> str:
    return str(Reference(prefix, encode_number(number, key)))


def parse(text: str) -> Reference:
    """Read a reference as a person may have typed it.

    Case, spaces, dashes, brackets and confusable symbols (O for 0, I or L for 1) are forgiven;
    a wrong check symbol is not. Raises ReferenceError.
    """
    cleaned = re.sub(r"[\s\-_#.\[\]()]", "", text.upper())
    if len(cleaned) <= CODE_LENGTH:
        raise ReferenceError("too short to be a reference")
    prefix, code = cleaned[:-CODE_LENGTH], cleaned[-CODE_LENGTH:]
    code = code.translate(_CONFUSABLE)
    if not PREFIX_RE.match(prefix):
        raise ReferenceError("the prefix is not a brand prefix")
    if not is_valid_code(code):
        raise ReferenceError("the check symbol does not match")
    return Reference(prefix, code)


def normalize(text: str) -> str | None:
    """The canonical form of a typed reference, or None when it is not one."""
    try:
        return str(parse(text))
    except ReferenceError:
        return None


# A reference inside free text, as it may appear in an email subject: prefix, optional dash,
# two groups of four with an optional dash. Used by intake to continue a ticket.
REFERENCE_IN_TEXT = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,5})[\s\-]?([0-9A-Za-z]{4})[\s\-]?([0-9A-Za-z]{4})"
    r"(?![A-Za-z0-9])"
)


def find_references(text: str) -> list[str]:
    """Every valid reference quoted in ``text``, canonical, in order of appearance."""
    found: list[str] = []
    for match in REFERENCE_IN_TEXT.finditer(text):
        ref = normalize("".join(match.groups()))
        if ref and ref not in found:
            found.append(ref)
    return found
