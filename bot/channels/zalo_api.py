"""A small typed async client for the Zalo Bot Platform HTTP API.

Every call is `POST {base}/bot<TOKEN>/<method>` with a JSON body; answers are
`{"ok": true, "result": ...}` or `{"ok": false, "error_code": N, "description": "..."}`.
The token is part of every URL, so it is masked out of every log line and error text.
"""

from __future__ import annotations

import json
import logging
import math
import unicodedata
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import quote

import aiohttp

__all__ = [
    "DEFAULT_BASE",
    "ERROR_BAD_RESPONSE",
    "ERROR_NETWORK",
    "MESSAGE_LIMIT",
    "ZaloAPIError",
    "ZaloBotAPI",
    "ZaloBotInfo",
    "ZaloSentMessage",
    "ZaloUpdate",
    "ZaloWebhookInfo",
    "parse_update",
    "split_text",
]

log = logging.getLogger(__name__)

DEFAULT_BASE = "https://bot-api.zaloplatforms.com"
MESSAGE_LIMIT = 2000
POLL_TIMEOUT_CODE = 408
# Codes for failures that never got a usable answer from the server.
ERROR_NETWORK = -1
ERROR_BAD_RESPONSE = -2

# The HTTP deadline of a long poll must outlive the server-side wait, or we would
# abort polls that are about to be answered.
_POLL_MARGIN_SECONDS = 10.0
_MASK = "***"


class ZaloAPIError(Exception):
    """The API answered `ok: false`, an HTTP error, garbage, or could not be reached."""

    def __init__(self, error_code: int, description: str, method: str | None = None) -> None:
        self.error_code = error_code
        self.description = description
        self.method = method
        where = f"Zalo API {method}" if method else "Zalo API"
        super().__init__(f"{where} error {error_code}: {description}")


@dataclass(frozen=True)
class ZaloBotInfo:
    id: str
    account_name: str
    account_type: str
    can_join_groups: bool


@dataclass(frozen=True)
class ZaloSentMessage:
    message_id: str
    date: int


@dataclass(frozen=True)
class ZaloWebhookInfo:
    url: str
    updated_at: int | None

    @property
    def is_configured(self) -> bool:
        return bool(self.url)


@dataclass(frozen=True)
class ZaloUpdate:
    """One incoming event, flattened; `raw` keeps the original dict for unknown fields."""

    event_name: str
    message_id: str
    chat_id: str
    chat_type: str
    user_id: str
    display_name: str
    text: str | None
    photo_url: str | None
    caption: str | None
    date: int | None
    is_bot: bool = False
    sticker: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def is_group(self) -> bool:
        return self.chat_type == "GROUP"


def _as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _opt_str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _opt_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None  # int(inf) raises
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def parse_update(data: object) -> ZaloUpdate:
    """Build a ZaloUpdate; raises ValueError when `data` is not an update object at all.

    Missing message parts become empty strings / None rather than errors, because
    events such as message.unsupported.received legitimately carry no content.
    """
    if not isinstance(data, dict) or not isinstance(data.get("event_name"), str):
        raise ValueError("not a Zalo update object")
    message = _as_dict(data.get("message"))
    sender = _as_dict(message.get("from"))
    chat = _as_dict(message.get("chat"))
    return ZaloUpdate(
        event_name=data["event_name"],
        message_id=_opt_str(message.get("message_id")) or "",
        chat_id=_opt_str(chat.get("id")) or "",
        chat_type=_opt_str(chat.get("chat_type")) or "",
        user_id=_opt_str(sender.get("id")) or "",
        display_name=_opt_str(sender.get("display_name")) or "",
        text=_opt_str(message.get("text")),
        photo_url=_opt_str(message.get("photo") or message.get("photo_url") or message.get("url")),
        caption=_opt_str(message.get("caption")),
        date=_opt_int(message.get("date")),
        is_bot=sender.get("is_bot") is True,
        sticker=_opt_str(message.get("sticker")),
        raw=data,
    )


