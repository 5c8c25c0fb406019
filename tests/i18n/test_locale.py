"""The French catalogue is complete, compiled, and used."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from django.utils import translation
from django.utils.translation.template import templatize

import playerdesk

LOCALE = Path(playerdesk.__file__).parent / "locale" / "fr" / "LC_MESSAGES"


def _entries() -> list[str]:
    return re.split(r"\n\s*\n", (LOCALE / "django.po").read_text(encoding="utf-8"))


def test_every_french_string_is_translated_and_none_is_fuzzy():
    missing = []
    for entry in _entries():
        if "#, fuzzy" in entry:
            missing.append(entry)
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if not m or not "".join(re.findall(r'"(.*)"', m.group(1))):
            continue
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', entry, re.M)
        if not strs or any(not "".join(re.findall(r'"(.*)"', s)) for s in strs):
            missing.append(entry)
    assert not missing, f"{len(missing)} untranslated French strings, e.g. {missing[:3]}"


def test_the_catalogue_is_valid_and_the_compiled_file_is_current(tmp_path):
    out = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-c", "-o", str(out), str(LOCALE / "django.po")], check=True)
    assert out.read_bytes() == (LOCALE / "django.mo").read_bytes(), (
        "django.mo is stale: run `playerdesk compilemessages -l fr` in src/playerdesk"
    )


def test_the_source_has_no_string_missing_from_the_catalogue(tmp_path):
    """Every translatable string of the code and templates is in the French catalogue."""
    src = Path(playerdesk.__file__).parent
    pot = tmp_path / "new.po"
    py = [str(p) for p in src.rglob("*.py") if "/migrations/" not in str(p)]
    html = []
    for i, template in enumerate(src.rglob("*.html")):  # as makemessages does
        converted = tmp_path / f"template{i}.py"
        converted.write_text(templatize(template.read_text(encoding="utf-8")), encoding="utf-8")
        html.append(str(converted))
    subprocess.run(
        [
            "xgettext",
            "-L",
            "Python",
            "--from-code=UTF-8",
            "-k_",
            "-kgettext_lazy",
            "-kgettext",
            "-kngettext:1,2",
            "-kpgettext:1c,2",
            "-o",
            str(pot),
            *py,
            *html,
        ],
        check=True,
    )
    code_ids = set(re.findall(r'^msgid "(.+)"$', pot.read_text(encoding="utf-8"), re.M))
    known = set(
        re.findall(r'^msgid "(.+)"$', (LOCALE / "django.po").read_text(encoding="utf-8"), re.M)
    )
    assert not (code_ids - known), f"not in locale/fr: {sorted(code_ids - known)[:10]}"
    assert html


def test_french_is_served(db):
    with translation.override("fr"):
        assert translation.gettext("Sign in") == "Se connecter"
        assert str(translation.gettext_lazy("Waiting for player")) == "En attente du joueur"
