"""The channel-neutral request a handler reads and the reply it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from domain.errors import DomainError
from domain.model import Channel

# Channels whose choices may be typed as numbers (or letters): those without buttons, and
# the Official Account's, whose buttons become numbered lines beyond Zalo's limits.
NUMBERED_CHANNELS = frozenset({Channel.ZALO, Channel.ZALO_OA, Channel.CONSOLE})


class ChatKind(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True)
class Attachment:
    """A photo or document sent with a message, as the platform refers to it."""

    kind: str  # photo | document
    reference: str  # the platform's file id, or a URL (Zalo)
    name: str = ""
    size: int = 0  # bytes; 0 when the platform does not say
    mime_type: str = ""


@dataclass(frozen=True)
class Incoming:
    """What a channel hands to the app: a text, a command or a button press."""

    channel: Channel
    chat_id: str
    chat_kind: ChatKind
    user_id: str
    user_name: str
    text: str = ""
    callback_data: str | None = None
    update_key: str | None = None
    chat_title: str = ""
    bot_username: str | None = None
    unsupported: bool = False  # a sticker or other content the bot cannot read
    attachment: Attachment | None = None
    thread_id: str | None = None  # the forum topic of a group it came from
    # Sent by the group itself: an administrator who stays anonymous, so `user_id` is no one.
    sender_is_chat: bool = False


@dataclass(frozen=True)
class Action:
    """A button's meaning: a name and string arguments, carried signed in callback data."""

    name: str
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        return self.args[index] if index < len(self.args) else default


@dataclass(frozen=True)
class Request:
    incoming: Incoming
    command: str | None = None
    args: str = ""
    action: Action | None = None

    @property
    def channel(self) -> Channel:
        return self.incoming.channel

    @property
    def is_group(self) -> bool:
        return self.incoming.chat_kind is ChatKind.GROUP

    @property
    def typed_choices(self) -> bool:
        """A choice typed as a number (a stray digit can press one), not a button pressed."""
        return self.incoming.channel in NUMBERED_CHANNELS and self.incoming.callback_data is None

    @property
    def text(self) -> str:
        return self.incoming.text


@dataclass(frozen=True)
class Button:
    """A choice, or (`web_url` set) a web page that opens the same task: a Mini App button
    on Telegram, a personal link in the text where there are no such buttons."""

    label: str
    action: Action
    web_url: str | None = None

    @property
    def is_web_page(self) -> bool:
        return self.web_url is not None


@dataclass(frozen=True)
class File:
    name: str
    content: bytes
    mime_type: str
    caption: str = ""


@dataclass
class Reply:
    """A message to show. From a button press it replaces the pressed message where the
    channel can edit; `toast` is the short answer to the press itself."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    files: list[File] = field(default_factory=list)
    toast: str | None = None
    new_message: bool = False
    is_error: bool = False  # a refusal keeps the choices on offer, so a retry still works
    # While a number typed is data (a score), text channels offer the choices as letters.
    lettered: bool = False
    # Typed input answered by the screen it changed: where the channel can, that screen
    # (its last message with buttons) is updated instead of a new message sent.
    replaces_screen: bool = False
    # Only the short answer to a press: nothing is posted (a vote pressed in the group).
    toast_only: bool = False
    # Carries a secret vote's receipt: queued in the outbox, its text is kept encrypted.
    sealed: bool = False

    def flat_buttons(self) -> list[Button]:
        """The choices: web pages are links, never numbered."""
        return [button for row in self.buttons for button in row if not button.is_web_page]

    def web_pages(self) -> list[Button]:
        return [button for row in self.buttons for button in row if button.is_web_page]

    def choice_rows(self) -> list[list[Button]]:
        rows = [[button for button in row if not button.is_web_page] for row in self.buttons]
        return [row for row in rows if row]


class RefusedOnScreen(Exception):
    """A refusal shown on the screen it concerns: the warning on top of `screen` (a score
    sheet edited in place stays the chat's last message), the handler's writes undone as for
    any refusal."""

    def __init__(self, error: DomainError, screen: Reply) -> None:
        super().__init__(error)
        self.error = error
        self.screen = screen


@dataclass
class Outcome:
    """What handling one update produced; `duplicate` when it had been handled before."""

    replies: list[Reply] = field(default_factory=list)
    duplicate: bool = False
    ignored: bool = False

    @property
    def toast(self) -> str | None:
        return next((reply.toast for reply in self.replies if reply.toast), None)
