"""A Mini App's initData, checked as Telegram documents it, and the sign-in rate limit."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from web.auth import RateLimit, TelegramUser, check_init_data
from web.tokens import token_hash

TOKEN = "123456:ABC-test"
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def signed(fields: dict[str, str], token: str = TOKEN) -> str:
    """Signed by the documented recipe, written out here independently of web.auth."""
    data_check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, data_check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields | {"hash": digest})


def fields(age: timedelta = timedelta(minutes=1), user: object = None) -> dict[str, str]:
    person = user if user is not None else {"id": 42, "first_name": "Lan", "last_name": "Võ"}
    return {
        "auth_date": str(int((NOW - age).timestamp())),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(person, ensure_ascii=False),
        "signature": "ed25519-signature-is-part-of-the-checked-string",
    }


def test_the_documented_signature_gives_the_user() -> None:
    assert check_init_data(signed(fields()), TOKEN, NOW) == TelegramUser("42", "Lan Võ")


def test_anything_else_is_refused() -> None:
    good = signed(fields())
    refused = [
        signed(fields(), token="654321:other-bot"),  # another bot's token
        good.replace("query_id=AAH", "query_id=AAX"),  # a field changed after signing
        good.split("&hash=")[0],  # no hash
        good + "&query_id=again",  # a key given twice
        signed(fields(age=timedelta(days=1, minutes=1))),  # older than a day
        signed(fields(age=-timedelta(hours=1))),  # from the future
        signed(fields(user={"id": "42"})),  # not Telegram's user object
        signed({k: v for k, v in fields().items() if k != "user"}),
        "%zz&&=",
    ]
    assert [check_init_data(text, TOKEN, NOW) for text in refused] == [None] * len(refused)


def test_sign_in_is_limited_per_address_and_recovers() -> None:
    now = [0.0]
    limit = RateLimit(attempts=3, per=60, clock=lambda: now[0])
    assert [limit.allow("127.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("127.0.0.2")  # another address is not held up
    now[0] = 61
    assert limit.allow("127.0.0.1")


def test_tokens_are_kept_as_hashes() -> None:
    assert token_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert len(token_hash("x" * 500)) == 64
