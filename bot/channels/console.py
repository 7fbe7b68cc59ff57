"""The console channel: the same conversation in a terminal, buttons as numbered choices."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import sys
from pathlib import Path
from typing import TextIO

from bot.app import BotApp
from bot.channels.render import numbered_text, outgoing_text
from bot.dispatcher import Outgoing
from bot.i18n import DEFAULT_LOCALE, Translator
from bot.request import Attachment, ChatKind, Incoming, Reply
from domain.model import Channel
from imports.limits import read_bounded

PROMPT = "> "

log = logging.getLogger(__name__)


class ConsoleChannel:
    def __init__(
        self,
        app: BotApp,
        user_id: str = "console",
        user_name: str = "Khách dùng thử",
        files_dir: Path = Path("out"),
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
    ) -> None:
        self.app = app
        self.user_id = user_id
        self.user_name = user_name
        self.files_dir = files_dir
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        app.fetchers[Channel.CONSOLE] = self._read_file

    async def run(self, banner: str, first_input: str | None = None) -> None:
        self.write(banner)
        if first_input:
            await self.send(first_input)
        while True:
            self.stdout.write(PROMPT)
            self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line:
                self.write("")
                return
            text = line.strip()
            if text in ("/thoat", "/quit", "/exit"):
                return
            if text:
                await self.send(text)

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
            self.write("⚠️ " + Translator(DEFAULT_LOCALE)("error-generic"))
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
        """The outbox's sender: a message for someone else is shown with whom it is for."""
        text = outgoing_text(message)
        if chat_id != self.user_id:
            text = f"📨 [{chat_id}] {text}"
        self.write(text)
        return None

    async def amend(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """The console has nothing to edit; it never posts what would need it."""

    async def _read_file(self, attachment: Attachment, limit: int) -> bytes:
        return await asyncio.to_thread(read_bounded, attachment.reference, limit)

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
