"""The machine-readable zone of travel documents (ICAO Doc 9303): parse, verify, build.

Three formats: TD1 (identity cards, 3 lines of 30), TD2 (2 lines of 36) and TD3
(passports, 2 lines of 44). Pure logic: no database, no I/O.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "WEIGHTS",
    "Mrz",
    "MrzError",
    "check_digit",
    "make_td1",
    "make_td2",
    "make_td3",
    "normalise",
    "parse",
]

WEIGHTS = (7, 3, 1)
FILLER = "<"
ALPHABET = frozenset(string.digits + string.ascii_uppercase + FILLER)

# Line count and length of each format, in the order they are tried.
FORMATS = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44)}
# A whole zone pasted as one line: its length and the length of its lines.
ONE_LINE = {n * length: length for n, length in FORMATS.values()}
NAME_WIDTH = {"TD1": 30, "TD2": 31, "TD3": 39}

_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
_SPACES = re.compile(r"\s+")
# Letters that do not decompose into a base letter and marks (Doc 9303 part 3).
_LETTERS = {
    "Æ": "AE",
    "Œ": "OE",
    "Ø": "OE",
    "Þ": "TH",
    "Ð": "D",
    "Đ": "D",
    "Ł": "L",
    "Ħ": "H",
    "Ŧ": "T",
    "Ŋ": "N",
    "ß": "SS",
    "ẞ": "SS",
}


def _value(char: str) -> int:
    if char.isdigit() and char.isascii():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == FILLER:
        return 0
    raise MrzError("characters", f"{char!r} is not allowed in a machine-readable zone")


def check_digit(value: str) -> str:
    """The check digit of ``value`` (Doc 9303 part 3, 4.9)."""
    total = sum(_value(char) * WEIGHTS[i % 3] for i, char in enumerate(value))
    return str(total % 10)


def _check(value: str, digit: str) -> bool:
    return digit in string.digits and check_digit(value) == digit


class MrzError(ValueError):
    """A text that cannot be read as a machine-readable zone."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Mrz:
    """A parsed zone: its fields and the result of each check digit."""

    format: str
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date | None
    sex: str
    expiry_date: date | None
    optional_data: str
    checks: dict[str, bool] = field(hash=False)
    lines: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return all(self.checks.values())

    @property
    def failed_checks(self) -> list[str]:
        return [name for name, ok in self.checks.items() if not ok]