class ZaloBotAPI:
    """Thin async wrapper over the Bot API methods; one instance per bot token."""

    def __init__(
        self,
        token: str,
        base: str = DEFAULT_BASE,
        session: aiohttp.ClientSession | None = None,
        *,
        request_timeout: float = 15.0,
    ) -> None:
        if not token:
            raise ValueError("a Zalo bot token is required")
        self._token = token
        self._base = base.rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._request_timeout = request_timeout

    def __repr__(self) -> str:
        return f"ZaloBotAPI(base={self._base!r}, token={_MASK!r})"

    async def __aenter__(self) -> ZaloBotAPI:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def get_me(self) -> ZaloBotInfo:
        result = _as_dict(await self._call("getMe", {}))
        return ZaloBotInfo(
            id=_opt_str(result.get("id")) or "",
            account_name=_opt_str(result.get("account_name")) or "",
            account_type=_opt_str(result.get("account_type")) or "",
            can_join_groups=result.get("can_join_groups") is True,
        )

    # `timeout` is how long the server holds the poll, not a client deadline.
    async def get_updates(self, timeout: int = 30) -> list[ZaloUpdate]:  # noqa: ASYNC109
        """Long-poll for updates; an empty list means the server's wait ran out."""
        try:
            result = await self._call(
                "getUpdates",
                {"timeout": str(timeout)},
                deadline=max(timeout, 0) + _POLL_MARGIN_SECONDS,
            )
        except ZaloAPIError as error:
            if error.error_code == POLL_TIMEOUT_CODE:
                return []
            raise
        return [update for item in _update_items(result) if (update := _parse_or_skip(item))]

    async def send_message(self, chat_id: str, text: str) -> ZaloSentMessage:
        result = await self._call("sendMessage", {"chat_id": chat_id, "text": text})
        return _sent_message(result)

    async def send_long_message(
        self, chat_id: str, text: str, limit: int = MESSAGE_LIMIT
    ) -> list[ZaloSentMessage]:
        """Send `text` as consecutive messages of at most `limit` characters each."""
        return [await self.send_message(chat_id, part) for part in split_text(text, limit)]

    async def send_photo(
        self, chat_id: str, photo_url: str, caption: str | None = None
    ) -> ZaloSentMessage:
        payload: dict[str, Any] = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            payload["caption"] = caption
        return _sent_message(await self._call("sendPhoto", payload))

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        await self._call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def set_webhook(self, url: str, secret_token: str) -> None:
        await self._call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        await self._call("deleteWebhook", {})

    async def get_webhook_info(self) -> ZaloWebhookInfo:
        result = _as_dict(await self._call("getWebhookInfo", {}))
        return ZaloWebhookInfo(
            url=_opt_str(result.get("url")) or "",
            updated_at=_opt_int(result.get("updated_at")),
        )

    async def _call(
        self, method: str, payload: dict[str, Any], *, deadline: float | None = None
    ) -> Any:
        session = self._get_session()
        url = f"{self._base}/bot{self._token}/{method}"
        total = self._request_timeout if deadline is None else deadline
        client_timeout = aiohttp.ClientTimeout(total=total)
        try:
            async with session.post(url, json=payload, timeout=client_timeout) as response:
                status = response.status
                body = await response.read()
        except TimeoutError:
            log.warning("Zalo API %s timed out", method)
            raise ZaloAPIError(ERROR_NETWORK, "request timed out", method) from None
        except aiohttp.ClientError as error:
            # `from None`: the original exception text may contain the token-bearing URL.
            description = self._mask(f"{type(error).__name__}: {error}")
            log.warning("Zalo API %s failed: %s", method, description)
            raise ZaloAPIError(ERROR_NETWORK, description, method) from None
        return self._unwrap(method, status, body)

    def _unwrap(self, method: str, status: int, body: bytes) -> Any:
        try:
            envelope = json.loads(body)
        except ValueError:
            envelope = None
        if not isinstance(envelope, dict) or not isinstance(envelope.get("ok"), bool):
            code = status if status >= 400 else ERROR_BAD_RESPONSE
            raise self._error(method, code, f"unexpected response (HTTP {status})")
        if envelope["ok"] is False:
            code = _opt_int(envelope.get("error_code")) or status
            description = _opt_str(envelope.get("description")) or f"HTTP {status}"
            raise self._error(method, code, description)
        if status >= 400:
            raise self._error(method, status, f"HTTP {status}")
        return envelope.get("result")

    def _error(self, method: str, code: int, description: str) -> ZaloAPIError:
        error = ZaloAPIError(code, self._mask(description), method)
        # A poll timeout is the normal idle answer, not worth a warning.
        if code != POLL_TIMEOUT_CODE:
            log.warning("Zalo API %s error %s: %s", method, code, error.description)
        return error

    def _get_session(self) -> aiohttp.ClientSession:
        # Created lazily so the client can be built outside a running event loop.
        if self._session is None or self._session.closed:
            if not self._owns_session:
                raise RuntimeError("the aiohttp session passed to ZaloBotAPI is closed")
            self._session = aiohttp.ClientSession()
        return self._session

    def _mask(self, text: str) -> str:
        # URLs may carry the token percent-encoded, so mask those spellings too.
        forms = {self._token, quote(self._token, safe=""), quote(self._token)}
        for form in sorted(forms, key=len, reverse=True):
            text = text.replace(form, _MASK)
        return text


