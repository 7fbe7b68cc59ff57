"""A fake Zalo Official Account platform on 127.0.0.1: the OAuth v4 token endpoint, the OA
API v3 (customer-service, group and template messages, uploads, user detail), and the other
direction, Zalo's webhook: people and groups whose messages it posts, signed, to the bot.

    async with FakeZaloOAServer(clock=fake_clock.now) as zalo:
        refresh = zalo.grant()                       # what the OA's admin hands the operator
        zalo.webhook_url = "http://127.0.0.1:8080/webhook/zalo-oa"
        await zalo.user_says("u1", "/start abc")     # the bot's answer is in zalo.texts_to("u1")
        await zalo.press("u1", "Đồng ý")             # the last button so titled, pressed

What it enforces, from Zalo's documentation (developers.zalo.me, served readably at
docs.zaloplatforms.com/docs/OA and stc-developers.zdn.vn/docs/v2/official-account):
- OAuth v4 (bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new): POST /v4/oa/access_token,
  form `app_id`, `grant_type=refresh_token`, `refresh_token`, header `secret_key`; answers
  `access_token`, `refresh_token`, `expires_in` as the string "90000" (25 hours). A refresh
  token lives 3 months and is single-use: each renewal returns a new one, the old is dead.
- Every API call carries a bare `access_token` header; answers are `{"error": 0, "message",
  "data"}`, errors with HTTP 200 and the error table's codes (phu-luc/ma-loi): -216 invalid
  token (also what an expired one gets, as seen in practice), -220 expired or removed, -32
  the app's calls a minute (4,000, phu-luc/gioi-han-toc-do-api), -213 not a follower, -230 no
  interaction in the past 7 days, -201 invalid parameter, -210 parameter beyond its limit,
  -403 OA not in the group, -100 an expired upload (uploads live 7 days).
- Customer-service messages (tin-nhan/tin-tu-van, dieu-kien-gui-tin-tu-van): POST
  /v3.0/oa/message/cs, only to a follower who interacted in the past 7 days; text at most
  2,000 characters. Buttons (phu-luc/cau-truc-cua-tham-so-buttons): at most 5, types
  oa.open.url, oa.query.show, oa.query.hide, oa.open.sms, oa.open.phone; a query button's
  payload at most 1,000 characters.
- Uploads (upload/file, upload/image), multipart field `file`: PDF, DOC, DOCX, CSV up to
  5 MB (answer `token`); JPG, PNG up to 1 MB (answer `attachment_id`).
- Groups (nhom-chat-gmf): POST /v3.0/oa/group/message with `recipient.group_id`, into a
  group the OA manages; no reply window (24/24, free).
- Template messages by user id (ZBS Template Message, successor of ZNS since 01/01/2026):
  POST /v3.0/oa/message/template with `user_id`, `template_id`, `template_data`; errors
  -109 unknown template, -1122 a missing parameter, -1121 a value beyond its length.
- Webhook (webhook/tong-quan, xac-thuc-webhook): events `user_send_text|image|file|sticker…`,
  `follow`/`unfollow` (with `follower` in place of `sender`), `user_send_group_*`; header
  `X-ZEvent-Signature: mac=<sha256(app_id + body + timestamp + OA secret key)>`, the
  timestamp in milliseconds, as a string, inside the body.

Where the docs are silent, and what is assumed here: a press of an oa.query.hide button
arrives as `user_send_text` whose text is the payload (documented for oa.query.show); a
text with buttons is `message.attachment = {"type": "template", "payload": {"buttons"}}`;
buttons are accepted in group messages too; a group event's `recipient.id` is the group; a
button title is at most 100 characters; a refused refresh answers `{"error": -14014,
"error_name": "Invalid refresh token"}`; an unknown upload type is -201 and too large -210;
a press in a group counts as an interaction with the OA (the docs count clicks on oa.query
buttons), a plain group message does not; the old access token stays valid until its own
expiry after a renewal.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from types import TracebackType
from typing import Any

import aiohttp
from aiohttp import web

TEXT_LIMIT = 2000
MAX_BUTTONS = 5
BUTTON_TYPES = frozenset({"oa.open.url", "oa.query.show", "oa.query.hide", "oa.open.sms",
                          "oa.open.phone"})  # fmt: skip
BUTTON_TITLE_LIMIT, PAYLOAD_LIMIT = 100, 1000
ACCESS_LIFETIME = timedelta(seconds=90000)
REFRESH_LIFETIME = timedelta(days=90)
REPLY_WINDOW = timedelta(days=7)
UPLOAD_LIFETIME = timedelta(days=7)
FILE_TYPES, FILE_LIMIT = frozenset({".pdf", ".doc", ".docx", ".csv"}), 5 * 1024 * 1024
IMAGE_TYPES, IMAGE_LIMIT = frozenset({".jpg", ".jpeg", ".png"}), 1024 * 1024
CALLS_PER_MINUTE = 4000
OA_ID = "4318205090716240000"


class ZaloError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(code, message)
        self.code, self.message = code, message


@dataclass
class Sent:
    kind: str  # cs | group | template
    to: str  # a user id, or a group id
    message: dict[str, Any]
    message_id: str
    at: datetime

    @property
    def text(self) -> str:
        return str(self.message.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        payload = self.message.get("attachment", {}).get("payload", {})
        return list(payload.get("buttons", [])) if isinstance(payload, dict) else []


@dataclass
class Upload:
    name: str
    content: bytes
    at: datetime


@dataclass
class Person:
    name: str
    follows: bool = True
    last_interaction: datetime | None = None


@dataclass
class _Token:
    value: str
    expires_at: datetime
    removed: bool = False


@dataclass
class _Refresh:
    issued_at: datetime
    used: bool = False


@dataclass
class FakeZaloOAServer:
    app_id: str = "3608465248940903967"
    secret_key: str = "fake-app-secret-key"
    oa_secret_key: str = "fake-oa-secret-key"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    webhook_url: str = ""
    people: dict[str, Person] = field(default_factory=dict)
    groups: dict[str, set[str]] = field(default_factory=dict)  # group id → member user ids
    templates: dict[str, dict[str, int]] = field(default_factory=dict)  # id → param → max
    sent: list[Sent] = field(default_factory=list)
    uploads: dict[str, Upload] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refreshes: int = 0  # renewals granted
    refresh_delay: float = 0.0  # seconds the token endpoint takes to answer
    webhook_answers: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._access: dict[str, _Token] = {}
        self._refresh: dict[str, _Refresh] = {}
        self._failures: dict[str, list[tuple[int, str]]] = {}
        self._calls_left: int | None = None
        self._minute: tuple[int, int] = (0, 0)  # (minute, calls in it)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._session: aiohttp.ClientSession | None = None
        self._last_event: tuple[bytes, dict[str, str]] | None = None

    # --- lifecycle ---------------------------------------------------------------------

    async def __aenter__(self) -> FakeZaloOAServer:
        app = web.Application()
        app.router.add_post("/v4/oa/access_token", self._token)
        app.router.add_route("*", "/{path:v[23].0/oa/.+}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """Both ZALO_OA_API_BASE and ZALO_OA_OAUTH_BASE."""
        return f"http://127.0.0.1:{self._port}"

    # --- scripting -----------------------------------------------------------------------

    def grant(self) -> str:
        """A refresh token, as the OA's admin grants the app (its first one)."""
        token = secrets.token_urlsafe(24)
        self._refresh[token] = _Refresh(self.clock())
        return token

    def expire_access_tokens(self, removed: bool = False) -> None:
        for token in self._access.values():
            token.expires_at = min(token.expires_at, self.clock())
            token.removed = removed

    def revoke_refresh_tokens(self) -> None:
        """The admin withdrew the app's access: no refresh token works any more."""
        for refresh in self._refresh.values():
            refresh.used = True

    def fail_next(self, path: str, code: int, message: str = "scripted failure") -> None:
        """The next call of `path` (e.g. "/v3.0/oa/message/cs") answers this error."""
        self._failures.setdefault(path, []).append((code, message))

    def limit_calls(self, calls: int | None) -> None:
        """After `calls` more API calls, every call is refused with -32 (None: the normal
        4,000 a minute again)."""
        self._calls_left = calls

    def add_person(self, user_id: str, name: str = "Người dùng Zalo") -> Person:
        return self.people.setdefault(user_id, Person(name))

    def add_group(self, group_id: str, *members: str) -> None:
        self.groups[group_id] = set(members)

    def add_template(self, template_id: str, **params: int) -> None:
        """An approved template and its parameters' maximum lengths."""
        self.templates[template_id] = params

    # --- what people see -----------------------------------------------------------------

    def to(self, who: str, kind: str | None = None) -> list[Sent]:
        return [s for s in self.sent if s.to == who and (kind is None or s.kind == kind)]

    def texts_to(self, who: str) -> list[str]:
        return [s.text for s in self.to(who) if s.text]

    def last_with_button(self, who: str, title: str) -> Sent:
        for sent in reversed(self.to(who)):
            if any(title in b["title"] for b in sent.buttons):
                return sent
        seen = [b["title"] for s in self.to(who) for b in s.buttons]
        raise AssertionError(f"no button {title!r} was sent to {who}; buttons seen: {seen}")

    # --- Zalo's webhook: what people do ----------------------------------------------------

    async def user_says(self, user_id: str, text: str) -> int:
        return await self._from(user_id, "user_send_text", {"text": text})

    async def press(self, user_id: str, title: str, group_id: str = "") -> int:
        """Press the newest button titled `title` the person (or the group) was sent."""
        sent = self.last_with_button(group_id or user_id, title)
        button = next(b for b in sent.buttons if title in b["title"])
        event = "user_send_group_text" if group_id else "user_send_text"
        return await self._from(user_id, event, {"text": button["payload"]}, group_id, True)

    async def user_sends(self, user_id: str, kind: str, **payload: Any) -> int:
        """An image, file, sticker…: `payload` is the attachment's (url, name, size…)."""
        attachment = {"type": kind, "payload": payload}
        return await self._from(user_id, f"user_send_{kind}", {"attachments": [attachment]})

    async def group_says(self, group_id: str, user_id: str, text: str) -> int:
        return await self._from(user_id, "user_send_group_text", {"text": text}, group_id)

    async def follow(self, user_id: str, follows: bool = True) -> int:
        person = self.add_person(user_id)
        person.follows = follows
        if follows:
            person.last_interaction = self.clock()
        event = {"oa_id": OA_ID, "follower": {"id": user_id}, "user_id_by_app": f"app-{user_id}",
                 "event_name": "follow" if follows else "unfollow", "source": "oa_profile",
                 "app_id": self.app_id, "timestamp": self._stamp()}  # fmt: skip
        return await self.post_event(event)

    async def post_event(
        self, event: dict[str, Any], key: str | None = None, signature: str | None = None
    ) -> int:
        """POST `event` to the webhook, signed with `key` (the OA secret key by default) or
        carrying `signature` as is; the HTTP status the bot answered."""
        body = json.dumps(event, ensure_ascii=False).encode()
        mac = hashlib.sha256(
            self.app_id.encode() + body + str(event.get("timestamp", "")).encode()
            + (key or self.oa_secret_key).encode()
        ).hexdigest()  # fmt: skip
        signed = signature if signature is not None else f"mac={mac}"
        headers = {"Content-Type": "application/json", "X-ZEvent-Signature": signed}
        self._last_event = (body, headers)
        return await self._deliver(body, headers)

    async def redeliver(self) -> int:
        """The last event again, byte for byte, as Zalo retries one not answered 200."""
        assert self._last_event is not None
        return await self._deliver(*self._last_event)

    async def _deliver(self, body: bytes, headers: dict[str, str]) -> int:
        assert self._session is not None and self.webhook_url, "set webhook_url first"
        async with self._session.post(self.webhook_url, data=body, headers=headers) as answer:
            self.webhook_answers.append(answer.status)
            return answer.status

    async def _from(
        self, user_id: str, event_name: str, message: dict[str, Any], group_id: str = "",
        pressed: bool = False,
    ) -> int:  # fmt: skip
        person = self.add_person(user_id)
        if not group_id or pressed:
            person.last_interaction = self.clock()
        event = {
            "app_id": self.app_id, "user_id_by_app": f"app-{user_id}", "event_name": event_name,
            "timestamp": self._stamp(), "sender": {"id": user_id},
            "recipient": {"id": group_id or OA_ID},
            "message": {"msg_id": secrets.token_hex(10), **message},
        }  # fmt: skip
        return await self.post_event(event)

    def _stamp(self) -> str:
        return str(int(self.clock().timestamp() * 1000))

    # --- the OAuth and API endpoints --------------------------------------------------------

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.calls.append(("/v4/oa/access_token", {k: str(v) for k, v in form.items()}))
        await asyncio.sleep(self.refresh_delay)
        ours = form.get("app_id") == self.app_id
        if request.headers.get("secret_key") != self.secret_key or not ours:
            return web.json_response({"error": -14004, "error_name": "Invalid app secret"})
        refresh = self._refresh.get(str(form.get("refresh_token", "")))
        now = self.clock()
        usable = refresh is not None and not refresh.used
        if (
            form.get("grant_type") != "refresh_token"
            or refresh is None
            or not usable
            or (now >= refresh.issued_at + REFRESH_LIFETIME)
        ):
            return web.json_response({"error": -14014, "error_name": "Invalid refresh token"})
        refresh.used = True
        self.refreshes += 1
        access = secrets.token_urlsafe(32)
        self._access[access] = _Token(access, now + ACCESS_LIFETIME)
        new_refresh = self.grant()
        lifetime = str(int(ACCESS_LIFETIME.total_seconds()))  # a string, as Zalo sends it
        pair = {"access_token": access, "refresh_token": new_refresh, "expires_in": lifetime}
        return web.json_response(pair)

    async def _api(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        try:
            body = await self._body(request)
            self.calls.append((path, body))
            self._authorise(request.headers.get("access_token", ""), path)
            handler = _ROUTES.get((request.method, path))
            if handler is None:
                raise ZaloError(-201, "Not supported this api")
            data = await handler(self, body)
        except ZaloError as error:
            return web.json_response({"error": error.code, "message": error.message})
        return web.json_response({"error": 0, "message": "Success", "data": data})

    async def _body(self, request: web.Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(json.loads(request.query.get("data", "{}")))
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            upload = form.get("file")
            if not isinstance(upload, web.FileField):
                raise ZaloError(-201, "file is invalid!")
            return {"name": upload.filename, "content": upload.file.read()}
        value = await request.json()
        return value if isinstance(value, dict) else {}

    def _authorise(self, token: str, path: str) -> None:
        scripted = self._failures.get(path)
        if scripted:
            raise ZaloError(*scripted.pop(0))
        minute = int(asyncio.get_running_loop().time() // 60)
        used = self._minute[1] + 1 if self._minute[0] == minute else 1
        self._minute = (minute, used)
        if self._calls_left is not None:
            self._calls_left -= 1
        if used > CALLS_PER_MINUTE or (self._calls_left is not None and self._calls_left < 0):
            raise ZaloError(-32, "Your application reached limit call api")
        known = self._access.get(token)
        if known is None or known.expires_at <= self.clock():
            if known is not None and known.removed:
                raise ZaloError(-220, "access_token is expired or removed")
            raise ZaloError(-216, "Access token is invalid")

    async def _send_cs(self, body: dict[str, Any]) -> dict[str, Any]:
        user = str(body.get("recipient", {}).get("user_id", ""))
        person = self.people.get(user)
        if person is None:
            raise ZaloError(-201, "user_id is invalid!")
        if not person.follows:
            raise ZaloError(-213, "User has not followed OA")
        last = person.last_interaction
        if last is None or self.clock() - last > REPLY_WINDOW:
            raise ZaloError(-230, "User has not interacted with the OA in the past 7 days")
        return self._record("cs", user, self._message(body))

    async def _send_group(self, body: dict[str, Any]) -> dict[str, Any]:
        group = str(body.get("recipient", {}).get("group_id", ""))
        if group not in self.groups:
            raise ZaloError(-403, "OA is not in group")
        return {**self._record("group", group, self._message(body)), "group_id": group}

    async def _send_template(self, body: dict[str, Any]) -> dict[str, Any]:
        user, template = str(body.get("user_id", "")), str(body.get("template_id", ""))
        if user not in self.people:
            raise ZaloError(-201, "user_id is invalid!")
        params = self.templates.get(template)
        if params is None:
            raise ZaloError(-109, "Template ID invalid")
        data = body.get("template_data")
        if not isinstance(data, dict) or set(params) - set(data):
            raise ZaloError(-1122, "Missing template parameter")
        if any(len(str(data[name])) > limit for name, limit in params.items()):
            raise ZaloError(-1121, "Parameter data exceeds max length")
        return self._record("template", user, {"template_id": template, "template_data": data})

    async def _upload(self, body: dict[str, Any], image: bool) -> dict[str, Any]:
        suffix = PurePath(str(body["name"])).suffix.lower()
        types, limit = (IMAGE_TYPES, IMAGE_LIMIT) if image else (FILE_TYPES, FILE_LIMIT)
        if suffix not in types:
            raise ZaloError(-201, "file type is invalid!")
        if len(body["content"]) > limit:
            raise ZaloError(-210, "Parameter exceeds allowable limit")
        ref = secrets.token_urlsafe(16)
        self.uploads[ref] = Upload(str(body["name"]), body["content"], self.clock())
        return {"attachment_id": ref} if image else {"token": ref}

    async def _upload_file(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self._upload(body, image=False)

    async def _upload_image(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self._upload(body, image=True)

    async def _user_detail(self, body: dict[str, Any]) -> dict[str, Any]:
        person = self.people.get(str(body.get("user_id", "")))
        if person is None:
            raise ZaloError(-201, "user_id is invalid!")
        return {"user_id": body["user_id"], "display_name": person.name,
                "user_is_follower": person.follows}  # fmt: skip

    def _message(self, body: dict[str, Any]) -> dict[str, Any]:
        message = body.get("message")
        if not isinstance(message, dict):
            raise ZaloError(-201, "message is invalid!")
        text = message.get("text")
        if text is not None and (not isinstance(text, str) or len(text) > TEXT_LIMIT):
            raise ZaloError(-210, "Parameter exceeds allowable limit")
        attachment = message.get("attachment")
        if isinstance(attachment, dict):
            self._check_attachment(attachment)
        elif not text:
            raise ZaloError(-201, "message is invalid!")
        return message

    def _check_attachment(self, attachment: dict[str, Any]) -> None:
        payload = attachment.get("payload", {})
        if attachment.get("type") == "file":
            upload = self.uploads.get(str(payload.get("token", "")))
            if upload is None:
                raise ZaloError(-201, "token is invalid!")
            if self.clock() - upload.at > UPLOAD_LIFETIME:
                raise ZaloError(-100, "attachment_id was expired")
            return
        if payload.get("template_type") == "media":
            for element in payload.get("elements", []):
                if element.get("attachment_id") not in self.uploads:
                    raise ZaloError(-201, "attachment_id is invalid!")
            return
        buttons = payload.get("buttons", [])
        if not isinstance(buttons, list) or not buttons or len(buttons) > MAX_BUTTONS:
            raise ZaloError(-210, "Parameter exceeds allowable limit")
        for button in buttons:
            title, kind, data = button.get("title"), button.get("type"), button.get("payload")
            if kind not in BUTTON_TYPES or not isinstance(title, str) or not title:
                raise ZaloError(-201, "buttons is invalid!")
            if len(title) > BUTTON_TITLE_LIMIT or len(str(data)) > PAYLOAD_LIMIT:
                raise ZaloError(-210, "Parameter exceeds allowable limit")

    def _record(self, kind: str, to: str, message: dict[str, Any]) -> dict[str, Any]:
        message_id = secrets.token_hex(10)
        self.sent.append(Sent(kind, to, message, message_id, self.clock()))
        return {"message_id": message_id, "user_id": to}


_ROUTES = {
    ("POST", "/v3.0/oa/message/cs"): FakeZaloOAServer._send_cs,
    ("POST", "/v3.0/oa/group/message"): FakeZaloOAServer._send_group,
    ("POST", "/v3.0/oa/message/template"): FakeZaloOAServer._send_template,
    ("POST", "/v2.0/oa/upload/file"): FakeZaloOAServer._upload_file,
    ("POST", "/v2.0/oa/upload/image"): FakeZaloOAServer._upload_image,
    ("GET", "/v3.0/oa/user/detail"): FakeZaloOAServer._user_detail,
}
