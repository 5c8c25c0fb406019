"""Documents at rest: encrypted, bound to their name, readable across key rotations, and a
wrong or missing key fails loudly."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from playerdesk.kyc import actions, vault
from playerdesk.kyc.models import Document
from playerdesk.lib.config import parse_vault_keys
from tests.kyc import documents
from tests.kyc.conftest import submit_all

SECRET = b"passport of Julie Tremblay, AB1234567" * 20


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def _on_disk(name: str) -> bytes:
    with vault.storage().open(name, "rb") as fh:
        return fh.read()


def test_bytes_on_disk_are_not_the_plaintext(settings):
    name, key_id = vault.put(SECRET, name=vault.new_name(1, "bin.enc"))
    stored = _on_disk(name)
    assert SECRET not in stored and b"Julie" not in stored
    assert stored.startswith(vault.MAGIC) and key_id.encode() in stored[:40]
    assert vault.get(name) == SECRET


def test_the_same_file_twice_is_stored_differently():
    a, _ = vault.put(SECRET, name=vault.new_name(1, "a.enc"))
    b, _ = vault.put(SECRET, name=vault.new_name(1, "b.enc"))
    assert _on_disk(a)[-len(SECRET) :] != _on_disk(b)[-len(SECRET) :]


def test_a_wrong_key_fails_loudly():
    with override_settings(PLAYERDESK_VAULT_KEYS={"k1": os.urandom(32)}):
        name, _ = vault.put(SECRET, name=vault.new_name(1, "x.enc"))
    with (
        override_settings(PLAYERDESK_VAULT_KEYS={"k1": os.urandom(32)}),
        pytest.raises(vault.VaultError, match="does not decrypt with key 'k1'"),
    ):
        vault.get(name)


def test_a_missing_key_fails_loudly():
    with override_settings(PLAYERDESK_VAULT_KEYS={"old": os.urandom(32)}):
        name, _ = vault.put(SECRET, name=vault.new_name(1, "x.enc"))
    with (
        override_settings(PLAYERDESK_VAULT_KEYS={"new": os.urandom(32)}),
        pytest.raises(vault.VaultError, match="'old', which is not in PLAYERDESK_VAULT_KEYS"),
    ):
        vault.get(name)
    with override_settings(PLAYERDESK_VAULT_KEYS={}), pytest.raises(vault.VaultError):
        vault.put(SECRET, name=vault.new_name(1, "y.enc"))


def test_a_file_moved_under_another_name_does_not_decrypt():
    name, _ = vault.put(SECRET, name=vault.new_name(1, "x.enc"))
    other = vault.new_name(2, "x.enc")
    vault.storage().save(other, vault.storage().open(name, "rb"))
    with pytest.raises(vault.VaultError):
        vault.get(other)


def test_a_damaged_file_fails_loudly():
    from django.core.files.base import ContentFile

    name, _ = vault.put(SECRET, name=vault.new_name(1, "x.enc"))
    stored = bytearray(_on_disk(name))
    stored[-5] ^= 0xFF
    vault.storage().delete(name)
    vault.storage().save(name, ContentFile(bytes(stored)))
    with pytest.raises(vault.VaultError, match="wrong key or damaged"):
        vault.get(name)


def test_rotation_keeps_old_files_readable():
    old, new = os.urandom(32), os.urandom(32)
    with override_settings(PLAYERDESK_VAULT_KEYS={"2025": old}):
        name, key_id = vault.put(SECRET, name=vault.new_name(1, "x.enc"))
    assert key_id == "2025"
    with override_settings(PLAYERDESK_VAULT_KEYS={"2026": new, "2025": old}):
        assert vault.get(name) == SECRET
        _fresh, fresh_key = vault.put(b"new file", name=vault.new_name(1, "y.enc"))
        assert fresh_key == "2026"


@pytest.mark.django_db
def test_rotate_keys_rewrites_documents_under_the_current_key(case):
    old, new = os.urandom(32), os.urandom(32)
    with override_settings(PLAYERDESK_VAULT_KEYS={"2025": old}):
        photo, _bill = submit_all(case)
    with override_settings(PLAYERDESK_VAULT_KEYS={"2026": new, "2025": old}):
        assert actions.rotate_keys() == 2
        assert actions.rotate_keys() == 0
    with override_settings(PLAYERDESK_VAULT_KEYS={"2026": new}):  # the old key retired
        for doc in Document.objects.all():
            assert doc.key_id == "2026"
            assert vault.get(doc.blob)[:4] in (b"\xff\xd8\xff\xe0", b"%PDF")
            assert vault.get(doc.preview_blob).startswith(b"\x89PNG")
        assert not vault.storage().exists(photo.blob)


@pytest.mark.django_db
def test_upload_stores_only_ciphertext(case):
    photo, _ = submit_all(case)
    original = documents.id_image(documents.passport_zone())
    assert _on_disk(photo.blob) != original
    assert original[100:200] not in _on_disk(photo.blob)
    assert vault.get(photo.blob) == original


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "k1",
        "k1:notbase64!",
        f"k1:{base64.b64encode(b'short').decode()}",
        f"a b:{_key()}",
        f"k1:{_key()},k1:{_key()}",
    ],
)
def test_bad_key_settings_are_refused(raw):
    with pytest.raises(ImproperlyConfigured):
        parse_vault_keys(raw)


def test_key_settings_keep_their_order():
    keys = parse_vault_keys(f"new:{_key()}, old:{_key()}")
    assert list(keys) == ["new", "old"]


@pytest.mark.django_db
def test_rotate_keys_command(case):
    from io import StringIO

    from django.core.management import call_command

    old, new = os.urandom(32), os.urandom(32)
    with override_settings(PLAYERDESK_VAULT_KEYS={"2025": old}):
        submit_all(case)
    out = StringIO()
    with override_settings(PLAYERDESK_VAULT_KEYS={"2026": new, "2025": old}):
        call_command("kyc", "rotate-keys", stdout=out)
    assert out.getvalue().startswith("2 document(s)")
