"""Signed, expiring download links for channels that cannot receive files (Zalo).

A link is <base>/files/<token>?exp=<unix time>&sig=<HMAC>: the token finds the stored file,
the signature proves the bot made the link, and the expiry ends it."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime
from urllib.parse import quote


def _key(secret: str) -> bytes:
    # Derived from the callback-signing secret, so a button's signature never opens a file.
    return hmac.new(secret.encode(), b"file-links", hashlib.sha256).digest()


def signature(secret: str, token: str, expires: int) -> str:
    digest = hmac.new(_key(secret), f"{token}:{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def link(base_url: str, secret: str, token: str, expires_at: datetime) -> str:
    expires = int(expires_at.timestamp())
    sig = signature(secret, token, expires)
    return f"{base_url.rstrip('/')}/files/{quote(token)}?exp={expires}&sig={sig}"


def check(secret: str, token: str, expires: str, sig: str, now: datetime) -> str | None:
    """None when the link is good, else why not: 'forged' or 'expired'."""
    if not (expires.isascii() and expires.isdigit() and len(expires) < 12):
        return "forged"
    expected = signature(secret, token, int(expires)).encode()
    if not hmac.compare_digest(sig.encode(), expected):  # bytes: any text may be sent
        return "forged"
    if datetime.fromtimestamp(int(expires), UTC) < now:
        return "expired"
    return None
