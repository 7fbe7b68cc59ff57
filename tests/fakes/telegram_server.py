"""A fake Telegram Bot API server speaking the real HTTP protocol.

Tests run the real aiogram stack against it::

    async with FakeTelegramServer() as server:
        session = AiohttpSession(api=TelegramAPIServer.from_base(server.base_url))
        bot = Bot("42:TEST", session=session)
        update_id = server.user_message(chat_id=100, user_id=100, text="/start")
        ...
        call = await server.wait_for("sendMessage")

The server only ever binds to 127.0.0.1.

Beyond the methods themselves it holds the bot to what Telegram really does, so a bot that
passes here behaves there (https://core.telegram.org/bots/api):

- Rate limits (`enable_rate_limits`): 429 with `retry_after`.
- setWebhook at most once a second per bot: the Bot API server answers 429 "Too Many
  Requests: retry after 1" to a second call within the second (telegram-bot-api,
  Client::process_set_webhook_query, next_allowed_set_webhook_time_).
- A callback query is answered within Telegram's deadline or not at all: after it,
  answerCallbackQuery is a 400 "query is too old and response timeout expired or query ID is
  invalid" (about 15 s in practice; `callback_deadline`). Until then the person sees a
  spinner (CallbackQuery: "It is, therefore, necessary to react by calling
  answerCallbackQuery even if no notification to the user is needed").
- A press on a message the bot can no longer see comes with an InaccessibleMessage: its chat
  and message_id, and `date` 0 ("Always 0. The field can be used to differentiate regular
  and inaccessible messages").
- Groups upgraded to supergroups, the bot removed from a group, people who never started the
  bot, forum topics and anonymous administrators: see `telegram_chats`.
- `allowed_updates`: an update of a type the bot did not ask for is dropped, and
  chat_member, message_reaction and message_reaction_count only come when asked for.
- A call is carried out before it is answered, and the answer may be slow or never come
  (`delay_answers`, `hold_answers`): the message is in the chat while the bot does not know
  it yet — what a bot killed at that moment leaves behind.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
import itertools
import json
import random
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final

from aiohttp import web

from tests.fakes.telegram_chats import GROUP_ANONYMOUS_BOT, ChatStates

__all__ = [
    "BotApiError",
    "FakeTelegramServer",
    "MessageRevision",
    "RateLimits",
    "RecordedCall",
    "StoredMessage",
    "UploadedFile",
]

HOST: Final = "127.0.0.1"

NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD: Final = "query is too old and response timeout expired or query ID is invalid"
CALLBACK_DEADLINE: Final = 15.0  # seconds, as measured against Telegram
WEBHOOK_FLOOD: Final = "Too Many Requests: retry after 1"
BLOCKED: Final = "Forbidden: bot was blocked by the user"
POLL_CONFLICT: Final = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_CONFLICT: Final = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)

# Values of these fields are free text: decoding "123" or "true" into JSON would corrupt them.
_TEXT_FIELDS: Final = frozenset(
    {
        "text",
        "caption",
        "data",
        "callback_query_id",
        "inline_message_id",
        "parse_mode",
        "url",
        "language_code",
        "action",
        "title",
        "description",
        "short_description",
        "name",
        "secret_token",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "query",
        "document",
        "photo",
        "video",
        "audio",
        "voice",
        "animation",
        "sticker",
        "thumbnail",
        "file_id",
    }
)
# Fields that clients may send as JSON-serialized strings even inside a JSON body.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "media",
        "results",
        "permissions",
    }
)
# Telegram withholds these update types unless they are explicitly requested.
_OPT_IN_UPDATE_TYPES: Final = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)
_BOT_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
# BotCommandScope types and the fields each carries besides "type".
_SCOPE_FIELDS: Final = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}
_COMMAND_RE: Final = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,})?(?=\s|$)")
_FORM_TYPES: Final = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


class BotApiError(Exception):
    """Raised by method handlers; rendered as a real Bot API error response."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            payload["parameters"] = self.parameters
        return payload


