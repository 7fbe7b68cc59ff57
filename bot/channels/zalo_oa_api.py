"""A small typed async client for the Zalo Official Account API (v3) and its OAuth v4.

Every answer is `{"error": 0, "message": "Success", "data": {...}}`; a non-zero `error`
arrives with HTTP 200, so the body is always read. The access token travels in a bare
`access_token` header and the app's secret key in a `secret_key` header on token requests;
neither is ever put in a URL, a log line or an error text. The numbers and the endpoints are
Zalo's (see the docstring of tests/fakes/zalo_oa_server.py for the pages and what is assumed).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import aiohttp

log = logging.getLogger(__name__)

API_BASE = "https://openapi.zalo.me"
OAUTH_BASE = "https://oauth.zaloapp.com"
TOKEN_PATH = "/v4/oa/access_token"
CS_PATH = "/v3.0/oa/message/cs"  # customer-service (tư vấn) messages
GROUP_PATH = "/v3.0/oa/group/message"  # the Group Message Framework
TEMPLATE_PATH = "/v3.0/oa/message/template"  # ZBS template messages by user id (ex-ZNS)
UPLOAD_FILE_PATH = "/v2.0/oa/upload/file"
UPLOAD_IMAGE_PATH = "/v2.0/oa/upload/image"
USER_DETAIL_PATH = "/v3.0/oa/user/detail"

TEXT_LIMIT = 2000  # characters of a message's text
MAX_BUTTONS = 5
BUTTON_TITLE_LIMIT = 100
BUTTON_PAYLOAD_LIMIT = 1000
FILE_TYPES = frozenset({".pdf", ".doc", ".docx", ".csv"})  # upload/file, at most 5 MB
FILE_SIZE_LIMIT = 5 * 1024 * 1024
IMAGE_TYPES = frozenset({".jpg", ".jpeg", ".png"})  # upload/image, at most 1 MB
IMAGE_SIZE_LIMIT = 1024 * 1024

# Error codes (the OA API's error table).
RATE_LIMITED = -32  # the app's or the OA's calls a minute
OUT_OF_QUOTA = -211
NOT_FOLLOWER = -213
TOKEN_INVALID = -216
RECEIVE_QUOTA = -218
TOKEN_EXPIRED = -220
USER_INACTIVE = -227  # banned, or away from Zalo for more than 45 days
OUTSIDE_WINDOW = -230  # no interaction with the OA in the past 7 days
NO_INTERACTION = -232
GROUP_DISABLED = -237
NOT_IN_GROUP = -403
TEMPLATE_DAILY_QUOTA = -144
# Failures that never got a usable answer.
ERROR_NETWORK = -1
ERROR_BAD_RESPONSE = -2

TOKEN_ERRORS = frozenset({TOKEN_INVALID, TOKEN_EXPIRED})
QUOTA_ERRORS = frozenset({RATE_LIMITED, OUT_OF_QUOTA, RECEIVE_QUOTA, TEMPLATE_DAILY_QUOTA})
UNREACHABLE_ERRORS = frozenset({NOT_FOLLOWER, USER_INACTIVE, GROUP_DISABLED, NOT_IN_GROUP})
WINDOW_ERRORS = frozenset({OUTSIDE_WINDOW, NO_INTERACTION})
NETWORK_ERRORS = frozenset({ERROR_NETWORK, ERROR_BAD_RESPONSE})


class ZaloOAError(Exception):
    """The API answered a non-zero `error`, garbage, or could not be reached."""

    def __init__(self, code: int, message: str, endpoint: str = "") -> None:
        super().__init__(f"Zalo OA {endpoint} error {code}: {message}")
        self.code = code
        self.message = message
        self.endpoint = endpoint


class RefreshRefused(Exception):
    """Zalo would not renew the token pair: the refresh token is used, expired or revoked
    (an OA admin has to grant the app again). Not a network failure."""

    def __init__(self, code: int, name: str) -> None:
        super().__init__(f"refresh refused: {code} {name}")
        self.code = code
        self.name = name


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int  # seconds


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


class ZaloOAAPI:
    """One app's client; the access token is given per call by whoever keeps it fresh."""

    def __init__(
        self,
        app_id: str,
        secret_key: str,
        api_base: str = API_BASE,
        oauth_base: str = OAUTH_BASE,
        session: aiohttp.ClientSession | None = None,
        *,
        timeout: float = 15.0,
    ) -> None:
        self.app_id = app_id
        self._secret_key = secret_key
        self._api_base = api_base.rstrip("/")
        self._oauth_base = oauth_base.rstrip("/")
        self._session = session
        self._owns_session = session is None
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    def __repr__(self) -> str:
        return f"ZaloOAAPI(app_id={self.app_id!r}, api_base={self._api_base!r})"

    async def __aenter__(self) -> ZaloOAAPI:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_session and self._session is not None:
            await self._session.close()
            self._session = None

    async def refresh(self, refresh_token: str) -> TokenPair:
        """A new access token and a new refresh token; the old refresh token is then dead."""
        form = {"app_id": self.app_id, "grant_type": "refresh_token"}
        form["refresh_token"] = refresh_token
        headers = {"secret_key": self._secret_key}
        body = await self._request("POST", self._oauth_base + TOKEN_PATH, TOKEN_PATH,
                                   headers=headers, data=form)  # fmt: skip
        access, refresh = body.get("access_token"), body.get("refresh_token")
        if not isinstance(access, str) or not isinstance(refresh, str) or not access:
            code = _int(body.get("error")) or ERROR_BAD_RESPONSE
            name = str(body.get("error_name") or body.get("message") or "no token in the answer")
            raise RefreshRefused(code, name)
        return TokenPair(access, refresh, _int(body.get("expires_in")) or 0)

    async def send_cs(self, token: str, user_id: str, message: dict[str, Any]) -> str:
        body = {"recipient": {"user_id": user_id}, "message": message}
        return _message_id(await self._call("POST", CS_PATH, token, json_body=body))

    async def send_group(self, token: str, group_id: str, message: dict[str, Any]) -> str:
        body = {"recipient": {"group_id": group_id}, "message": message}
        return _message_id(await self._call("POST", GROUP_PATH, token, json_body=body))

    async def send_template(
        self, token: str, user_id: str, template_id: str, data: dict[str, str]
    ) -> str:
        body = {"user_id": user_id, "template_id": template_id, "template_data": data}
        return _message_id(await self._call("POST", TEMPLATE_PATH, token, json_body=body))

    async def upload(
        self, token: str, image: bool, name: str, content: bytes, mime_type: str
    ) -> str:
        """The file's `token` (upload/file) or the image's `attachment_id` (upload/image)."""
        form = aiohttp.FormData()
        form.add_field("file", content, filename=name, content_type=mime_type)
        path = UPLOAD_IMAGE_PATH if image else UPLOAD_FILE_PATH
        data = await self._call("POST", path, token, form=form)
        value = data.get("attachment_id" if image else "token")
        if not isinstance(value, str) or not value:
            raise ZaloOAError(ERROR_BAD_RESPONSE, "no upload reference in the answer", path)
        return value

    async def user_name(self, token: str, user_id: str) -> str:
        query = {"data": json.dumps({"user_id": user_id})}
        data = await self._call("GET", USER_DETAIL_PATH, token, query=query)
        return str(data.get("display_name") or "")

    async def _call(
        self,
        method: str,
        path: str,
        token: str,
        *,
        json_body: dict[str, Any] | None = None,
        form: aiohttp.FormData | None = None,
        query: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        headers = {"access_token": token}
        body = await self._request(method, self._api_base + path, path, headers=headers,
                                   json_body=json_body, data=form, query=query)  # fmt: skip
        code = _int(body.get("error"))
        if code is None:
            raise ZaloOAError(ERROR_BAD_RESPONSE, "no error field in the answer", path)
        if code != 0:
            raise ZaloOAError(code, str(body.get("message") or ""), path)
        data = body.get("data")
        return data if isinstance(data, dict) else {}

    async def _request(
        self,
        method: str,
        url: str,
        endpoint: str,
        *,
        headers: dict[str, str],
        json_body: dict[str, Any] | None = None,
        data: Any = None,
        query: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        session = self._get_session()
        try:
            async with session.request(
                method, url, headers=headers, json=json_body, data=data, params=query,
                timeout=self._timeout,
            ) as response:  # fmt: skip
                status, raw = response.status, await response.read()
        except TimeoutError:
            raise ZaloOAError(ERROR_NETWORK, "request timed out", endpoint) from None
        except aiohttp.ClientError as error:
            # `from None`: nothing of the request (its headers hold the token) is kept.
            raise ZaloOAError(ERROR_NETWORK, type(error).__name__, endpoint) from None
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise ZaloOAError(ERROR_BAD_RESPONSE, f"unexpected answer (HTTP {status})", endpoint)
        return body

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            if not self._owns_session:
                raise RuntimeError("the aiohttp session passed to ZaloOAAPI is closed")
            self._session = aiohttp.ClientSession()
        return self._session


def text_message(text: str, buttons: list[Button] | None = None) -> dict[str, Any]:
    """A text, with query buttons under it: a press comes back as the person's message
    carrying the payload, not shown in the chat (oa.query.hide)."""
    message: dict[str, Any] = {"text": text}
    if buttons:
        message["attachment"] = {
            "type": "template",
            "payload": {
                "buttons": [
                    {"title": b.title, "type": "oa.query.hide", "payload": b.payload}
                    for b in buttons
                ]
            },
        }
    return message


def file_message(token: str) -> dict[str, Any]:
    return {"attachment": {"type": "file", "payload": {"token": token}}}


def image_message(attachment_id: str, caption: str = "") -> dict[str, Any]:
    element = {"media_type": "image", "attachment_id": attachment_id}
    media = {"template_type": "media", "elements": [element]}
    message: dict[str, Any] = {"attachment": {"type": "template", "payload": media}}
    if caption:
        message["text"] = caption
    return message


def buttons_fit(buttons: list[Button]) -> bool:
    """Whether Zalo takes these as buttons; beyond its limits they become numbered lines."""
    return len(buttons) <= MAX_BUTTONS and all(
        0 < len(b.title) <= BUTTON_TITLE_LIMIT and len(b.payload) <= BUTTON_PAYLOAD_LIMIT
        for b in buttons
    )


def _message_id(data: dict[str, Any]) -> str:
    return str(data.get("message_id") or data.get("msg_id") or "")


def _int(value: object) -> int | None:
    """Zalo sends numbers as strings ("90000") as often as numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None
