"""The console channel: the same conversation in a terminal, buttons as numbered choices.

The terminal acts as one person at a time. Messages the outbox sends to that person are
shown as they come; those for another console person wait in that person's mailbox and are
shown on switching to them (`/vai`), so a newcomer can play every unit of the bloc."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.app import BotApp
from bot.channels.render import numbered_text, outgoing_text
from bot.dispatcher import Outgoing
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.request import Attachment, ChatKind, Incoming, Reply
from bot.typed import choice_number
from domain.model import Channel
from imports.limits import read_bounded

PROMPT = "> "
QUIT_COMMANDS = ("/thoat", "/quit", "/exit")
SWITCH_COMMANDS = ("/vai", "/role")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Persona:
    """Someone the console can act as: the officer of one member unit."""

    user_id: str
    name: str
    label: str  # the unit and its role, as listed
    join: str | None = None  # "/start <code>" while this person has not joined yet


PersonaSource = Callable[[], Awaitable[list[Persona]]]


class ConsoleChannel:
    def __init__(
        self,
        app: BotApp,
        user_id: str = "console",
        user_name: str = "Khách dùng thử",
        files_dir: Path = Path("out"),
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        personas: PersonaSource | None = None,
    ) -> None:
        self.app = app
        self.user_id = user_id
        self.user_name = user_name
        self.files_dir = files_dir
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.personas = personas
        self.t = Translator(DEFAULT_LOCALE)
        self._mailboxes: dict[str, list[str]] = {}
        self._labels: dict[str, str] = {}
        self._picking: list[Persona] = []
        app.fetchers[Channel.CONSOLE] = self._read_file

    async def run(self, banner: str, first_input: str | None = None, pick: bool = False) -> None:
        """Read lines until end of input or /thoat. `pick` opens with the list of persons."""
        self.write(banner)
        if pick:
            await self.offer_personas()
        if first_input:
            await self.send(first_input)
        while True:
            self.stdout.write(PROMPT)
            self.stdout.flush()
            line = await self._readline()
            if not line:
                self.write("")
                return
            text = line.strip()
            if text in QUIT_COMMANDS:
                return
            if text:
                await self.take(text)

    async def take(self, text: str) -> None:
        """A typed line: the console's own commands first, then the bot."""
        if text in SWITCH_COMMANDS and self.personas is not None:
            await self.offer_personas()
            return
        number = choice_number(text) if self._picking else None
        if number is not None and 1 <= number <= len(self._picking):
            await self.become(self._picking[number - 1])
            return
        self._picking = []
        await self.send(text)

    async def offer_personas(self) -> None:
        personas = await self._known_personas()
        if not personas:
            self.write(self.t("console-no-personas"))
            return
        lines = [self.t("console-personas")]
        for index, persona in enumerate(personas, 1):
            waiting = len(self._mailboxes.get(persona.user_id, []))
            mark = "👉 " if persona.user_id == self.user_id else ""
            suffix = self.t("console-persona-waiting", count=waiting) if waiting else ""
            lines.append(f"{index}. {mark}{persona.label}{suffix}")
        self.write("\n".join(lines))
        self._picking = personas

    async def _known_personas(self) -> list[Persona]:
        personas = await self.personas() if self.personas is not None else []
        self._labels.update({persona.user_id: persona.label for persona in personas})
        return personas

    async def become(self, persona: Persona) -> None:
        self._picking = []
        self.user_id, self.user_name = persona.user_id, persona.name
        self.write(self.t("console-acting-as", label=persona.label))
        if persona.join is not None:
            await self.send(persona.join)
        waiting = self._mailboxes.pop(persona.user_id, [])
        for text in waiting:
            self.write(text)
        if persona.join is None and not waiting:
            self.write(self.t("console-nothing-waiting"))

    async def send(self, text: str) -> None:
        attachment = _local_file(text)
        incoming = Incoming(
            channel=Channel.CONSOLE,
            chat_id=self.user_id,
            chat_kind=ChatKind.PRIVATE,
            user_id=self.user_id,
            user_name=self.user_name,
            text="" if attachment else text,
            attachment=attachment,
        )
        try:
            outcome = await self.app.handle(incoming)
        except Exception:
            # The update's transaction was rolled back; the session goes on.
            log.exception("console: handling %r failed", text)
            self.write("⚠️ " + self.t("error-generic"))
            return
        for reply in outcome.replies:
            self.show(reply)

    def show(self, reply: Reply) -> None:
        self.write(numbered_text(reply))
        for file in reply.files:
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = self.files_dir / file.name
            path.write_bytes(file.content)
            self.write(f"📎 {path}")

    async def deliver(self, chat_id: str, message: Outgoing) -> str | None:
        """The outbox's sender: shown to the person acted as; kept for anyone else."""
        text = outgoing_text(message)
        if chat_id == self.user_id:
            self.write(text)
        else:
            self._mailboxes.setdefault(chat_id, []).append(text)
            if chat_id not in self._labels:
                await self._known_personas()
            whom = self._labels.get(chat_id, chat_id)
            self.write(self.t("console-mail-for", whom=whom))
        return None

    def waiting(self, chat_id: str) -> list[str]:
        """The messages kept for someone the console is not acting as."""
        return list(self._mailboxes.get(chat_id, []))

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """The console has nothing to edit; it never posts what would need it."""

    async def _read_file(self, attachment: Attachment, limit: int) -> bytes:
        return await asyncio.to_thread(read_bounded, attachment.reference, limit)

    async def _readline(self) -> str:
        """One line from stdin, read by a daemon thread: Ctrl+C ends the process at once,
        where a worker of the default executor blocked in readline would hold it open."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str] = loop.create_future()

        def settle(line: str) -> None:
            if not future.done():
                future.set_result(line)

        def read() -> None:
            try:
                line = self.stdin.readline()
            except (OSError, ValueError):  # stdin closed under us: as end of input
                line = ""
            with contextlib.suppress(RuntimeError):  # the loop is gone: the process stops
                loop.call_soon_threadsafe(settle, line)

        threading.Thread(target=read, name="console-stdin", daemon=True).start()
        return await future

    def write(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()


def _local_file(text: str) -> Attachment | None:
    """'@path' sends a file from this machine, as a document would be sent in a chat."""
    if not text.startswith("@"):
        return None
    path = Path(text[1:].strip()).expanduser()
    if not path.is_file():
        return None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Attachment("document", str(path), path.name, path.stat().st_size, mime)