def _bad_request(detail: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class UploadedFile:
    """A file part received in a multipart request."""

    field_name: str
    filename: str
    content: bytes
    content_type: str | None = None


@dataclass
class RecordedCall:
    """One Bot API request as the server saw it, with the response it gave."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    token: str
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        return self.response.get("result")

    def upload(self, param: str) -> UploadedFile | None:
        """The file sent for `param`, whether as `attach://key` or as a direct file part."""
        value = self.params.get(param)
        if isinstance(value, str) and value.startswith("attach://"):
            return self.files.get(value.removeprefix("attach://"))
        return self.files.get(param)


@dataclass(frozen=True)
class MessageRevision:
    """The state of a message before one of its edits."""

    text: str | None
    caption: str | None
    reply_markup: dict[str, Any] | None
    edit_date: int | None


@dataclass
class StoredMessage:
    """Current state of a message in a chat, sent by the bot or pushed as a user message."""

    chat_id: int
    message_id: int
    date: int
    chat: dict[str, Any]
    sender: dict[str, Any]
    from_bot: bool
    text: str | None = None
    entities: list[dict[str, Any]] | None = None
    caption: str | None = None
    caption_entities: list[dict[str, Any]] | None = None
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    upload: UploadedFile | None = None
    reply_to: StoredMessage | None = None
    message_thread_id: int | None = None  # the forum topic it is in
    sender_chat: dict[str, Any] | None = None  # the group itself, for an anonymous admin
    extra: dict[str, Any] = field(default_factory=dict)  # service fields (migrate_to_chat_id)
    edit_date: int | None = None
    deleted: bool = False
    history: list[MessageRevision] = field(default_factory=list)

    def remember_revision(self) -> None:
        self.history.append(
            MessageRevision(self.text, self.caption, self.reply_markup, self.edit_date)
        )

    def to_api(self, *, with_reply: bool = True) -> dict[str, Any]:
        """Serialize as a Bot API Message object."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": dict(self.chat),
            "from": dict(self.sender),
        }
        optional = {
            "edit_date": self.edit_date,
            "text": self.text,
            "entities": self.entities,
            "caption": self.caption,
            "caption_entities": self.caption_entities,
            "document": self.document,
            "photo": self.photo,
            "sender_chat": self.sender_chat,
        }
        data.update({key: copy.deepcopy(value) for key, value in optional.items() if value})
        if self.message_thread_id is not None:
            data["message_thread_id"] = self.message_thread_id
            if self.chat.get("is_forum"):
                data["is_topic_message"] = True
        data.update(copy.deepcopy(self.extra))
        # Telegram only echoes inline keyboards back; reply keyboards are not part of a Message.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = copy.deepcopy(self.reply_markup)
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        return data


@dataclass
class _QueuedUpdate:
    update_id: int
    update: dict[str, Any]
    # A redelivered update must survive the offset that already confirmed it until it is sent.
    redelivery: bool = False
    delivered: bool = False


@dataclass(frozen=True)
class _Failure:
    error_code: int
    description: str
    retry_after: int | None


