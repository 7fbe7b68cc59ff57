"""What a handler gets besides the request: the transaction, who is asking, and the tools."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from bot.i18n import Translator

if TYPE_CHECKING:
    from bot.notices import Notices
from bot.request import Attachment, Reply, Request
from domain.model import Channel, Identity, Officer
from domain.ports import UnitOfWork


class ProcessedUpdates(Protocol):
    async def seen(self, channel: str, update_key: str) -> bool: ...
    async def claim(
        self,
        channel: str,
        update_key: str,
        now: datetime,
        chat_id: str | None = None,
        user_id: str | None = None,
    ) -> bool: ...
    async def prune(self, before: datetime) -> int: ...


class Conversations(Protocol):
    async def load(self, channel: str, chat_id: str, user_id: str) -> dict[str, Any]: ...
    async def save(
        self, channel: str, chat_id: str, user_id: str, snapshot: dict[str, Any], now: datetime
    ) -> None: ...


class StoredFileView(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def mime_type(self) -> str: ...
    @property
    def content(self) -> bytes: ...


class FileStore(Protocol):
    async def put(
        self, name: str, mime_type: str, content: bytes, now: datetime, expires_at: datetime
    ) -> str: ...
    async def get(self, token: str) -> StoredFileView | None: ...
    async def prune(self, now: datetime) -> int: ...


class Outbox(Protocol):
    """Messages to send, written in the transaction of the change that causes them."""

    lease: timedelta  # how long `due`'s claim keeps the other workers off its messages

    async def enqueue(
        self,
        channel: str,
        chat_id: str,
        payload: dict[str, Any],
        now: datetime,
        *,
        key: str | None = None,
        track: str | None = None,
        edit_of: str | None = None,
        not_before: datetime | None = None,
        expires_at: datetime | None = None,
    ) -> None: ...

    async def due(self, now: datetime, limit: int = 50) -> Sequence[QueuedMessage]: ...
    # The marks: each False, writing nothing, when the message's claim is no longer this
    # worker's (its lease ran out and another worker took the message over).
    async def sent(self, message_id: int, now: datetime, platform_id: str | None) -> bool: ...
    async def failed(
        self, message_id: int, now: datetime, error: str, blocked: bool = False
    ) -> bool: ...
    async def postpone(
        self, message_id: int, until: datetime, error: str = "", failed: bool = False
    ) -> bool: ...
    async def platform_id(self, channel: str, chat_id: str, track: str) -> str | None: ...
    async def has_pending_track(self, channel: str, chat_id: str, track: str) -> bool: ...
    async def last_track(self, channel: str, chat_id: str, prefix: str) -> str | None: ...
    async def pending_count(self) -> int: ...
    async def progress(self, message_id: int, parts_sent: int) -> bool: ...
    async def move_chat(self, channel: str, old_chat_id: str, new_chat_id: str) -> int: ...
    async def drop_chat(self, channel: str, chat_id: str, reason: str) -> int: ...


class QueuedMessage(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def channel(self) -> str: ...
    @property
    def chat_id(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def track(self) -> str | None: ...
    @property
    def edit_of(self) -> str | None: ...
    @property
    def attempts(self) -> int: ...


class WebLinkView(Protocol):
    @property
    def channel(self) -> str: ...
    @property
    def external_id(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def expires_at(self) -> datetime: ...
    @property
    def used_at(self) -> datetime | None: ...


class WebSessionView(Protocol):
    channel: str
    external_id: str
    csrf: str
    data: dict[str, Any]
    expires_at: datetime


class WebAccess(Protocol):
    """The web pages' sign-in links and sessions (`web/`), stored by token hash."""

    async def add_link(
        self, token_hash: str, channel: str, external_id: str, path: str,
        now: datetime, expires_at: datetime,
    ) -> None: ...  # fmt: skip
    async def use_link(self, token_hash: str, now: datetime) -> WebLinkView | None: ...
    async def add_session(
        self, token_hash: str, channel: str, external_id: str, csrf: str,
        now: datetime, expires_at: datetime,
    ) -> None: ...  # fmt: skip
    async def get_session(self, token_hash: str, now: datetime) -> WebSessionView | None: ...
    async def save_session_data(self, token_hash: str, data: dict[str, Any]) -> None: ...
    async def end_session(self, token_hash: str) -> None: ...
    async def prune(self, now: datetime) -> int: ...


class AppSettings(Protocol):
    async def secret(self, key: str) -> str: ...


class BotUnitOfWork(UnitOfWork, Protocol):
    """The domain's unit of work plus the chat-side bookkeeping kept in the same transaction."""

    @property
    def updates(self) -> ProcessedUpdates: ...
    @property
    def conversations(self) -> Conversations: ...
    @property
    def app_settings(self) -> AppSettings: ...
    @property
    def files(self) -> FileStore: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def web_access(self) -> WebAccess: ...

    async def __aenter__(self) -> BotUnitOfWork: ...


@dataclass(frozen=True)
class BotConfig:
    invite_ttl_days: int = 60
    telegram_username: str | None = None
    public_base_url: str = "http://127.0.0.1:8080"  # where file links point (the web server)
    file_link_hours: int = 72
    web_pages: bool = True  # chat screens offer their web page (a Mini App button or a link)


@dataclass
class Conversation:
    """Where the person is: a state name with its data, and the numbered choices on offer."""

    state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    lettered: bool = False

    @classmethod
    def restore(cls, snapshot: dict[str, Any]) -> Conversation:
        data = dict(snapshot["data"])
        lettered = bool(data.pop(_LETTERED, False))
        return cls(snapshot["state"], data, list(snapshot["choices"]), lettered)

    def snapshot(self) -> dict[str, Any]:
        data = dict(self.data) | ({_LETTERED: True} if self.lettered else {})
        return {"state": self.state, "data": data, "choices": self.choices}

    def enter(self, state: str, **data: Any) -> None:
        self.state, self.data = state, dict(data)

    def clear(self) -> None:
        self.state, self.data = None, {}


_LETTERED = "_lettered"  # kept inside data: the stored snapshot has no column for it


# Downloads an attachment's bytes, at most the limit given: past it, InputRefused
# (imports.limits.too_large), whatever size the platform declared.
Fetch = Callable[[Attachment, int], Awaitable[bytes]]
# Whether a person (their id on the platform) administers a group chat: asked of the chat.
ChatAdminCheck = Callable[[str, str], Awaitable[bool]]


@dataclass
class Context:
    uow: BotUnitOfWork
    identity: Identity
    officer: Officer | None
    t: Translator
    now: datetime
    conversation: Conversation
    config: BotConfig
    fetch: Fetch | None = None  # downloads an attachment's bytes, where the channel can
    notifier: Notices | None = None  # messages to others than the asker, through the outbox
    # Every channel's download, by channel: evidence sent through one is opened from another.
    fetchers: Mapping[Channel, Fetch] = field(default_factory=dict)
    chat_admin: ChatAdminCheck | None = None  # where the channel can ask a group

    @property
    def notices(self) -> Notices:
        assert self.notifier is not None, "the app gives every handler its notices"
        return self.notifier


Handler = Callable[[Request, Context], Awaitable[Reply]]
