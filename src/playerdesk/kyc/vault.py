"""Identity documents encrypted at rest: AES-256-GCM, one random nonce per file, keys from the
environment (``PLAYERDESK_VAULT_KEYS``), kept through Django's storage API (``STORAGES["vault"]``).

A stored file is ``PDV1 | len(key id) | key id | nonce (12) | ciphertext and tag``. The file's
name in the storage is the associated data, so a file moved under another document's name does
not decrypt. The key id is also kept on the document row, so a rotation can find the files of an
old key; keys listed after the first still decrypt, only the first encrypts.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

MAGIC = b"PDV1"
NONCE_BYTES = 12


class VaultError(Exception):
    """A file cannot be read or written: a missing key, a wrong key, a damaged file."""


def storage() -> Storage:
    return storages["vault"]


def _keys() -> dict[str, bytes]:
    keys = settings.PLAYERDESK_VAULT_KEYS
    if not keys:
        raise VaultError("no vault key is configured (PLAYERDESK_VAULT_KEYS)")
    return keys


def current_key_id() -> str:
    return next(iter(_keys()))


def encrypt(plaintext: bytes, *, name: str) -> tuple[bytes, str]:
    """The stored form of ``plaintext`` under ``name``, and the id of the key used."""
    key_id = current_key_id()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_keys()[key_id]).encrypt(nonce, plaintext, name.encode())
    head = MAGIC + bytes([len(key_id)]) + key_id.encode()
    return head + nonce + sealed, key_id


def decrypt(stored: bytes, *, name: str) -> bytes:
    if not stored.startswith(MAGIC) or len(stored) < len(MAGIC) + 1:
        raise VaultError(f"{name}: not a vault file")
    id_len = stored[len(MAGIC)]
    start = len(MAGIC) + 1
    key_id = stored[start : start + id_len].decode("ascii", "replace")
    body = stored[start + id_len :]
    key = _keys().get(key_id)
    if key is None:
        raise VaultError(
            f"{name}: encrypted with key {key_id!r}, which is not in PLAYERDESK_VAULT_KEYS"
        )
    try:
        return AESGCM(key).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], name.encode())
    except InvalidTag:
        raise VaultError(
            f"{name}: does not decrypt with key {key_id!r} (wrong key or damaged file)"
        ) from None


def put(plaintext: bytes, *, name: str) -> tuple[str, str]:
    """Encrypt and store; returns the storage's name for it and the key id."""
    sealed, key_id = encrypt(plaintext, name=name)
    saved = storage().save(name, ContentFile(sealed))
    if saved != name:
        # The storage chose another name (one existed): the associated data must match it.
        storage().delete(saved)
        raise VaultError(f"{name}: a file of that name already exists")
    return saved, key_id


def get(name: str) -> bytes:
    if not name:
        raise VaultError("the file was purged")
    try:
        with storage().open(name, "rb") as fh:
            stored = fh.read()
    except FileNotFoundError:
        raise VaultError(f"{name}: not in the vault") from None
    return decrypt(stored, name=name)


def delete(name: str) -> None:
    if name:
        storage().delete(name)


def reencrypt(name: str, *, new: str) -> str:
    """Write the file again under the current key as ``new`` (key rotation); returns the key
    id. The caller points the document at ``new`` and then deletes ``name``: a crash between
    the steps leaves a spare file, never a lost one."""
    _, key_id = put(get(name), name=new)
    return key_id


def new_name(case_id: int, suffix: str) -> str:
    """A name that says nothing of the player or the document."""
    return f"cases/{case_id}/{secrets.token_hex(16)}.{suffix}"
