"""Reference numbers: unique, not sequential, typed any way a person would, typos caught."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from playerdesk.tickets import references as r

KEY = b"k" * 32


def test_it_formats_prefix_and_two_groups_of_four():
    ref = r.make_reference("PLY", 1, KEY)
    assert len(ref) == len("PLY-XXXX-XXXX")
    prefix, a, b = ref.split("-")
    assert prefix == "PLY" and len(a) == len(b) == 4
    assert set(a + b) <= set(r.ALPHABET)


def test_references_are_unique_over_a_million_tickets():
    codes = {r.encode_number(n, KEY) for n in range(1, 1_000_001)}
    assert len(codes) == 1_000_000


@given(st.integers(min_value=0, max_value=r.DOMAIN - 1))
def test_the_permutation_is_a_bijection(number):
    assert r.unpermute(r.permute(number, KEY), KEY) == number


def test_consecutive_tickets_do_not_get_neighbouring_references():
    codes = [r.encode_number(n, KEY) for n in range(1, 200)]
    shared_prefix = sum(1 for a, b in itertools.pairwise(codes) if a[:4] == b[:4])
    assert shared_prefix < 5
    assert codes != sorted(codes)


def test_another_key_gives_other_references():
    assert r.encode_number(7, KEY) != r.encode_number(7, b"other" * 8)


def _single_typos(code: str):
    for i, c in enumerate(code):
        for s in r.ALPHABET:
            if s != c:
                yield code[:i] + s + code[i + 1 :]


def _adjacent_swaps(code: str):
    for i in range(len(code) - 1):
        if code[i] != code[i + 1]:
            yield code[:i] + code[i + 1] + code[i] + code[i + 2 :]


def test_every_single_character_typo_is_detected():
    for number in range(1, 2001):
        code = r.encode_number(number, KEY)
        assert r.is_valid_code(code)
        for typo in _single_typos(code):
            assert not r.is_valid_code(typo), (code, typo)


def test_every_adjacent_swap_is_detected():
    for number in range(1, 2001):
        code = r.encode_number(number, KEY)
        for swapped in _adjacent_swaps(code):
            assert not r.is_valid_code(swapped), (code, swapped)


@given(st.text(alphabet=r.ALPHABET, min_size=7, max_size=7))
def test_any_data_gets_a_check_symbol_that_validates(data):
    assert r.is_valid_code(data + r.check_symbol(data))


def test_a_typo_in_the_typed_reference_is_no_reference():
    ref = r.make_reference("OJO", 12345, KEY)
    code = ref.replace("-", "")[3:]
    for typo in _single_typos(code):
        assert r.normalize("OJO" + typo) is None


def test_confusable_characters_and_case_are_forgiven():
    ref = None
    for n in itertools.count(1):  # find a code with a 0 and a 1 in it
        ref = r.make_reference("PLY", n, KEY)
        if "0" in ref[4:] and "1" in ref[4:]:
            break
    typed = ref.lower().replace("0", "o").replace("1", "l")
    assert r.normalize(typed) == ref
    assert r.normalize(ref.replace("1", "I")) == ref
    assert r.normalize(ref.replace("-", "")) == ref
    assert r.normalize(ref.replace("-", " ")) == ref
    assert r.normalize(f"[{ref}]") == ref


def test_garbage_is_not_a_reference():
    for text in ["", "PLY", "PLY-", "hello world", "PLY-UUUU-UUUU", "1PLY-0000-0000"]:
        assert r.normalize(text) is None


def test_references_are_found_in_email_subjects():
    ref = r.make_reference("PLY", 99, KEY)
    compact = ref.replace("-", "")
    assert r.find_references(f"RE: TR: Fwd: [{ref}] my withdrawal") == [ref]
    assert r.find_references(f"AW: {compact.lower()} again") == [ref]
    assert r.find_references("no reference here PLY-AAAA-AAAA") == []
