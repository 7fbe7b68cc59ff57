"""An in-process fake of the Zalo Bot Platform HTTP API, for tests.

It serves `POST /bot<TOKEN>/<method>` on 127.0.0.1 with the real envelope
(`{"ok": true, "result": ...}` / `{"ok": false, "error_code": N, "description": ...}`),
long-polls getUpdates for real, and records every call so tests can assert on them.

    async with FakeZaloServer(token="123:abc") as server:
        api = ZaloBotAPI("123:abc", base=server.base_url)
        server.push_text("chat-1", "user-1", "xin chào")
        ...
        await server.wait_for("sendMessage")
        assert server.sent_messages("chat-1")[0]["text"] == "..."

What it holds the bot to, from the Zalo Bot Platform documentation
(https://bot.zapps.me/docs/, and its pages apis/setWebhook, apis/sendMessage, error-code,
build-bot-interaction-with-group):

- setWebhook's `secret_token` is 8–256 characters; anything else is a 400.
- sendMessage's text is 1–2,000 characters.
- A group message reaches the bot only when it mentions the bot, and it arrives as written:
  "@<bot name> /khoi" (`push_text` in a GROUP puts the mention first; `mention=False` sends
  the text bare, as a test of what the bot must not rely on).
- 429 means the bot's message quota is used up: the answer names no `retry_after`, and every
  send is refused until the quota comes back (`set_quota`).
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, NamedTuple

from aiohttp import web

__all__ = ["MESSAGE_LIMIT", "POLL_TIMEOUT_BODY", "FakeZaloServer", "RecordedCall"]

MESSAGE_LIMIT = 2000
POLL_TIMEOUT_BODY: dict[str, Any] = {
    "ok": False,
    "error_code": 408,
    "description": "Request timeout",
}
_DEFAULT_POLL_SECONDS = 30.0
_CHAT_ACTIONS = frozenset({"typing", "upload_photo"})
QUOTA_EXCEEDED = "Quota exceeded"
_QUOTA_METHODS = frozenset({"sendMessage", "sendPhoto"})


class RecordedCall(NamedTuple):
    """One request as received: `method, body = call` unpacks like a tuple."""

    method: str
    body: dict[str, Any]


class _CannedResponse(NamedTuple):
    status: int
    body: str
    content_type: str


CallPredicate = Callable[[RecordedCall], bool]
_Handler = Callable[[dict[str, Any]], Awaitable[web.Response]]


def _now_ms() -> int:
    return int(time.time() * 1000)


def _new_id() -> str:
    return uuid.uuid4().hex


def _utf16_len(text: str) -> int:
    # Assumed to match the real server, which is taken to count like JavaScript.
    return len(text.encode("utf-16-le")) // 2


def _error_body(error_code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": error_code, "description": description}


def _error(error_code: int, description: str) -> web.Response:
    # HTTP status mirrors the error code (200 for odd codes), so clients must read the body.
    status = error_code if 400 <= error_code <= 599 else 200
    return web.json_response(_error_body(error_code, description), status=status)


def _ok(result: Any = None, *, with_result: bool = True) -> web.Response:
    body: dict[str, Any] = {"ok": True}
    if with_result:
        body["result"] = result
    return web.json_response(body)


def _bad_request(description: str) -> web.Response:
    return _error(400, f"Bad Request: {description}")


def _non_empty_str(body: dict[str, Any], key: str) -> bool:
    return isinstance(body.get(key), str) and bool(body[key])


class FakeZaloServer:
    """A fake Bot API server; `token=None` accepts any token in the URL."""

    def __init__(
        self,
        token: str | None = None,
        *,
        bot_id: str = "fake-bot-id",
        account_name: str = "bot.fake",
        account_type: str = "BASIC",
        can_join_groups: bool = True,
        display_name: str = "Bot Thi Đua",
    ) -> None:
        self.token = token
        self.display_name = display_name  # how group members see (and mention) the bot
        self.quota: int | None = None  # sends left before 429s; None: no limit
        self.quota_refusals = 0
        self.bot_info: dict[str, Any] = {
            "id": bot_id,
            "account_name": account_name,
            "account_type": account_type,
            "can_join_groups": can_join_groups,
        }
        self.calls: list[RecordedCall] = []
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self._webhook_updated_at = _now_ms()
        self._sent: list[tuple[str, dict[str, Any]]] = []
        self._updates: deque[dict[str, Any]] = deque()
        self._pushed: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, deque[_CannedResponse]] = {}
        self._update_arrived = asyncio.Event()
        self._call_recorded = asyncio.Event()
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._handlers: dict[str, _Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
        }

    # -- lifecycle -------------------------------------------------------------------

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("FakeZaloServer is already started")
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        # No access log: request paths carry the token. Pollers are woken on stop(),
        # so a short shutdown grace period is enough.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = _bound_port(runner)
        self._stopping = False

    async def stop(self) -> None:
        if self._runner is None:
            return
        self._stopping = True
        self._update_arrived.set()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> FakeZaloServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """The value for ZALO_API_BASE, e.g. "http://127.0.0.1:54321"."""
        if self._port is None:
            raise RuntimeError("FakeZaloServer is not started")
        return f"http://127.0.0.1:{self._port}"

    # -- feeding updates -------------------------------------------------------------

    def push_text(
        self,
        chat_id: str,
        user_id: str,
        text: str,
        display_name: str = "Người dùng thử",
        chat_type: str = "PRIVATE",
        mention: bool = True,
    ) -> str:
        """Queue a message.text.received update; returns its message_id. In a group the
        text mentions the bot first, as it must to reach the bot there."""
        if chat_type == "GROUP" and mention:
            text = f"@{self.display_name} {text}"
        return self._push_message(
            "message.text.received", chat_id, user_id, display_name, chat_type, text=text
        )

    def push_image(
        self,
        chat_id: str,
        user_id: str,
        photo_url: str = "https://example.invalid/photo.jpg",
        caption: str | None = None,
        display_name: str = "Người dùng thử",
        chat_type: str = "PRIVATE",
    ) -> str:
        fields: dict[str, Any] = {"photo": photo_url}
        if caption is not None:
            fields["caption"] = caption
        return self._push_message(
            "message.image.received", chat_id, user_id, display_name, chat_type, **fields
        )

    def push_sticker(
        self,
        chat_id: str,
        user_id: str,
        sticker: str = "fake-sticker",
        display_name: str = "Người dùng thử",
        chat_type: str = "PRIVATE",
    ) -> str:
        return self._push_message(
            "message.sticker.received", chat_id, user_id, display_name, chat_type, sticker=sticker
        )

    def push_unsupported(
        self,
        chat_id: str,
        user_id: str,
        display_name: str = "Người dùng thử",
        chat_type: str = "PRIVATE",
    ) -> str:
        return self._push_message(
            "message.unsupported.received", chat_id, user_id, display_name, chat_type
        )

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an arbitrary update object verbatim (for malformed or future events)."""
        message_id = update.get("message", {}).get("message_id")
        if isinstance(message_id, str):
            self._pushed[message_id] = copy.deepcopy(update)
        self._enqueue(update)

    def redeliver(self, message_id: str) -> None:
        """Queue the identical update again, as the platform does after a lost answer."""
        try:
            update = self._pushed[message_id]
        except KeyError:
            raise KeyError(f"no update with message_id {message_id!r} was pushed") from None
        self._enqueue(copy.deepcopy(update))

    @property
    def pending_updates(self) -> int:
        return len(self._updates)

    # -- scripting failures ----------------------------------------------------------

    def fail_next(self, method: str, error_code: int, description: str) -> None:
        """Answer the next call of `method` with this error (queued, one per call)."""
        body = json.dumps(_error_body(error_code, description))
        status = error_code if 400 <= error_code <= 599 else 200
        self._queue_failure(method, _CannedResponse(status, body, "application/json"))

    def set_quota(self, sends: int | None) -> None:
        """Let `sends` more messages through, then answer 429 to each send (None: no limit)."""
        self.quota = sends

    def fail_next_raw(
        self, method: str, status: int, body: str, content_type: str = "text/html"
    ) -> None:
        """Answer the next call of `method` with an arbitrary (e.g. non-JSON) body."""
        self._queue_failure(method, _CannedResponse(status, body, content_type))

    # -- inspecting calls ------------------------------------------------------------

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Bodies of every call of `method`, including rejected ones."""
        return [call.body for call in self.calls if call.method == method]

    def sent_messages(self, chat_id: str | None = None) -> list[dict[str, Any]]:
        """Accepted sendMessage bodies in order, plus the message_id and date answered."""
        return self._accepted("sendMessage", chat_id)

    def sent_photos(self, chat_id: str | None = None) -> list[dict[str, Any]]:
        return self._accepted("sendPhoto", chat_id)

    async def wait_for(
        self,
        predicate: str | CallPredicate,
        timeout: float = 5.0,  # noqa: ASYNC109 - the established test-helper signature
        *,
        since: int = 0,
    ) -> RecordedCall:
        """Return the first recorded call (from index `since`) matching `predicate`.

        `predicate` is a method name or a function of a RecordedCall. Already recorded
        calls count, so pass `since=len(server.calls)` to wait only for new ones.
        Raises TimeoutError listing the methods seen.
        """
        matches = _as_predicate(predicate)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = next((call for call in self.calls[since:] if matches(call)), None)
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [call.method for call in self.calls[since:]]
                raise TimeoutError(f"no call matched {predicate!r} in {timeout}s; saw {seen}")
            recorded = self._call_recorded
            try:
                await asyncio.wait_for(recorded.wait(), remaining)
            except TimeoutError:
                continue

    # -- HTTP plumbing ---------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        raw = await request.read()
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            body = None
        self._record(method, body if isinstance(body, dict) else {"_raw": raw.decode("latin-1")})
        if self.token is not None and request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        canned = self._next_failure(method)
        if canned is not None:
            return web.Response(
                status=canned.status, text=canned.body, content_type=canned.content_type
            )
        if not isinstance(body, dict):
            return _bad_request("request body must be a JSON object")
        handler = self._handlers.get(method)
        if handler is None:
            return _error(404, "Not Found")
        if method in _QUOTA_METHODS and self.quota is not None:
            if self.quota <= 0:
                self.quota_refusals += 1
                return _error(429, QUOTA_EXCEEDED)  # no retry_after: Zalo does not say when
            response = await handler(body)
            if response.status == 200:
                self.quota -= 1
            return response
        return await handler(body)

    def _record(self, method: str, body: dict[str, Any]) -> None:
        self.calls.append(RecordedCall(method, body))
        self._call_recorded.set()
        self._call_recorded = asyncio.Event()

    def _queue_failure(self, method: str, canned: _CannedResponse) -> None:
        self._failures.setdefault(method, deque()).append(canned)

    def _next_failure(self, method: str) -> _CannedResponse | None:
        queue = self._failures.get(method)
        return queue.popleft() if queue else None

    def _accepted(self, method: str, chat_id: str | None) -> list[dict[str, Any]]:
        return [
            dict(body)
            for sent_method, body in self._sent
            if sent_method == method and (chat_id is None or body.get("chat_id") == chat_id)
        ]

    def _push_message(
        self,
        event_name: str,
        chat_id: str,
        user_id: str,
        display_name: str,
        chat_type: str,
        **fields: Any,
    ) -> str:
        message_id = _new_id()
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": _now_ms(),
            "from": {"id": user_id, "display_name": display_name, "is_bot": False},
            "chat": {"id": chat_id, "chat_type": chat_type},
            **fields,
        }
        self.push_update({"event_name": event_name, "message": message})
        return message_id

    def _enqueue(self, update: dict[str, Any]) -> None:
        self._updates.append(update)
        self._update_arrived.set()
        self._update_arrived = asyncio.Event()

    # -- API methods -----------------------------------------------------------------

    async def _get_me(self, body: dict[str, Any]) -> web.Response:
        return _ok(dict(self.bot_info))

    async def _get_updates(self, body: dict[str, Any]) -> web.Response:
        if self.webhook_url:
            # The platform refuses polling while a webhook is set; the exact code is a guess.
            return _error(409, "Conflict: webhook is active, delete it to use getUpdates")
        wait = _poll_seconds(body.get("timeout", _DEFAULT_POLL_SECONDS))
        if wait is None:
            return _bad_request("timeout must be a number of seconds")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while not self._updates and not self._stopping:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            arrived = self._update_arrived
            try:
                await asyncio.wait_for(arrived.wait(), remaining)
            except TimeoutError:
                break
        if self._updates and not self._stopping:
            return _ok(self._updates.popleft())
        return _error(POLL_TIMEOUT_BODY["error_code"], POLL_TIMEOUT_BODY["description"])

    async def _set_webhook(self, body: dict[str, Any]) -> web.Response:
        if not _non_empty_str(body, "url"):
            return _bad_request("url is required")
        secret = body.get("secret_token")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            return _bad_request("secret_token must be 8-256 characters")
        self.webhook_url, self.webhook_secret = body["url"], secret
        self._webhook_updated_at = _now_ms()
        return _ok(self._webhook_info())

    async def _delete_webhook(self, body: dict[str, Any]) -> web.Response:
        self.webhook_url, self.webhook_secret = "", None
        self._webhook_updated_at = _now_ms()
        return _ok(self._webhook_info())

    async def _get_webhook_info(self, body: dict[str, Any]) -> web.Response:
        return _ok(self._webhook_info())

    def _webhook_info(self) -> dict[str, Any]:
        return {"url": self.webhook_url, "updated_at": self._webhook_updated_at}

    async def _send_message(self, body: dict[str, Any]) -> web.Response:
        if not _non_empty_str(body, "chat_id"):
            return _bad_request("chat_id is required")
        text = body.get("text")
        if not isinstance(text, str) or not 1 <= _utf16_len(text) <= MESSAGE_LIMIT:
            return _bad_request(f"text must be 1-{MESSAGE_LIMIT} characters")
        return self._accept("sendMessage", body)

    async def _send_photo(self, body: dict[str, Any]) -> web.Response:
        if not _non_empty_str(body, "chat_id") or not _non_empty_str(body, "photo"):
            return _bad_request("chat_id and photo are required")
        caption = body.get("caption")
        if caption is not None and (
            not isinstance(caption, str) or not 1 <= _utf16_len(caption) <= MESSAGE_LIMIT
        ):
            return _bad_request(f"caption must be 1-{MESSAGE_LIMIT} characters")
        return self._accept("sendPhoto", body)

    async def _send_chat_action(self, body: dict[str, Any]) -> web.Response:
        if not _non_empty_str(body, "chat_id"):
            return _bad_request("chat_id is required")
        if body.get("action") not in _CHAT_ACTIONS:
            return _bad_request("unknown action")
        # Documented answer is a bare {"ok": true} without a result.
        return _ok(with_result=False)

    def _accept(self, method: str, body: dict[str, Any]) -> web.Response:
        result = {"message_id": _new_id(), "date": _now_ms()}
        self._sent.append((method, {**body, **result}))
        return _ok(result)


def _as_predicate(predicate: str | CallPredicate) -> CallPredicate:
    if isinstance(predicate, str):
        name = predicate
        return lambda call: call.method == name
    return predicate


def _poll_seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(seconds, 0.0)


def _bound_port(runner: web.AppRunner) -> int:
    for address in runner.addresses:
        return int(address[1])
    raise RuntimeError("the fake Zalo server is not listening on any socket")