class _Signal:
    """Wakes every coroutine waiting at the moment `fire` is called."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, max_wait: float) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max_wait)


@dataclass
class _Call:
    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    token: str


_Handler = Callable[[_Call], Awaitable[Any]]


def _now() -> int:
    return int(time.time())


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _update_type(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _method_predicate(method: str) -> Callable[[RecordedCall], bool]:
    wanted = method.lower()
    return lambda call: call.method.lower() == wanted


def _decode_form_value(key: str, value: str) -> Any:
    if key in _TEXT_FIELDS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    # aiogram sends plain strings unquoted, so a decoded string means the raw text was meant.
    return value if isinstance(decoded, str) else decoded


def _decode_json_value(key: str, value: Any) -> Any:
    if key in _JSON_FIELDS and isinstance(value, str):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


def _int_param(params: dict[str, Any], name: str, default: int | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise _bad_request(f"invalid {name} specified")
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise _bad_request(f"invalid {name} specified") from None


def _required_int(params: dict[str, Any], name: str) -> int:
    value = _int_param(params, name)
    if value is None:
        raise _bad_request(f"{name} is empty")
    return value


def _bool_param(params: dict[str, Any], name: str) -> bool:
    value = params.get(name)
    if isinstance(value, str):
        return value.lower() in {"true", "1"}
    return bool(value)


def _markup_param(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None or markup == "":
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            # https://core.telegram.org/bots/api#webappinfo: "An HTTPS URL of a Web App".
            web_app = button.get("web_app") if isinstance(button, dict) else None
            if web_app is not None and not str(web_app.get("url", "")).startswith("https://"):
                raise _bad_request("inline keyboard button Web App URL is invalid: only HTTPS")
    return markup


def _list_param(params: dict[str, Any], name: str) -> list[dict[str, Any]] | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, list):
        raise _bad_request(f"can't parse {name} JSON object")
    return value


async def _read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = {
        key: _decode_form_value(key, value) for key, value in request.query.items()
    }
    files: dict[str, UploadedFile] = {}
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise _bad_request("can't parse JSON body") from None
        if not isinstance(body, dict):
            raise _bad_request("JSON body must be an object")
        params.update({key: _decode_json_value(key, value) for key, value in body.items()})
    elif request.content_type in _FORM_TYPES:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = UploadedFile(
                    key, value.filename, value.file.read(), value.content_type
                )
            elif isinstance(value, bytes | bytearray):
                params[key] = _decode_form_value(key, value.decode())
            else:
                params[key] = _decode_form_value(key, value)
    return params, files


RATE_LIMITED_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "editMessageText"})


@dataclass
class RateLimits:
    """Telegram's published limits for one bot, as sliding windows: about 30 messages a
    second overall, one a second per chat, twenty a minute per group (negative chat ids)."""

    overall_per_second: int = 30
    per_chat_per_second: int = 1
    per_group_per_minute: int = 20
    _overall: deque[float] = field(default_factory=deque)
    _chats: dict[int, deque[float]] = field(default_factory=dict)

    def admit(self, now: float, chat_id: int | None) -> int | None:
        """None when the message may go; else the seconds to wait (retry_after)."""
        waits = [self._wait(self._overall, now, 1.0, self.overall_per_second)]
        if chat_id is not None:
            history = self._chats.setdefault(chat_id, deque())
            waits.append(self._wait(history, now, 1.0, self.per_chat_per_second))
            if chat_id < 0:
                waits.append(self._wait(history, now, 60.0, self.per_group_per_minute))
        worst = max(waits)
        if worst > 0:
            return max(1, int(worst + 0.999))
        self._overall.append(now)
        if chat_id is not None:
            self._chats[chat_id].append(now)
        return None

    @staticmethod
    def _wait(history: deque[float], now: float, window: float, limit: int) -> float:
        recent = [moment for moment in history if moment > now - window]
        while history and history[0] <= now - 60.0:
            history.popleft()
        return 0.0 if len(recent) < limit else recent[-limit] + window - now


class FakeTelegramServer:
    """In-process Bot API server for tests; see the module docstring for usage."""

    def __init__(
        self,
        *,
        bot_username: str = "thidua_test_bot",
        bot_id: int = 42,
        bot_first_name: str = "Thi Dua Test Bot",
        callback_deadline: float = CALLBACK_DEADLINE,
    ) -> None:
        self.bot_username = bot_username
        self.callback_deadline = callback_deadline
        self.chat_states = ChatStates()
        self.webhook_allowed_updates: list[str] = []
        self._next_webhook_at = 0.0  # monotonic: the earliest next setWebhook
        self._callback_deadlines: dict[str, float] = {}  # query id → monotonic deadline
        self.last_query_id = ""  # of the newest press pushed
        self.bot_id = bot_id
        self.bot_first_name = bot_first_name

        self.calls: list[RecordedCall] = []
        self.tokens: set[str] = set()
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.files: dict[str, UploadedFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.dropped_updates: list[dict[str, Any]] = []
        self.webhook_url = ""
        self.blocked_chats: set[int] = set()

        self._queue: list[_QueuedUpdate] = []
        self._pushed: dict[int, dict[str, Any]] = {}
        self._next_update_id = 1
        self._next_message_ids: dict[int, int] = {}
        self._file_counter = itertools.count(1)
        self._callback_counter = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._failures: dict[str, deque[_Failure]] = {}
        self._allowed_updates: list[str] = []
        self._poll_generation = 0

        self._limits: RateLimits | None = None
        self.rate_limited = 0  # 429 answers given by the rate limits
        self._answer_delay = 0.0  # the longest wait of an answer, at random up to it
        self._answers_held: asyncio.Event | None = None  # set: answers go out again
        self._held_calls: Callable[[RecordedCall], bool] = lambda call: True

        self._update_signal = _Signal()
        self._call_signal = _Signal()
        self._stopping = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._handlers: dict[str, tuple[str, _Handler]] = {
            name.lower(): (name, handler) for name, handler in self._method_table().items()
        }

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        if self._runner is not None:
            return
        self._stopping = False
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # handler_cancellation lets a long poll end as soon as the client hangs up.
        runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        self._runner = runner
        self._port = self._bound_port(runner)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        self._stopping = True
        # Release pending long polls first, otherwise cleanup waits for them to time out.
        self._update_signal.fire()
        self._call_signal.fire()
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> FakeTelegramServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeTelegramServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @staticmethod
    def _bound_port(runner: web.AppRunner) -> int:
        for address in runner.addresses:
            if isinstance(address, tuple) and address[0] == HOST:
                return int(address[1])
        raise RuntimeError(f"could not determine bound port from {runner.addresses!r}")

    # ------------------------------------------------------------- test helpers

    def calls_of(self, method: str) -> list[RecordedCall]:
        wanted = method.lower()
        return [call for call in self.calls if call.method.lower() == wanted]

    def sent_messages(self, chat_id: int | None = None) -> list[StoredMessage]:
        """Messages sent by the bot, in sending order, with their current (edited) state."""
        return [
            message
            for message in self.messages.values()
            if message.from_bot and (chat_id is None or message.chat_id == chat_id)
        ]

    def last_sent(self, chat_id: int | None = None) -> StoredMessage | None:
        sent = self.sent_messages(chat_id)
        return sent[-1] if sent else None

    async def wait_for(
        self,
        predicate_or_method: str | Callable[[RecordedCall], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        *,
        since: int = 0,
    ) -> RecordedCall:
        """Wait until a call in `calls[since:]` matches; returns the first match."""
        predicate = (
            _method_predicate(predicate_or_method)
            if isinstance(predicate_or_method, str)
            else predicate_or_method
        )

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        checked = since
        while True:
            for call in self.calls[checked:]:
                if predicate(call):
                    return call
            checked = max(checked, len(self.calls))
            remaining = deadline - loop.time()
            if remaining <= 0 or self._stopping:
                seen = [call.method for call in self.calls[since:]]
                raise TimeoutError(f"no matching Bot API call within {timeout}s; saw {seen}")
            await self._call_signal.wait(remaining)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return [copy.deepcopy(entry.update) for entry in self._queue]

    # ---------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        """Make the next call of `method` fail; repeated calls queue several failures."""
        if description is None:
            description = self._default_description(error_code, retry_after)
        failure = _Failure(error_code, description, retry_after)
        self._failures.setdefault(method.lower(), deque()).append(failure)

    @staticmethod
    def _default_description(error_code: int, retry_after: int | None) -> str:
        if error_code == 429:
            return f"Too Many Requests: retry after {retry_after or 1}"
        defaults = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 409: "Conflict"}
        return defaults.get(error_code, "Internal Server Error")

    def delay_answers(self, up_to: float) -> None:
        """Each answer leaves up to `up_to` seconds (at random) after its call was carried
        out, as over a long link: meanwhile the message is in the chat, unknown to the bot."""
        self._answer_delay = up_to

    def hold_answers(self, which: Callable[[RecordedCall], bool] | None = None) -> None:
        """From now on calls (those `which` picks) are carried out but not answered until
        `release_answers`."""
        self._answers_held = asyncio.Event()
        self._held_calls = which or (lambda call: True)

    def release_answers(self) -> None:
        if self._answers_held is not None:
            self._answers_held.set()
            self._answers_held = None

    def enable_rate_limits(self, limits: RateLimits | None = None) -> None:
        """Answer 429 with retry_after, as Telegram does, to a bot that sends too fast."""
        self._limits = limits or RateLimits()

    def block_chat(self, chat_id: int) -> None:
        self.blocked_chats.add(chat_id)

    def unblock_chat(self, chat_id: int) -> None:
        self.blocked_chats.discard(chat_id)

    def upgrade_to_supergroup(
        self, chat_id: int, new_chat_id: int | None = None, *, announce: bool = False
    ) -> int:
        """Upgrade a basic group: it gets a new id, and sends to the old one are refused with
        migrate_to_chat_id. `announce`: the service messages come as updates too."""
        new_chat_id = new_chat_id or -(10**12) + chat_id
        old = self._chat(chat_id)
        new = {"id": new_chat_id, "type": "supergroup", "title": old.get("title", "")}
        self.chats[new_chat_id] = new
        self.chat_states.upgraded[chat_id] = new_chat_id
        states = self.chat_states
        if chat_id in states.owners:  # the same people run the supergroup
            states.owners[new_chat_id] = states.owners[chat_id]
        states.admins[new_chat_id] = dict(states.admins.get(chat_id, {}))
        states.members[new_chat_id] = set(states.members.get(chat_id, set()))
        if announce:
            someone = self._user(1, "Telegram", None, None, None)
            self._push_service(chat_id, old, someone, migrate_to_chat_id=new_chat_id)
            self._push_service(new_chat_id, new, someone, migrate_from_chat_id=chat_id)
        return new_chat_id

    def remove_bot(self, chat_id: int, by_user_id: int, *, kicked: bool = True) -> int:
        """The bot is removed from the group (or leaves it): sends there are refused, and a
        my_chat_member update tells the bot, if it asked for those; its update_id."""
        self.chat_states.removed[chat_id] = "kicked" if kicked else "left"
        bot = {**self.bot_user}
        return self.push_update(
            {
                "my_chat_member": {
                    "chat": self._chat(chat_id),
                    "from": self._user(by_user_id, "Admin", None, None, None),
                    "date": _now(),
                    "old_chat_member": {"status": "member", "user": bot},
                    "new_chat_member": (
                        {"status": "kicked", "user": bot, "until_date": 0}
                        if kicked
                        else {"status": "left", "user": bot}
                    ),
                }
            }
        )

    def never_started(self, user_id: int) -> None:
        """A person who never opened a chat with the bot: it may not write to them first."""
        self.chat_states.not_started.add(user_id)

    def set_admins(
        self, chat_id: int, owner: int, *admins: int, anonymous: tuple[int, ...] = ()
    ) -> None:
        """Who administers the group (and which of them post as the group)."""
        self.chat_states.owners[chat_id] = owner
        self.chat_states.admins[chat_id] = {user: user in anonymous for user in (owner, *admins)}

    async def callback_settled(self, query_id: str) -> bool:
        """Wait until the query is answered (True) or its deadline passed (False)."""
        while query_id not in self.callback_answers:
            left = self._callback_deadlines[query_id] - time.monotonic()
            if left <= 0:
                return False
            await self._call_signal.wait(left)
        return True

    # ----------------------------------------------------------- update injection

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; assigns `update_id` when missing."""
        update = copy.deepcopy(update)
        update_id = update.get("update_id")
        if update_id is None:
            update_id = self._next_update_id
            update = {"update_id": update_id, **update}
        self._next_update_id = max(self._next_update_id, int(update_id) + 1)
        self._pushed[update_id] = copy.deepcopy(update)
        self._enqueue(_QueuedUpdate(update_id, update))
        return int(update_id)

    def redeliver(self, update_id: int) -> int:
        """Queue an already pushed update again, unchanged, as a duplicate delivery."""
        try:
            update = self._pushed[update_id]
        except KeyError:
            raise KeyError(f"update {update_id} was never pushed") from None
        self._enqueue(_QueuedUpdate(update_id, copy.deepcopy(update), redelivery=True))
        return update_id

    def user_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        chat_type: str = "private",
        chat_title: str | None = None,
        reply_to_message_id: int | None = None,
        thread_id: int | None = None,
        anonymous_admin: bool = False,
    ) -> int:
        """Push a text message written by a user; returns the update_id. `thread_id`: in that
        topic of a forum supergroup. `anonymous_admin`: an administrator posting as the
        group (the update shows the group and GroupAnonymousBot, not `user_id`)."""
        user = self._user(user_id, first_name, last_name, username, language_code)
        chat = self._remember_chat(chat_id, chat_type, chat_title, user)
        if thread_id is not None:  # topics exist only in a forum
            chat["is_forum"] = self.chats[chat_id]["is_forum"] = True
            self.chat_states.topics.setdefault(chat_id, set()).add(thread_id)
        self.chat_states.members.setdefault(chat_id, set()).add(user_id)
        message = StoredMessage(
            chat_id=chat_id,
            message_id=self._allocate_message_id(chat_id),
            date=_now(),
            chat=chat,
            sender=dict(GROUP_ANONYMOUS_BOT) if anonymous_admin else user,
            from_bot=False,
            text=text,
            entities=self._command_entities(text),
            message_thread_id=thread_id,
            sender_chat=dict(chat) if anonymous_admin else None,
        )
        if reply_to_message_id is not None:
            message.reply_to = self._find_message(chat_id, reply_to_message_id)
        self.messages[(chat_id, message.message_id)] = message
        return self.push_update({"message": message.to_api()})

    def user_callback(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        data: str,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        inaccessible: bool = False,
    ) -> int:
        """Push a press on an inline button of a message the bot sent; returns the update_id.
        `inaccessible`: the message is too old (or deleted) for the bot to see: the press
        carries an InaccessibleMessage, with its chat and date 0."""
        message = self.messages.get((chat_id, message_id))
        if message is None or not message.from_bot or (message.deleted and not inaccessible):
            raise KeyError(f"bot message {message_id} in chat {chat_id} does not exist")
        query_id = self.last_query_id = str(10**15 + next(self._callback_counter))
        self._open_callbacks.add(query_id)
        self._callback_deadlines[query_id] = time.monotonic() + self.callback_deadline
        shown = (
            {"chat": dict(message.chat), "message_id": message_id, "date": 0}
            if inaccessible
            else message.to_api()
        )
        callback_query = {
            "id": query_id,
            "from": self._user(user_id, first_name, last_name, username, language_code),
            "message": shown,
            "chat_instance": str(abs(chat_id) * 7919 + self.bot_id),
            "data": data,
        }
        return self.push_update({"callback_query": callback_query})

    def _push_service(
        self, chat_id: int, chat: dict[str, Any], user: dict[str, Any], **fields: int
    ) -> int:
        message = StoredMessage(
            chat_id=chat_id, message_id=self._allocate_message_id(chat_id), date=_now(),
            chat=dict(chat), sender=user, from_bot=False, extra=dict(fields),
        )  # fmt: skip
        self.messages[(chat_id, message.message_id)] = message
        return self.push_update({"message": message.to_api()})

    def _enqueue(self, entry: _QueuedUpdate) -> None:
        # Kept sorted so clients advancing their offset past each update stay consistent.
        bisect.insort(self._queue, entry, key=lambda queued: queued.update_id)
        self._update_signal.fire()

    @staticmethod
    def _user(
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str | None,
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        optional = {"last_name": last_name, "username": username, "language_code": language_code}
        user.update({key: value for key, value in optional.items() if value is not None})
        return user

    def _remember_chat(
        self, chat_id: int, chat_type: str, title: str | None, user: dict[str, Any]
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            for key in ("first_name", "last_name", "username"):
                if key in user:
                    chat[key] = user[key]
        else:
            chat["title"] = title or f"Test chat {chat_id}"
        if self.chats.get(chat_id, {}).get("is_forum"):
            chat["is_forum"] = True  # a forum stays one
        self.chats[chat_id] = chat
        return dict(chat)

    def _command_entities(self, text: str) -> list[dict[str, Any]] | None:
        match = _COMMAND_RE.match(text)
        if match is None:
            return None
        return [{"type": "bot_command", "offset": 0, "length": _utf16_len(match.group(0))}]

    # ------------------------------------------------------------- HTTP plumbing

    async def _handle(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        self.tokens.add(token)
        method, handler = self._handlers.get(raw_method.lower(), (raw_method, self._not_found))
        call = _Call(method, {}, {}, token)
        try:
            call.params, call.files = await _read_request(request)
            self._raise_injected_failure(method)
            self._check_rate(method, call.params)
            payload: dict[str, Any] = {"ok": True, "result": await handler(call)}
            status = 200
        except BotApiError as error:
            payload, status = error.to_payload(), error.error_code
        self._record(call, status, payload)
        recorded = self.calls[-1]
        if self._answer_delay:
            await asyncio.sleep(random.uniform(0, self._answer_delay))
        held = self._answers_held
        if held is not None and self._held_calls(recorded):
            await held.wait()
        return web.json_response(payload, status=status)

    def _check_rate(self, method: str, params: dict[str, Any]) -> None:
        if self._limits is None or method not in RATE_LIMITED_METHODS:
            return
        chat = params.get("chat_id")
        retry = self._limits.admit(time.monotonic(), chat if isinstance(chat, int) else None)
        if retry is not None:
            self.rate_limited += 1
            raise BotApiError(
                429, f"Too Many Requests: retry after {retry}", {"retry_after": retry}
            )

    def _raise_injected_failure(self, method: str) -> None:
        failures = self._failures.get(method.lower())
        if not failures:
            return
        failure = failures.popleft()
        parameters = None
        if failure.retry_after is not None:
            parameters = {"retry_after": failure.retry_after}
        raise BotApiError(failure.error_code, failure.description, parameters)

    def _record(self, call: _Call, status: int, payload: dict[str, Any]) -> None:
        recorded = RecordedCall(
            method=call.method,
            params=call.params,
            files=call.files,
            token=call.token,
            status=status,
            response=copy.deepcopy(payload),
        )
        self.calls.append(recorded)
        self._call_signal.fire()

    def _method_table(self) -> dict[str, _Handler]:
        return {
            "getMe": self._get_me,
            "logOut": self._return_true,
            "close": self._return_true,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "deleteMessage": self._delete_message,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
        }

    # --------------------------------------------------------- shared internals

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _allocate_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_ids.get(chat_id, 1)
        self._next_message_ids[chat_id] = message_id + 1
        return message_id

    def _find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        message = self.messages.get((chat_id, message_id))
        return None if message is None or message.deleted else message

    def _chat_id(self, params: dict[str, Any]) -> int:
        value = params.get("chat_id")
        if value is None or value == "":
            raise _bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.startswith("@"):
            for chat_id, chat in self.chats.items():
                if chat.get("username") == value[1:]:
                    return chat_id
        raise _bad_request("chat not found")

    def _chat(self, chat_id: int) -> dict[str, Any]:
        known = self.chats.get(chat_id)
        if known is not None:
            return dict(known)
        # Being lenient keeps tests short: an unknown positive id is a private chat as in Telegram.
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        return {"id": chat_id, "type": "supergroup", "title": f"Test chat {chat_id}"}

    def _sendable_chat_id(self, params: dict[str, Any]) -> int:
        chat_id = self._chat_id(params)
        if chat_id in self.blocked_chats:
            raise BotApiError(403, BLOCKED)
        self._check_reachable(chat_id)
        return chat_id

    def _check_reachable(self, chat_id: int) -> None:
        refusal = self.chat_states.refusal(chat_id, str(self._chat(chat_id)["type"]))
        if refusal is not None:
            raise BotApiError(*refusal)

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> StoredMessage | None:
        reply_parameters = params.get("reply_parameters")
        allow_missing = _bool_param(params, "allow_sending_without_reply")
        if isinstance(reply_parameters, dict):
            target_id = _int_param(reply_parameters, "message_id")
            allow_missing = allow_missing or _bool_param(
                reply_parameters, "allow_sending_without_reply"
            )
        else:
            target_id = _int_param(params, "reply_to_message_id")
        if target_id is None:
            return None
        target = self._find_message(chat_id, target_id)
        if target is None and not allow_missing:
            raise _bad_request("message to be replied not found")
        return target

    def _new_bot_message(self, chat_id: int, params: dict[str, Any]) -> StoredMessage:
        thread_id = _int_param(params, "message_thread_id")
        refusal = self.chat_states.thread_refusal(chat_id, thread_id)
        if refusal is not None:
            raise BotApiError(*refusal)
        message = StoredMessage(
            chat_id=chat_id,
            message_id=0,
            date=_now(),
            chat=self._chat(chat_id),
            sender=self.bot_user,
            from_bot=True,
            parse_mode=params.get("parse_mode") or None,
            reply_markup=_markup_param(params),
            reply_to=self._reply_target(chat_id, params),
            message_thread_id=thread_id,
        )
        return message

    def _store(self, message: StoredMessage) -> dict[str, Any]:
        message.message_id = self._allocate_message_id(message.chat_id)
        self.messages[(message.chat_id, message.message_id)] = message
        return message.to_api()

    def _editable_message(self, params: dict[str, Any]) -> StoredMessage | None:
        """The targeted message, or None for inline messages which are not tracked."""
        if params.get("inline_message_id"):
            return None
        chat_id = self._chat_id(params)
        self._check_reachable(chat_id)
        message_id = _required_int(params, "message_id")
        message = self._find_message(chat_id, message_id)
        if message is None:
            raise _bad_request("message to edit not found")
        if not message.from_bot:
            raise _bad_request("message can't be edited")
        return message

    def _upload(self, call: _Call, param: str) -> UploadedFile:
        value = call.params.get(param)
        if param in call.files:
            return call.files[param]
        if isinstance(value, str) and value.startswith("attach://"):
            key = value.removeprefix("attach://")
            if key not in call.files:
                raise _bad_request(f"{param} file not found in the request")
            return call.files[key]
        if isinstance(value, str) and value:
            known = self.files.get(value)
            if known is not None:
                return known
            # A URL or foreign file_id: Telegram would fetch it, the fake just keeps the reference.
            return UploadedFile(param, value.rsplit("/", 1)[-1], b"")
        raise _bad_request(f"there is no {param} in the request")

    def _register_file(self, upload: UploadedFile, prefix: str) -> tuple[str, str]:
        number = next(self._file_counter)
        file_id = f"{prefix}{number:08d}{self.bot_id}"
        self.files[file_id] = upload
        return file_id, f"AgAD{number:06d}"

    # ------------------------------------------------------------ method handlers

    async def _not_found(self, call: _Call) -> Any:
        raise BotApiError(404, "Not Found: method not found")

    async def _return_true(self, call: _Call) -> bool:
        return True

    async def _get_me(self, call: _Call) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _delete_webhook(self, call: _Call) -> bool:
        self.webhook_url = ""
        if _bool_param(call.params, "drop_pending_updates"):
            self._queue.clear()
        return True

    async def _set_webhook(self, call: _Call) -> bool:
        url = str(call.params.get("url") or "")
        if url:  # at most once a second, before anything else is looked at
            now = time.monotonic()
            if now < self._next_webhook_at:
                raise BotApiError(429, WEBHOOK_FLOOD, {"retry_after": 1})
            self._next_webhook_at = now + 1.0
        self.webhook_url = url
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self.webhook_allowed_updates = [str(kind) for kind in allowed]
        if _bool_param(call.params, "drop_pending_updates"):
            self._queue.clear()
        self._update_signal.fire()
        return True

    async def _get_webhook_info(self, call: _Call) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }
        if self.webhook_url and self.webhook_allowed_updates:
            info["allowed_updates"] = list(self.webhook_allowed_updates)
        return info

    def _commands_key(self, params: dict[str, Any]) -> tuple[str, str]:
        """The scope and language a command list is kept under, checked as the Bot API
        documents BotCommandScope (https://core.telegram.org/bots/api#botcommandscope): one
        of seven types; "chat" and "chat_administrators" name a chat_id (Integer or String),
        "chat_member" a chat_id and a user_id. A chat scope is kept under the chat's numeric
        id, whichever way it was named. language_code: empty, or a two-letter ISO 639-1 code
        (https://core.telegram.org/bots/api#setmycommands)."""
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict):
            raise _bad_request("can't parse BotCommandScope JSON object")
        kind = scope.get("type")
        if kind not in _SCOPE_FIELDS:
            raise _bad_request("unsupported bot command scope type")
        if set(scope) != {"type", *_SCOPE_FIELDS[kind]}:
            raise _bad_request(f"wrong fields in BotCommandScope of type {kind}")
        if "chat_id" in scope:
            scope = {**scope, "chat_id": self._chat_id(scope)}
        if "user_id" in scope and not isinstance(scope["user_id"], int):
            raise _bad_request("invalid user_id specified")
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad_request("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    async def _set_my_commands(self, call: _Call) -> bool:
        """setMyCommands (https://core.telegram.org/bots/api#setmycommands): at most 100
        BotCommands (https://core.telegram.org/bots/api#botcommand), each a command of 1-32
        lower-case English letters, digits and underscores and a description of 1-256
        characters. Kept per scope and language; the calls are recorded like any other."""
        commands = _list_param(call.params, "commands")
        if commands is None:
            raise _bad_request('parameter "commands" is required')
        if len(commands) > 100:
            raise _bad_request("too many commands specified")
        for command in commands:
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not _BOT_COMMAND_RE.fullmatch(name):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(call.params)] = copy.deepcopy(commands)
        return True

    def chat_commands(self, chat_id: int, language: str = "") -> list[dict[str, Any]] | None:
        """The command list set for one chat (BotCommandScopeChat), None when there is none."""
        key = json.dumps({"chat_id": chat_id, "type": "chat"}, sort_keys=True), language
        found = self.commands.get(key)
        return None if found is None else copy.deepcopy(found)

    async def _get_my_commands(self, call: _Call) -> list[dict[str, Any]]:
        return copy.deepcopy(self.commands.get(self._commands_key(call.params), []))

    async def _delete_my_commands(self, call: _Call) -> bool:
        self.commands.pop(self._commands_key(call.params), None)
        return True

    async def _get_updates(self, call: _Call) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise BotApiError(409, WEBHOOK_CONFLICT)
        offset = _int_param(call.params, "offset", 0) or 0
        limit = min(max(_int_param(call.params, "limit", 100) or 100, 1), 100)
        timeout = max(_int_param(call.params, "timeout", 0) or 0, 0)
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(kind) for kind in allowed]

        self._poll_generation += 1
        generation = self._poll_generation
        # Another poll may be waiting; like Telegram, the newest request wins.
        self._update_signal.fire()
        self._confirm(offset)

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise BotApiError(409, POLL_CONFLICT)
            batch = self._take(limit)
            remaining = deadline - loop.time()
            if batch or self._stopping or remaining <= 0:
                return batch
            await self._update_signal.wait(remaining)
            if self.webhook_url:
                raise BotApiError(409, WEBHOOK_CONFLICT)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self._queue = self._queue[offset:]
        elif offset > 0:
            self._queue = [
                entry
                for entry in self._queue
                if entry.update_id >= offset or (entry.redelivery and not entry.delivered)
            ]

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        kind = _update_type(update)
        if self._allowed_updates:
            return kind in self._allowed_updates
        return kind not in _OPT_IN_UPDATE_TYPES

    def _take(self, limit: int) -> list[dict[str, Any]]:
        batch: list[dict[str, Any]] = []
        kept: list[_QueuedUpdate] = []
        for entry in self._queue:
            if not self._is_allowed(entry.update):
                self.dropped_updates.append(entry.update)
                continue
            kept.append(entry)
            if len(batch) < limit:
                entry.delivered = True
                batch.append(copy.deepcopy(entry.update))
        self._queue = kept
        return batch

    async def _send_message(self, call: _Call) -> dict[str, Any]:
        chat_id = self._sendable_chat_id(call.params)
        text = call.params.get("text")
        if text is None or str(text).strip() == "":
            raise _bad_request("message text is empty")
        message = self._new_bot_message(chat_id, call.params)
        message.text = str(text)
        message.entities = _list_param(call.params, "entities")
        return self._store(message)

    async def _edit_message_text(self, call: _Call) -> dict[str, Any] | bool:
        message = self._editable_message(call.params)
        text = call.params.get("text")
        if text is None or str(text).strip() == "":
            raise _bad_request("message text is empty")
        if message is None:
            return True
        if message.text is None:
            raise _bad_request("there is no text in the message to edit")
        # Omitting reply_markup removes the inline keyboard, exactly like Telegram does.
        markup = _markup_param(call.params)
        if message.text == str(text) and message.reply_markup == markup:
            raise _bad_request(NOT_MODIFIED)
        message.remember_revision()
        message.text = str(text)
        message.entities = _list_param(call.params, "entities")
        message.parse_mode = call.params.get("parse_mode") or None
        message.reply_markup = markup
        message.edit_date = _now()
        return message.to_api()

    async def _edit_message_caption(self, call: _Call) -> dict[str, Any] | bool:
        message = self._editable_message(call.params)
        if message is None:
            return True
        if message.document is None and message.photo is None:
            raise _bad_request("there is no caption in the message to edit")
        caption = call.params.get("caption")
        caption = None if caption in (None, "") else str(caption)
        markup = _markup_param(call.params)
        if message.caption == caption and message.reply_markup == markup:
            raise _bad_request(NOT_MODIFIED)
        message.remember_revision()
        message.caption = caption
        message.caption_entities = _list_param(call.params, "caption_entities")
        message.reply_markup = markup
        message.edit_date = _now()
        return message.to_api()

    async def _edit_message_reply_markup(self, call: _Call) -> dict[str, Any] | bool:
        message = self._editable_message(call.params)
        if message is None:
            return True
        markup = _markup_param(call.params)
        if message.reply_markup == markup:
            raise _bad_request(NOT_MODIFIED)
        message.remember_revision()
        message.reply_markup = markup
        message.edit_date = _now()
        return message.to_api()

    async def _answer_callback_query(self, call: _Call) -> bool:
        query_id = str(call.params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise _bad_request(QUERY_TOO_OLD)
        if time.monotonic() > self._callback_deadlines.get(query_id, float("inf")):
            self._open_callbacks.discard(query_id)
            raise _bad_request(QUERY_TOO_OLD)
        self._open_callbacks.discard(query_id)
        self.callback_answers[query_id] = dict(call.params)
        return True

    async def _send_document(self, call: _Call) -> dict[str, Any]:
        chat_id = self._sendable_chat_id(call.params)
        upload = self._upload(call, "document")
        message = self._with_caption(self._new_bot_message(chat_id, call.params), call.params)
        file_id, unique_id = self._register_file(upload, "BQACAgIAAxkBAAI")
        message.upload = upload
        message.document = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": upload.filename,
            "file_size": len(upload.content),
        }
        if upload.content_type:
            message.document["mime_type"] = upload.content_type
        return self._store(message)

    async def _send_photo(self, call: _Call) -> dict[str, Any]:
        chat_id = self._sendable_chat_id(call.params)
        upload = self._upload(call, "photo")
        message = self._with_caption(self._new_bot_message(chat_id, call.params), call.params)
        file_id, unique_id = self._register_file(upload, "AgACAgIAAxkBAAI")
        message.upload = upload
        # The fake does not decode images, so dimensions are unknown and reported as zero.
        message.photo = [
            {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "width": 0,
                "height": 0,
                "file_size": len(upload.content),
            }
        ]
        return self._store(message)

    @staticmethod
    def _with_caption(message: StoredMessage, params: dict[str, Any]) -> StoredMessage:
        caption = params.get("caption")
        message.caption = None if caption in (None, "") else str(caption)
        message.caption_entities = _list_param(params, "caption_entities")
        return message

    async def _send_chat_action(self, call: _Call) -> bool:
        self._sendable_chat_id(call.params)
        if call.params.get("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    async def _delete_message(self, call: _Call) -> bool:
        chat_id = self._chat_id(call.params)
        message = self._find_message(chat_id, _required_int(call.params, "message_id"))
        if message is None:
            raise _bad_request("message to delete not found")
        message.deleted = True
        return True

    async def _get_chat(self, call: _Call) -> dict[str, Any]:
        chat = self._chat(self._chat_id(call.params))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
                "gifts_from_channels": True,
            },
        }

    async def _get_chat_member(self, call: _Call) -> dict[str, Any]:
        chat_id = self._chat_id(call.params)
        self._check_reachable(chat_id)
        user_id = _required_int(call.params, "user_id")
        if user_id == self.bot_id:
            return {"status": "member", "user": self.bot_user}
        return self.chat_states.member(chat_id, self._known_user(user_id))

    async def _get_chat_administrators(self, call: _Call) -> list[dict[str, Any]]:
        chat_id = self._chat_id(call.params)
        self._check_reachable(chat_id)
        return [
            self.chat_states.member(chat_id, self._known_user(user_id))
            for user_id in self.chat_states.administrators(chat_id)
        ]

    def _known_user(self, user_id: int) -> dict[str, Any]:
        for message in self.messages.values():
            if message.sender.get("id") == user_id:
                return dict(message.sender)
        return self._user(user_id, f"User {user_id}", None, None, None)
