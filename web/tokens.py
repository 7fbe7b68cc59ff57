"""Secrets of the web sign-in: made at random, stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

LINK_TTL = timedelta(minutes=15)  # a personal link from the chat
SESSION_TTL = timedelta(hours=12)  # a signed-in browser


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The stored form: a leaked table opens nothing, and a lookup needs the token itself."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
