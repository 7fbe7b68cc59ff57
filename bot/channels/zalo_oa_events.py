"""The Official Account's webhook events: the signature Zalo puts on each, and the event
flattened to what the channel needs.

The signature is `X-ZEvent-Signature: mac=<hex sha256(app_id + body + timestamp + key)>`: a
plain SHA-256 of the concatenation (not an HMAC), over the raw body as received, with the
`timestamp` field of that body and the OA Secret Key last."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

SIGNATURE_HEADER = "X-ZEvent-Signature"

TEXT = "user_send_text"
IMAGE = "user_send_image"
FILE = "user_send_file"
FOLLOW = "follow"
UNFOLLOW = "unfollow"
GROUP_PREFIX = "user_send_group_"
# What the bot reads of what a person sends; a sticker, gif, voice, video, location, link or
# business card is answered "send text".
READABLE = frozenset({"text", "image", "file"})


def expected_mac(app_id: str, body: bytes, timestamp: str, key: str) -> str:
    return hashlib.sha256(app_id.encode() + body + timestamp.encode() + key.encode()).hexdigest()


def signature_matches(header: str, app_id: str, body: bytes, timestamp: str, key: str) -> bool:
    given = header.strip()
    if given[:4].lower() == "mac=":
        given = given[4:].strip()
    expected = expected_mac(app_id, body, timestamp, key)
    # aiohttp keeps bytes that are not UTF-8 as surrogates: given back, never an error.
    return hmac.compare_digest(given.lower().encode("utf-8", "surrogateescape"), expected.encode())


@dataclass(frozen=True)
class OAEvent:
    name: str
    user_id: str  # the person: the sender of a message, the follower of a (un)follow
    group_id: str  # the group a group message was sent in; "" for the private chat
    text: str
    msg_id: str
    timestamp: int  # milliseconds since the epoch, as Zalo stamps the event
    attachment_type: str = ""
    attachment: dict[str, Any] | None = None  # the first attachment's payload

    @property
    def is_group(self) -> bool:
        return bool(self.group_id)

    @property
    def what(self) -> str:
        """text | image | file | sticker …: the kind of a person's message, "" otherwise."""
        for prefix in ("user_send_group_", "user_send_"):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return ""

    @property
    def update_key(self) -> str:
        """What recognises a delivery again: the message id, else the event itself."""
        return self.msg_id or f"{self.name}:{self.user_id}:{self.timestamp}"


def parse_event(data: object) -> OAEvent:
    """The event, or ValueError when `data` is not an event object at all."""
    if not isinstance(data, dict) or not isinstance(data.get("event_name"), str):
        raise ValueError("not a Zalo OA event")
    timestamp = _int(data.get("timestamp"))
    if timestamp is None:
        raise ValueError("a Zalo OA event without its timestamp")
    name = data["event_name"]
    message = _dict(data.get("message"))
    person = _dict(data.get("follower" if name in (FOLLOW, UNFOLLOW) else "sender"))
    recipient = _dict(data.get("recipient"))
    group_id = ""
    if name.startswith(GROUP_PREFIX):
        group_id = str(recipient.get("group_id") or recipient.get("id") or "")
    attachments = message.get("attachments")
    first = _dict(attachments[0]) if isinstance(attachments, list) and attachments else {}
    return OAEvent(
        name=name,
        user_id=str(person.get("id") or ""),
        group_id=group_id,
        text=text if isinstance(text := message.get("text"), str) else "",
        msg_id=str(message.get("msg_id") or ""),
        timestamp=timestamp,
        attachment_type=str(first.get("type") or ""),
        attachment=_dict(first.get("payload")) or None,
    )


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
