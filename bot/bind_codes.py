"""One-time codes that let an anonymous group administrator bind the group for the leader.

An administrator who stays anonymous writes as the group itself: the bot cannot tell who
typed /lienket, so being the leader cannot be checked. The leader (or deputy) asks the bot
privately and gets a short code naming them ("17-K3F9QXAB": their officer id and a signature
of it for the current quarter hour), valid for the rest of that quarter hour and the next;
typed in the group as "/lienket 17-K3F9QXAB", it binds the group on their behalf once the
platform confirms they administer that group. Each code binds once (its key is recorded with
the binding). Nothing is stored until then: the signature is checked with a key of the bot's
own, kept in the database like its other secrets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import DomainError

KEY_NAME = "group-bind-codes"
WINDOW = timedelta(minutes=15)
_CODE = re.compile(r"^(\d{1,12})-([A-Z2-7]{8})$")


class AnonymousNeedsCode(DomainError):
    """/lienket from an anonymous administrator, without a code."""

    code = "bind-anonymous-needs-code"


class BindCodeInvalid(DomainError):
    code = "bind-code-invalid"


class NotChatAdmin(DomainError):
    """The officer the code names does not administer this group."""

    code = "bind-code-not-admin"


@dataclass(frozen=True)
class BindCode:
    text: str
    valid_until: datetime


def issue(key: str, officer_id: int, now: datetime) -> BindCode:
    window = _window(now)
    valid_until = datetime.fromtimestamp((window + 2) * WINDOW.total_seconds(), now.tzinfo)
    return BindCode(f"{officer_id}-{_sign(key, officer_id, window)}", valid_until)


def read(key: str, text: str, now: datetime) -> int:
    """The officer a code names, if it is genuine and not stale; else BindCodeInvalid."""
    match = _CODE.match(text.strip().upper())
    if match is None:
        raise BindCodeInvalid()
    officer_id, signature = int(match[1]), match[2]
    window = _window(now)
    for issued in (window, window - 1):
        if hmac.compare_digest(signature, _sign(key, officer_id, issued)):
            return officer_id
    raise BindCodeInvalid()


def once_key(text: str) -> str:
    """The event key that marks the code used."""
    return f"group-bind-code:{text.strip().upper()}"


def _window(now: datetime) -> int:
    return int(now.timestamp() // WINDOW.total_seconds())


def _sign(key: str, officer_id: int, window: int) -> str:
    digest = hmac.new(key.encode(), f"{officer_id}:{window}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest[:5]).decode()
