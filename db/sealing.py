"""Sealing what a database insider must not read: a secret ballot's choices and a queued
message carrying a vote's receipt.

AES-256-GCM, each purpose ("ballot:42", "outbox") with its own key derived by HKDF-SHA256
from one secret that lives outside the database (BALLOT_SECRET, or a key file beside a
SQLite file): whoever holds a full copy of the database files and logs holds ciphertext
only. The purpose is also the associated data, so a sealed value moved to another ballot
does not open."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
SALT = b"thidua-bot/sealing/v1"
KEY_FILE_SUFFIX = ".ballot-key"


class SealingUnavailable(RuntimeError):
    """No secret to seal with: a ballot cannot be kept secret, so nothing is written."""


class Sealer:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the sealing secret needs at least 16 bytes")
        self._secret = secret

    def seal(self, purpose: str, plaintext: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + AESGCM(self._key(purpose)).encrypt(nonce, plaintext, purpose.encode())

    def open(self, purpose: str, sealed: bytes) -> bytes:
        """The plaintext; cryptography's InvalidTag when the value was not sealed for this
        purpose with this secret."""
        nonce, body = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        return AESGCM(self._key(purpose)).decrypt(nonce, body, purpose.encode())

    def _key(self, purpose: str) -> bytes:
        return _derive(self._secret, purpose)


@lru_cache(maxsize=256)
def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=purpose.encode()).derive(
        secret
    )


def key_file_secret(path: Path) -> bytes:
    """The secret kept in `path`, made (readable by the owner only) on first use: a SQLite
    bot keeps its key beside its database file, never in it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="ascii") as handle:
                path.chmod(0o600)
                handle.write(secrets.token_hex(32) + "\n")
        except FileExistsError:
            pass  # another process made it a moment ago: read theirs
    return path.read_text(encoding="ascii").strip().encode()