def normalise(text: str) -> list[str]:
    """The lines of ``text`` in upper case, without blanks or empty lines.

    A whole zone pasted on one line (90, 72 or 88 characters) is split into its lines.
    """
    lines = [_SPACES.sub("", line).translate(_UPPER) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1 and len(lines[0]) in ONE_LINE:
        width = ONE_LINE[len(lines[0])]
        lines = [lines[0][i : i + width] for i in range(0, len(lines[0]), width)]
    return lines


def _shape(lines: list[str]) -> str:
    for name, (count, length) in FORMATS.items():
        if len(lines) == count and all(len(line) == length for line in lines):
            return name
    found = ", ".join(str(len(line)) for line in lines)
    plural = "line" if len(lines) == 1 else "lines"
    raise MrzError(
        "shape",
        f"found {len(lines)} {plural} of {found} characters; expected 3 lines of 30 (TD1), "
        "2 lines of 36 (TD2) or 2 lines of 44 (TD3)",
    )


def _characters(lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        for position, char in enumerate(line, start=1):
            if char not in ALPHABET:
                raise MrzError(
                    "characters",
                    f"line {number}, position {position}: {char!r} is not allowed; "
                    "only A-Z, 0-9 and '<'",
                )


def _strip(value: str) -> str:
    return value.strip(FILLER)


def _words(value: str) -> str:
    return " ".join(value.replace(FILLER, " ").split())


def _names(value: str) -> tuple[str, str]:
    primary, _, secondary = value.partition(FILLER * 2)
    return _words(primary), _words(secondary)


def _sex(char: str) -> str:
    return "X" if char == FILLER else char


def _ymd(value: str) -> tuple[int, int, int] | None:
    if len(value) != 6 or not value.isdigit() or not value.isascii():
        return None
    return int(value[:2]), int(value[2:4]), int(value[4:])


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date(value: str, today: date) -> date | None:
    """The latest date with these YYMMDD that is not after ``today``."""
    parts = _ymd(value)
    if parts is None:
        return None
    yy, month, day = parts
    year = today.year - today.year % 100 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return _date(year, month, day)


def _expiry_date(value: str, today: date) -> date | None:
    """The date with these YYMMDD within [today - 50 years, today + 50 years)."""
    parts = _ymd(value)
    if parts is None:
        return None
    yy, month, day = parts
    start = today.year - 50
    year = start - start % 100 + yy
    if (year, month, day) < (start, today.month, today.day):
        year += 100
    return _date(year, month, day)


def _document_number(principal: str, digit: str, optional: str) -> tuple[str, bool, str]:
    """Document number, its check and the optional data left (TD1 and TD2).

    A number longer than 9 characters has '<' in place of its check digit; the rest of it
    and its check digit start the optional data, followed by a filler.
    """
    if digit != FILLER:
        return _strip(principal), _check(principal, digit), optional
    head, _, rest = optional.partition(FILLER)
    if len(head) < 2:
        return _strip(principal), False, optional
    number = principal + head[:-1]
    return number, _check(number, head[-1]), rest


def _parse_td1(lines: list[str], today: date) -> Mrz:
    one, two, three = lines
    number, number_ok, optional1 = _document_number(one[5:14], one[14], one[15:30])
    surname, given_names = _names(three)
    optional = [_strip(part) for part in (optional1, two[18:29])]
    composite = one[5:30] + two[0:7] + two[8:15] + two[18:29]
    return Mrz(
        format="TD1",
        document_code=_strip(one[0:2]),
        issuing_state=_strip(one[2:5]),
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=_strip(two[15:18]),
        birth_date=_birth_date(two[0:6], today),
        sex=_sex(two[7]),
        expiry_date=_expiry_date(two[8:14], today),
        optional_data=" ".join(part for part in optional if part),
        checks={
            "document_number": number_ok,
            "birth_date": _check(two[0:6], two[6]),
            "expiry_date": _check(two[8:14], two[14]),
            "composite": _check(composite, two[29]),
        },
        lines=tuple(lines),
    )


def _parse_td2(lines: list[str], today: date) -> Mrz:
    one, two = lines
    number, number_ok, optional = _document_number(two[0:9], two[9], two[28:35])
    surname, given_names = _names(one[5:36])
    composite = two[0:10] + two[13:20] + two[21:35]
    return Mrz(
        format="TD2",
        document_code=_strip(one[0:2]),
        issuing_state=_strip(one[2:5]),
        surname=surname,
        given_names=given_names,
        document_number=number,
        nationality=_strip(two[10:13]),
        birth_date=_birth_date(two[13:19], today),
        sex=_sex(two[20]),
        expiry_date=_expiry_date(two[21:27], today),
        optional_data=_strip(optional),
        checks={
            "document_number": number_ok,
            "birth_date": _check(two[13:19], two[19]),
            "expiry_date": _check(two[21:27], two[27]),
            "composite": _check(composite, two[35]),
        },
        lines=tuple(lines),
    )


def _parse_td3(lines: list[str], today: date) -> Mrz:
    one, two = lines
    surname, given_names = _names(one[5:44])
    personal, personal_digit = two[28:42], two[42]
    if _strip(personal) == "" and personal_digit in (FILLER, "0"):
        personal_ok = True
    else:
        personal_ok = _check(personal, personal_digit)
    composite = two[0:10] + two[13:20] + two[21:43]
    return Mrz(
        format="TD3",
        document_code=_strip(one[0:2]),
        issuing_state=_strip(one[2:5]),
        surname=surname,
        given_names=given_names,
        document_number=_strip(two[0:9]),
        nationality=_strip(two[10:13]),
        birth_date=_birth_date(two[13:19], today),
        sex=_sex(two[20]),
        expiry_date=_expiry_date(two[21:27], today),
        optional_data=_strip(personal),
        checks={
            "document_number": _check(two[0:9], two[9]),
            "birth_date": _check(two[13:19], two[19]),
            "expiry_date": _check(two[21:27], two[27]),
            "personal_number": personal_ok,
            "composite": _check(composite, two[43]),
        },
        lines=tuple(lines),
    )


_PARSERS = {"TD1": _parse_td1, "TD2": _parse_td2, "TD3": _parse_td3}


def parse(text: str, *, today: date | None = None) -> Mrz:
    """Read a zone; the format comes from its line count and lengths.

    Raises :class:`MrzError` with code "empty", "shape" or "characters".
    Check digits that do not match are reported in ``checks``, not raised.
    """
    lines = normalise(text)
    if not lines:
        raise MrzError("empty", "no machine-readable zone was given")
    kind = _shape(lines)
    _characters(lines)
    return _PARSERS[kind](lines, today or date.today())


# Building zones.


def _transliterate(value: str) -> str:
    """A name part in A-Z: accents dropped, spaces and hyphens as '<', other marks dropped."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).upper()
    out = []
    for char in plain:
        char = _LETTERS.get(char, char)
        if char in (" ", "-") or char.isspace():
            out.append(FILLER)
        elif all("A" <= c <= "Z" for c in char):
            out.append(char)
    return re.sub("<+", FILLER, "".join(out)).strip(FILLER)


def _name_field(surname: str, given_names: str, width: int) -> str:
    primary, secondary = _transliterate(surname), _transliterate(given_names)
    name = f"{primary}{FILLER * 2}{secondary}" if secondary else primary
    return _pad(name[:width], width)


def _pad(value: str, width: int) -> str:
    return value + FILLER * (width - len(value))


def _field(value: str, width: int, label: str) -> str:
    cleaned = value.strip().translate(_UPPER).replace(" ", FILLER)
    if len(cleaned) > width:
        raise ValueError(f"{label} {value!r} is longer than {width} characters")
    bad = [char for char in cleaned if char not in ALPHABET]
    if bad:
        raise ValueError(f"{label} {value!r} has characters outside A-Z, 0-9 and '<'")
    return _pad(cleaned, width)


def _yymmdd(value: date) -> str:
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


def _sex_char(sex: str) -> str:
    char = sex.strip().upper() or FILLER
    if char not in ("M", "F", "X", FILLER):
        raise ValueError(f"sex {sex!r} is not M, F or X")
    return FILLER if char == "X" else char


def _number_text(number: str) -> str:
    cleaned = number.strip().translate(_UPPER)
    if not cleaned or any(char not in ALPHABET or char == FILLER for char in cleaned):
        raise ValueError(f"document number {number!r} is not made of A-Z and 0-9")
    return cleaned


def _number_and_optional(number: str, optional: str, width: int) -> tuple[str, str]:
    """The 10 characters of document number and check digit, and the optional field.

    A number longer than 9 characters continues at the start of the optional field.
    """
    cleaned = _number_text(number)
    if len(cleaned) <= 9:
        principal = _pad(cleaned, 9)
        return principal + check_digit(principal), _field(optional, width, "optional data")
    rest = cleaned[9:] + check_digit(cleaned)
    extra = optional.strip()
    if extra:
        rest += FILLER + extra
    return cleaned[:9] + FILLER, _field(rest, width, "document number and optional data")


def make_td1(
    *,
    document_code: str = "I",
    issuing_state: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    nationality: str,
    surname: str,
    given_names: str,
    optional1: str = "",
    optional2: str = "",
) -> str:
    """A TD1 zone (3 lines of 30) with its check digits."""
    number, optional = _number_and_optional(document_number, optional1, 15)
    one = (
        _field(document_code, 2, "document code")
        + _field(issuing_state, 3, "issuing state")
        + number
        + optional
    )
    birth, expiry = _yymmdd(birth_date), _yymmdd(expiry_date)
    two = (
        birth
        + check_digit(birth)
        + _sex_char(sex)
        + expiry
        + check_digit(expiry)
        + _field(nationality, 3, "nationality")
        + _field(optional2, 11, "optional data 2")
    )
    two += check_digit(one[5:30] + two[0:7] + two[8:15] + two[18:29])
    three = _name_field(surname, given_names, NAME_WIDTH["TD1"])
    return "\n".join((one, two, three))


def make_td2(
    *,
    document_code: str = "I",
    issuing_state: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    nationality: str,
    surname: str,
    given_names: str,
    optional: str = "",
) -> str:
    """A TD2 zone (2 lines of 36) with its check digits."""
    one = (
        _field(document_code, 2, "document code")
        + _field(issuing_state, 3, "issuing state")
        + _name_field(surname, given_names, NAME_WIDTH["TD2"])
    )
    number, optional_field = _number_and_optional(document_number, optional, 7)
    birth, expiry = _yymmdd(birth_date), _yymmdd(expiry_date)
    two = (
        number
        + _field(nationality, 3, "nationality")
        + birth
        + check_digit(birth)
        + _sex_char(sex)
        + expiry
        + check_digit(expiry)
        + optional_field
    )
    two += check_digit(two[0:10] + two[13:20] + two[21:35])
    return "\n".join((one, two))


def make_td3(
    *,
    document_code: str = "P",
    issuing_state: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    nationality: str,
    surname: str,
    given_names: str,
    personal_number: str = "",
) -> str:
    """A TD3 zone (2 lines of 44) with its check digits."""
    one = (
        _field(document_code, 2, "document code")
        + _field(issuing_state, 3, "issuing state")
        + _name_field(surname, given_names, NAME_WIDTH["TD3"])
    )
    cleaned = _number_text(document_number)
    if len(cleaned) > 9:
        raise ValueError(f"document number {document_number!r} is longer than 9 characters")
    number = _pad(cleaned, 9)
    personal = _field(personal_number, 14, "personal number")
    personal_digit = FILLER if _strip(personal) == "" else check_digit(personal)
    birth, expiry = _yymmdd(birth_date), _yymmdd(expiry_date)
    two = (
        number
        + check_digit(number)
        + _field(nationality, 3, "nationality")
        + birth
        + check_digit(birth)
        + _sex_char(sex)
        + expiry
        + check_digit(expiry)
        + personal
        + personal_digit
    )
    two += check_digit(two[0:10] + two[13:20] + two[21:43])
    return "\n".join((one, two))
