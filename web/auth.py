"""Who is at the page: a Telegram Mini App's signed `initData`, and how often sign-in may be
tried. Pure functions and a small in-process counter: no request, no database."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

INIT_DATA_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class TelegramUser:
    id: str
    name: str


def check_init_data(init_data: str, bot_token: str, now: datetime) -> TelegramUser | None:
    """The Mini App's user when `init_data` is as Telegram signed it, else None.

    As https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
    says: the data-check-string is every received field but `hash`, as key=value sorted by
    key and joined by line feeds; the secret key is HMAC-SHA256 of the bot token keyed with
    "WebAppData"; `hash` is the hex HMAC-SHA256 of that string under that key. And the data
    must be fresh: an `auth_date` older than a day (or in the future) is refused."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    fields = dict(pairs)
    received = fields.pop("hash", "")
    if not received or len(fields) + 1 != len(pairs):  # a repeated key is not Telegram's
        return None
    expected = _hash(fields, bot_token)
    if not hmac.compare_digest(expected.encode(), received.encode("utf-8", "replace")):
        return None
    auth_date = fields.get("auth_date", "")
    if not (auth_date.isascii() and auth_date.isdigit()):
        return None
    signed_at = datetime.fromtimestamp(int(auth_date), UTC)
    if not now - INIT_DATA_MAX_AGE <= signed_at <= now + timedelta(minutes=5):
        return None
    try:
        user = json.loads(fields.get("user", ""))
        user_id = user["id"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(user_id, int):
        return None
    name = " ".join(str(user.get(k, "")) for k in ("first_name", "last_name")).strip()
    return TelegramUser(str(user_id), name)


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """`fields` signed as Telegram signs a Mini App's initData (what the tests present)."""
    return urlencode({**fields, "hash": _hash(fields, bot_token)})


def _hash(fields: dict[str, str], bot_token: str) -> str:
    check_string = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check_string.encode(), hashlib.sha256).hexdigest()


class RateLimit:
    """At most `attempts` sign-ins per `per` seconds from one address (in this process: a
    guessed link or forged initData is slowed, not stopped by a crowd of workers)."""

    def __init__(
        self, attempts: int = 10, per: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.attempts, self.per, self._clock = attempts, per, clock
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = self._clock()
        seen = self._seen.setdefault(key, deque())
        while seen and seen[0] <= now - self.per:
            seen.popleft()
        if len(seen) >= self.attempts:
            return False
        seen.append(now)
        if len(self._seen) > 10_000:  # forget quiet addresses rather than grow for ever
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - self.per}
        return True