def _update_items(result: object) -> list[object]:
    # The server sends one update per answer; a list is accepted in case that changes.
    if result is None:
        return []
    return list(result) if isinstance(result, list) else [result]


def _parse_or_skip(item: object) -> ZaloUpdate | None:
    try:
        return parse_update(item)
    except ValueError:
        # Content is deliberately not logged: updates carry private messages.
        log.warning("skipping malformed Zalo update of type %s", type(item).__name__)
        return None


def _sent_message(result: object) -> ZaloSentMessage:
    data = _as_dict(result)
    return ZaloSentMessage(
        message_id=_opt_str(data.get("message_id")) or "",
        date=_opt_int(data.get("date")) or 0,
    )


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split `text` into parts of at most `limit` characters, losing nothing visible.

    Cuts go after the last newline that fits, else after the last whitespace, else
    (one over-long word) at the limit. A stretch of whitespace that would make a part of
    its own (a text ending in a blank line just past the limit, a run of blank lines
    longer than a message) is dropped: both platforms reject a blank message ("message
    text is empty"), and it shows nothing. So no part is empty or blank, and
    `"".join(parts) == text` whenever the text has no such stretch. An empty or blank
    text gives no parts.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = _fitting_end(text, start, limit)
        if end < len(text):
            end = _best_cut(text, start, end)
        part = text[start:end]
        if not part.isspace():
            parts.append(part)
        start = end
    return parts


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _fitting_end(text: str, start: int, limit: int) -> int:
    # Counted in UTF-16 units: if the server measures like JavaScript, an emoji costs two,
    # and a part that fits in UTF-16 units fits in code points too.
    used = 0
    end = start
    while end < len(text) and used + _units(text[end]) <= limit:
        used += _units(text[end])
        end += 1
    return end


def _best_cut(text: str, start: int, end: int) -> int:
    window = text[start:end]
    # A cut must leave something visible before it: blank messages are rejected.
    first_visible = len(window) - len(window.lstrip())
    for is_boundary in (_is_newline, str.isspace):
        for index in range(len(window) - 1, first_visible, -1):
            if is_boundary(window[index]):
                return start + index + 1
    return _hard_cut(text, start, end)


def _is_newline(char: str) -> bool:
    return char == "\n"


def _hard_cut(text: str, start: int, end: int) -> int:
    # Keep combining diacritics (decomposed Vietnamese, e.g. "e" + U+0302 + U+0301)
    # with their base letter.
    cut = end
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut
