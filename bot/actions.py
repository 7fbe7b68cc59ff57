"""Callback data: short, versioned and signed, so a forged or foreign button is recognised.
The handlers still re-check everything an action carries against the database."""

from __future__ import annotations

import base64
import hashlib
import hmac

from bot.request import Action

VERSION = "1"
SEPARATOR = ":"
MAX_LENGTH = 64  # Telegram's limit for callback_data, in bytes


class ForgedAction(ValueError):
    pass


class ActionCodec:
    def __init__(self, secret: str) -> None:
        self._key = secret.encode()

    def encode(self, action: Action) -> str:
        parts = [VERSION, action.name, *action.args]
        if any(SEPARATOR in part for part in parts):
            raise ValueError(f"separator inside an action part: {parts!r}")
        body = SEPARATOR.join(parts)
        data = f"{body}{SEPARATOR}{self._sign(body)}"
        if len(data.encode()) > MAX_LENGTH:
            raise ValueError(f"callback data over {MAX_LENGTH} bytes: {data!r}")
        return data

    def decode(self, data: str) -> Action:
        body, _, signature = data.rpartition(SEPARATOR)
        if not body or not hmac.compare_digest(signature.encode(), self._sign(body).encode()):
            raise ForgedAction(data)
        version, name, *args = body.split(SEPARATOR)
        if version != VERSION or not name:
            raise ForgedAction(data)
        return Action(name, tuple(args))

    def _sign(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:6]).decode()
