"""Machine-readable zones: the ICAO Doc 9303 specimens, check digits, building and parsing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from playerdesk.kyc.mrz import (
    MrzError,
    check_digit,
    make_td1,
    make_td2,
    make_td3,
    normalise,
    parse,
)

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
SPECIMENS = {"TD1": TD1, "TD2": TD2, "TD3": TD3}
TODAY = date(2025, 6, 1)


def _replace(zone: str, line: int, index: int, char: str) -> str:
    lines = zone.split("\n")
    text = lines[line]
    lines[line] = text[:index] + char + text[index + 1 :]
    return "\n".join(lines)


def _other_digit(char: str) -> str:
    return str((int(char) + 1) % 10)


# Check digits.


@pytest.mark.parametrize(
    ("value", "digit"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("D23145890", "7"), ("", "0")],
)
def test_check_digit_examples(value, digit):
    assert check_digit(value) == digit


def test_check_digit_counts_fillers_as_zero_and_letters_from_ten():
    assert check_digit("<<<<<<") == "0"
    assert check_digit("A") == "0"  # 10 * 7
    assert check_digit("B") == "7"  # 11 * 7
    assert check_digit("<A") == "0"  # 10 * 3
    assert check_digit("<<Z") == "5"  # 35 * 1


def test_check_digit_refuses_other_characters():
    with pytest.raises(MrzError) as caught:
        check_digit("AB-1")
    assert caught.value.code == "characters"


# The specimens.


@pytest.mark.parametrize("kind", ["TD1", "TD2", "TD3"])
def test_specimens_parse_with_every_check_true(kind):
    mrz = parse(SPECIMENS[kind])
    assert mrz.format == kind
    assert mrz.valid
    assert mrz.failed_checks == []
    assert all(mrz.checks.values())
    assert mrz.issuing_state == "UTO"
    assert mrz.nationality == "UTO"
    assert mrz.surname == "ERIKSSON"
    assert mrz.given_names == "ANNA MARIA"
    assert mrz.birth_date == date(1974, 8, 12)
    assert mrz.expiry_date == date(2012, 4, 15)
    assert mrz.sex == "F"
    assert mrz.lines == tuple(SPECIMENS[kind].split("\n"))


def test_td3_specimen_fields():
    mrz = parse(TD3)
    assert mrz.document_code == "P"
    assert mrz.document_number == "L898902C3"
    assert mrz.optional_data == "ZE184226B"
    assert set(mrz.checks) == {
        "document_number",
        "birth_date",
        "expiry_date",
        "personal_number",
        "composite",
    }


@pytest.mark.parametrize("kind", ["TD1", "TD2"])
def test_identity_card_specimen_fields(kind):
    mrz = parse(SPECIMENS[kind])
    assert mrz.document_code == "I"
    assert mrz.document_number == "D23145890"
    assert mrz.optional_data == ""
    assert set(mrz.checks) == {"document_number", "birth_date", "expiry_date", "composite"}


@pytest.mark.parametrize(
    ("kind", "line", "index", "expected"),
    [
        ("TD3", 1, 1, {"document_number", "composite"}),
        ("TD3", 1, 9, {"document_number", "composite"}),
        ("TD3", 1, 13, {"birth_date", "composite"}),
        ("TD3", 1, 18, {"birth_date", "composite"}),
        ("TD3", 1, 21, {"expiry_date", "composite"}),
        ("TD3", 1, 27, {"expiry_date", "composite"}),
        ("TD3", 1, 30, {"personal_number", "composite"}),
        ("TD3", 1, 42, {"personal_number", "composite"}),
        ("TD3", 1, 43, {"composite"}),
        ("TD2", 1, 1, {"document_number", "composite"}),
        ("TD2", 1, 9, {"document_number", "composite"}),
        ("TD2", 1, 13, {"birth_date", "composite"}),
        ("TD2", 1, 21, {"expiry_date", "composite"}),
        ("TD2", 1, 35, {"composite"}),
        ("TD1", 0, 6, {"document_number", "composite"}),
        ("TD1", 0, 14, {"document_number", "composite"}),
        ("TD1", 1, 0, {"birth_date", "composite"}),
        ("TD1", 1, 6, {"birth_date", "composite"}),
        ("TD1", 1, 8, {"expiry_date", "composite"}),
        ("TD1", 1, 14, {"expiry_date", "composite"}),
        ("TD1", 1, 29, {"composite"}),
    ],
)
def test_one_changed_digit_fails_exactly_the_expected_checks(kind, line, index, expected):
    zone = SPECIMENS[kind]
    digit = zone.split("\n")[line][index]
    assert digit.isdigit()
    mrz = parse(_replace(zone, line, index, _other_digit(digit)))
    assert not mrz.valid
    assert set(mrz.failed_checks) == expected


@pytest.mark.parametrize(
    ("kind", "line", "index"), [("TD1", 0, 20), ("TD1", 1, 20), ("TD2", 1, 30)]
)
def test_a_changed_optional_character_fails_only_the_composite(kind, line, index):
    mrz = parse(_replace(SPECIMENS[kind], line, index, "7"))
    assert mrz.failed_checks == ["composite"]
    assert mrz.optional_data == "7"


def test_a_letter_in_a_check_digit_position_fails_that_check():
    mrz = parse(_replace(TD3, 1, 19, "A"))
    assert set(mrz.failed_checks) == {"birth_date", "composite"}


def test_an_empty_personal_number_may_have_check_digit_filler_or_zero():
    base = make_td3(
        issuing_state="UTO",
        document_number="L898902C3",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        nationality="UTO",
        surname="Eriksson",
        given_names="Anna Maria",
    )
    assert base.split("\n")[1][28:43] == "<" * 15
    with_zero = _replace(base, 1, 42, "0")
    line = with_zero.split("\n")[1]
    with_zero = _replace(with_zero, 1, 43, check_digit(line[0:10] + line[13:20] + line[21:43]))
    assert parse(base).valid
    assert parse(with_zero).valid
    assert parse(with_zero).optional_data == ""
    assert parse(_replace(base, 1, 42, "3")).failed_checks == ["personal_number", "composite"]


# Dates.


def _td3_with_dates(birth: str, expiry: str) -> str:
    line = (
        "L898902C36UTO"
        + birth
        + check_digit(birth)
        + "F"
        + expiry
        + check_digit(expiry)
        + "ZE184226B<<<<<1"
    )
    line += check_digit(line[0:10] + line[13:20] + line[21:43])
    return TD3.split("\n")[0] + "\n" + line


def test_an_impossible_date_is_none_and_its_check_still_computed():
    mrz = parse(_td3_with_dates("991340", "120230"), today=TODAY)
    assert mrz.birth_date is None
    assert mrz.expiry_date is None
    assert mrz.valid


def test_an_unknown_date_of_fillers_is_none():
    mrz = parse(_td3_with_dates("<<<<<<", "120415"), today=TODAY)
    assert mrz.birth_date is None
    assert mrz.expiry_date == date(2012, 4, 15)
    assert mrz.valid


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        ("740812", date(1974, 8, 12)),
        ("250601", date(2025, 6, 1)),
        ("250602", date(1925, 6, 2)),
        ("050101", date(2005, 1, 1)),
        ("000229", date(2000, 2, 29)),
    ],
)
def test_birth_dates_are_in_the_past(birth, expected):
    assert parse(_td3_with_dates(birth, "300101"), today=TODAY).birth_date == expected


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        ("120415", date(2012, 4, 15)),
        ("350101", date(2035, 1, 1)),
        ("750531", date(2075, 5, 31)),
        ("750601", date(1975, 6, 1)),
        ("991231", date(1999, 12, 31)),
        ("740812", date(2074, 8, 12)),
    ],
)
def test_expiry_dates_are_within_fifty_years(expiry, expected):
    assert parse(_td3_with_dates("740812", expiry), today=TODAY).expiry_date == expected


# Normalising and errors.


def test_normalise_accepts_lower_case_spaces_and_crlf():
    pasted = "  p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<  \r\n\r\n"
    pasted += "L898902C36 UTO 7408122 F 1204159 ZE184226B<<<<<10\t \r\n"
    assert normalise(pasted) == TD3.split("\n")
    assert parse(pasted).valid


@pytest.mark.parametrize("kind", ["TD1", "TD2", "TD3"])
def test_normalise_splits_a_zone_pasted_on_one_line(kind):
    one_line = SPECIMENS[kind].replace("\n", "")
    assert normalise(one_line) == SPECIMENS[kind].split("\n")
    assert normalise(one_line.lower() + "  ") == SPECIMENS[kind].split("\n")
    assert parse(one_line).format == kind


def test_normalise_keeps_other_lines_as_they_are():
    assert normalise("abc\n\n  de f \n") == ["ABC", "DEF"]
    assert normalise("") == []


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t\n"])
def test_empty_text_is_an_error(text):
    with pytest.raises(MrzError) as caught:
        parse(text)
    assert caught.value.code == "empty"


def test_a_wrong_shape_says_what_was_found_and_expected():
    with pytest.raises(MrzError) as caught:
        parse("A" * 40 + "\n" + "B" * 40)
    assert caught.value.code == "shape"
    message = str(caught.value)
    assert "2 lines of 40, 40" in message
    for expected in ("3 lines of 30", "2 lines of 36", "2 lines of 44"):
        assert expected in message


@pytest.mark.parametrize(
    "text",
    [TD3.split("\n")[0], TD1 + "\n" + "<" * 30, TD2.split("\n")[0] + "\n" + "<" * 44],
)
def test_other_shapes_are_errors(text):
    with pytest.raises(MrzError) as caught:
        parse(text)
    assert caught.value.code == "shape"


@pytest.mark.parametrize("char", ["é", "-", ".", "«"])
def test_a_character_outside_the_alphabet_is_an_error(char):
    with pytest.raises(MrzError) as caught:
        parse(_replace(TD3, 0, 10, char))
    assert caught.value.code == "characters"
    assert "line 1, position 11" in str(caught.value)


def test_mrz_error_is_a_value_error():
    with pytest.raises(ValueError, match="no machine-readable zone"):
        parse("")


# Building zones.

FIELDS = {
    "issuing_state": "UTO",
    "birth_date": date(1974, 8, 12),
    "sex": "F",
    "expiry_date": date(2012, 4, 15),
    "nationality": "UTO",
    "surname": "Eriksson",
    "given_names": "Anna Maria",
}


def test_make_rebuilds_the_specimens():
    assert make_td3(**FIELDS, document_number="L898902C3", personal_number="ZE184226B") == TD3
    assert make_td2(**FIELDS, document_number="D23145890") == TD2
    assert make_td1(**FIELDS, document_number="D23145890") == TD1


@pytest.mark.parametrize("make", [make_td1, make_td2, make_td3])
def test_accented_and_compound_names_round_trip(make):
    zone = make(
        **{**FIELDS, "surname": "Dupont-Lefèvre", "given_names": "Véronique  Zoé"},
        document_number="AB123",
    )
    mrz = parse(zone)
    assert mrz.valid
    assert mrz.surname == "DUPONT LEFEVRE"
    assert mrz.given_names == "VERONIQUE ZOE"
    assert "DUPONT<LEFEVRE<<VERONIQUE<ZOE" in zone
    assert mrz.document_number == "AB123"


def test_transliteration_of_letters_without_accents():
    zone = make_td3(
        **{**FIELDS, "surname": "O'Brien Ørsted", "given_names": "Æsa Straße Łucja"},
        document_number="X1",
    )
    mrz = parse(zone)
    assert mrz.surname == "OBRIEN OERSTED"
    assert mrz.given_names == "AESA STRASSE LUCJA"


def test_long_names_are_truncated_to_fit():
    surname = "Wolfeschlegelsteinhausenbergerdorff"
    zone = make_td1(
        **{**FIELDS, "surname": surname, "given_names": "Hubert Blaine"}, document_number="1"
    )
    mrz = parse(zone)
    assert mrz.valid
    assert mrz.surname == surname.upper()[:30]
    assert mrz.given_names == ""
    zone = make_td3(**{**FIELDS, "given_names": "Anna Maria " * 5}, document_number="1")
    mrz = parse(zone)
    assert mrz.surname == "ERIKSSON"
    assert mrz.given_names.startswith("ANNA MARIA ANNA MARIA")
    assert len(zone.split("\n")[0]) == 44


def test_a_name_without_given_names():
    mrz = parse(make_td2(**{**FIELDS, "given_names": ""}, document_number="1"))
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", "")


def test_td1_document_number_longer_than_nine_characters():
    zone = make_td1(**FIELDS, document_number="D23145890734")
    assert zone.split("\n")[0] == "I<UTOD23145890<7349<<<<<<<<<<<"
    mrz = parse(zone)
    assert mrz.valid
    assert mrz.document_number == "D23145890734"
    assert mrz.optional_data == ""


def test_td1_long_document_number_with_optional_data():
    zone = make_td1(**FIELDS, document_number="D23145890734", optional1="AB12", optional2="XYZ")
    assert zone.split("\n")[0] == "I<UTOD23145890<7349<AB12<<<<<<"
    mrz = parse(zone)
    assert mrz.valid
    assert mrz.document_number == "D23145890734"
    assert mrz.optional_data == "AB12 XYZ"
    broken = _replace(zone, 0, 18, "0")
    assert set(parse(broken).failed_checks) == {"document_number", "composite"}


def test_td2_long_document_number():
    mrz = parse(make_td2(**FIELDS, document_number="D231458907", optional="9"))
    assert mrz.valid
    assert (mrz.document_number, mrz.optional_data) == ("D231458907", "9")


def test_a_filler_check_digit_without_the_rest_of_the_number_fails():
    zone = _replace(TD1, 0, 14, "<")
    mrz = parse(zone)
    assert mrz.document_number == "D23145890"
    assert "document_number" in mrz.failed_checks


def test_sex_x_is_a_filler():
    zone = make_td3(**{**FIELDS, "sex": "x"}, document_number="1")
    assert zone.split("\n")[1][20] == "<"
    assert parse(zone).sex == "X"


@pytest.mark.parametrize(
    ("make", "changes"),
    [
        (make_td3, {"document_number": "L898902C34"}),
        (make_td3, {"document_number": "L898-902"}),
        (make_td3, {"document_number": ""}),
        (make_td3, {"document_number": "1", "issuing_state": "UTOP"}),
        (make_td3, {"document_number": "1", "personal_number": "1" * 15}),
        (make_td3, {"document_number": "1", "sex": "male"}),
        (make_td2, {"document_number": "D231458907123456"}),
        (make_td1, {"document_number": "D2314589073412345678901234"}),
        (make_td1, {"document_number": "1", "optional2": "é"}),
    ],
)
def test_make_refuses_fields_that_do_not_fit(make, changes):
    with pytest.raises(ValueError):
        make(**{**FIELDS, **changes})


# Properties.

WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=8)
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
STATE = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3)
BIRTH = st.dates(min_value=date(1925, 6, 2), max_value=TODAY)
EXPIRY = st.dates(min_value=date(1975, 6, 1), max_value=date(2075, 5, 31))
CHECKS_TD3 = {9: "document_number", 19: "birth_date", 27: "expiry_date", 42: "personal_number"}
CHECKS_TD2 = {9: "document_number", 19: "birth_date", 27: "expiry_date"}


@st.composite
def people(draw, width: int) -> dict:
    surname = " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
    given_names = " ".join(draw(st.lists(WORD, max_size=3)))
    assume(len(surname) + 2 + len(given_names) <= width)
    return {
        "issuing_state": draw(STATE),
        "nationality": draw(STATE),
        "birth_date": draw(BIRTH),
        "expiry_date": draw(EXPIRY),
        "sex": draw(st.sampled_from("MFX")),
        "surname": surname,
        "given_names": given_names,
    }


def _assert_fields(mrz, fields: dict, document_number: str) -> None:
    assert mrz.valid, mrz.failed_checks
    assert mrz.issuing_state == fields["issuing_state"]
    assert mrz.nationality == fields["nationality"]
    assert mrz.birth_date == fields["birth_date"]
    assert mrz.expiry_date == fields["expiry_date"]
    assert mrz.sex == fields["sex"]
    assert mrz.surname == fields["surname"]
    assert mrz.given_names == fields["given_names"]
    assert mrz.document_number == document_number


def _corrupt(zone: str, line: int, index: int, draw) -> str:
    old = zone.split("\n")[line][index]
    new = draw(st.sampled_from([d for d in "0123456789" if d != old]))
    return _replace(zone, line, index, new)


@given(
    fields=people(39),
    code=st.sampled_from(["P", "PD", "PO", "PS"]),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=9),
    personal=st.text(alphabet=ALNUM, max_size=14),
)
def test_td3_round_trip(fields, code, number, personal):
    zone = make_td3(**fields, document_code=code, document_number=number, personal_number=personal)
    mrz = parse(zone, today=TODAY)
    _assert_fields(mrz, fields, number)
    assert mrz.format == "TD3"
    assert mrz.document_code == code
    assert mrz.optional_data == personal


@given(
    fields=people(31),
    code=st.sampled_from(["I", "ID", "AC", "C"]),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=14),
    optional=st.text(alphabet=ALNUM, max_size=7),
)
def test_td2_round_trip(fields, code, number, optional):
    if len(number) > 9:
        used = len(number) - 9 + 1
        assume(used + (1 + len(optional) if optional else 0) <= 7)
    zone = make_td2(**fields, document_code=code, document_number=number, optional=optional)
    mrz = parse(zone, today=TODAY)
    _assert_fields(mrz, fields, number)
    assert mrz.format == "TD2"
    assert mrz.document_code == code
    assert mrz.optional_data == optional


@given(
    fields=people(30),
    code=st.sampled_from(["I", "ID", "AC", "C"]),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=20),
    optional1=st.text(alphabet=ALNUM, max_size=15),
    optional2=st.text(alphabet=ALNUM, max_size=11),
)
def test_td1_round_trip(fields, code, number, optional1, optional2):
    if len(number) > 9:
        used = len(number) - 9 + 1
        assume(used + (1 + len(optional1) if optional1 else 0) <= 15)
    zone = make_td1(
        **fields,
        document_code=code,
        document_number=number,
        optional1=optional1,
        optional2=optional2,
    )
    mrz = parse(zone, today=TODAY)
    _assert_fields(mrz, fields, number)
    assert mrz.format == "TD1"
    assert mrz.document_code == code
    assert mrz.optional_data == " ".join(part for part in (optional1, optional2) if part)


@given(
    fields=people(39),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=9),
    personal=st.text(alphabet=ALNUM, max_size=14),
    data=st.data(),
)
def test_td3_a_corrupted_check_digit_is_caught(fields, number, personal, data):
    zone = make_td3(**fields, document_number=number, personal_number=personal)
    line = zone.split("\n")[1]
    positions = [i for i in (*CHECKS_TD3, 43) if line[i].isdigit()]
    index = data.draw(st.sampled_from(positions))
    mrz = parse(_corrupt(zone, 1, index, data.draw), today=TODAY)
    assert not mrz.valid
    assert set(mrz.failed_checks) == {CHECKS_TD3.get(index, "composite"), "composite"}


@given(
    fields=people(31),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=9),
    data=st.data(),
)
def test_td2_a_corrupted_check_digit_is_caught(fields, number, data):
    zone = make_td2(**fields, document_number=number)
    index = data.draw(st.sampled_from([*CHECKS_TD2, 35]))
    mrz = parse(_corrupt(zone, 1, index, data.draw), today=TODAY)
    assert not mrz.valid
    assert set(mrz.failed_checks) == {CHECKS_TD2.get(index, "composite"), "composite"}


@given(
    fields=people(30),
    number=st.text(alphabet=ALNUM, min_size=1, max_size=14),
    data=st.data(),
)
def test_td1_a_corrupted_check_digit_is_caught(fields, number, data):
    zone = make_td1(**fields, document_number=number)
    checks = {(1, 6): "birth_date", (1, 14): "expiry_date", (1, 29): "composite"}
    if len(number) > 9:
        checks[(0, 15 + len(number) - 9)] = "document_number"
    else:
        checks[(0, 14)] = "document_number"
    line, index = data.draw(st.sampled_from(sorted(checks)))
    mrz = parse(_corrupt(zone, line, index, data.draw), today=TODAY)
    assert not mrz.valid
    assert set(mrz.failed_checks) == {checks[(line, index)], "composite"}
